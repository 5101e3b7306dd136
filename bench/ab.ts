/**
 * Two or more builds of the widget, compared in one process:
 *
 *   npx tsx bench/ab.ts <dirA> <dirB> [--runs 40] [--solutions 1000] [--latency 0]
 *
 * Each directory holds a build's `cdn/` folder (copy `dist/` after `npm run
 * build`, or `npx vite build --mode cdn --outDir <dir>/cdn`). On a 2-core
 * machine the whole load moves 10 to 20% between bench runs, more than most
 * single changes save; here the drift falls on every build alike: one
 * emulator, one bench host per build, the builds alternating run by run in
 * fresh tabs, the widget and the bare loop alternating which goes first, as
 * in the speed bench (the same code: timeInOneTab in speed.ts). One warm-up round is
 * discarded. Prints, per build, the medians and two ratios: of the medians,
 * and the median of each run's own widget ÷ bare (steadier when the machine
 * drifts within the comparison).
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { launchChromium } from '../scripts/chromium.ts';
import { startEmulator } from '../emulator/http.ts';
import { startBenchHost } from './host.ts';
import { BENCH_USER, generateFixture, median, round, timeInOneTab, type Env } from './speed.ts';

/** One run of one build: the widget's load and the bare loop, in one tab. */
export interface AbSample {
  widgetMs: number;
  firstCardMs: number;
  bareMs: number;
}

export interface AbSummary {
  runs: number;
  widgetMs: number;
  firstCardMs: number;
  bareMs: number;
  /** Median widget ÷ median bare, as the speed bench reports it. */
  ratio: number;
  /** Median of each run's widget ÷ its own bare. */
  pairRatio: number;
}

export function summarize(samples: readonly AbSample[]): AbSummary {
  const of = (pick: (s: AbSample) => number) => median(samples.map(pick));
  return {
    runs: samples.length,
    widgetMs: round(of((s) => s.widgetMs)),
    firstCardMs: round(of((s) => s.firstCardMs)),
    bareMs: round(of((s) => s.bareMs)),
    ratio: round(of((s) => s.widgetMs) / of((s) => s.bareMs), 2),
    pairRatio: round(of((s) => s.widgetMs / s.bareMs), 2),
  };
}

async function main(): Promise<void> {
  const { values, positionals: dirs } = parseArgs({
    allowPositionals: true,
    options: { runs: { type: 'string', default: '40' }, solutions: { type: 'string', default: '1000' }, latency: { type: 'string', default: '0' } },
  });
  const runs = Number(values.runs);
  const solutions = Number(values.solutions);
  if (dirs.length < 2 || !(runs > 0) || !(solutions > 0)) {
    console.error('usage: npx tsx bench/ab.ts <dirA> <dirB> [...] [--runs 40] [--solutions 1000] [--latency 0]\n(each directory holds a build\'s cdn/ folder)');
    process.exit(2);
  }
  // No rate limit: a comparison sends thousands of requests with one token.
  const emulator = await startEmulator({ fixture: generateFixture(solutions), rateLimit: false });
  emulator.emulator.setLatency(Number(values.latency));
  emulator.emulator.ensureUser(BENCH_USER.externalUserId, BENCH_USER.name);
  const token = emulator.emulator.userToken(BENCH_USER.externalUserId);
  const envs: Env[] = [];
  for (const dir of dirs) envs.push({ emulator, host: await startBenchHost(emulator, resolve(dir), BENCH_USER), token });
  const browser = await launchChromium();
  const samples: AbSample[][] = dirs.map(() => []);
  try {
    for (let run = 0; run <= runs; run++) {
      for (let i = 0; i < dirs.length; i++) {
        // Each build in each position in turn, so none always follows the same one.
        const build = (i + run) % dirs.length;
        const { widget, bare } = await timeInOneTab(browser, envs[build]!, solutions, run % 2 === 1);
        if (run > 0) samples[build]!.push({ widgetMs: widget.ms, firstCardMs: widget.firstCardMs, bareMs: bare.ms });
      }
    }
  } finally {
    await browser.close();
    await Promise.all(envs.map((env) => env.host.close()));
    await emulator.close();
  }
  console.log(`${solutions} solutions, ${values.latency} ms latency, ${runs} runs a build; medians`);
  for (const [i, dir] of dirs.entries()) {
    const s = summarize(samples[i]!);
    console.log(
      `${dir}: whole load ${s.widgetMs} ms, first card ${s.firstCardMs} ms, bare ${s.bareMs} ms; ` +
        `widget ÷ bare ${s.ratio}× (of the medians), ${s.pairRatio}× (median of each run's)`,
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) await main();
