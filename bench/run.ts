/**
 * `npm run bench`: bundle size and what it is made of, requests per journey
 * beside the reference app's, load speed against the bare GraphQL round
 * trip, and the JS heap after 1000 cards. Builds first when dist/ is missing
 * or older than its inputs. Prints tables; writes bench/results.json.
 * Method: bench/README.md.
 *
 *   npm run bench [-- --runs 7 --sizes 10,100,1000,10000 --latencies 0,100 --out bench/results.json]
 *   npm run bench -- --only speed [--sizes 1000,10000 --latencies 100 --runs 3]   (speed and memory alone; updates them in --out)
 *   npm run bench -- --only fleet [--fleet-users 500] [--user-creation create-first]   (the fleet run alone; updates `fleet` in --out)
 *   npm run bench -- --only click [--runs 7]   (the click to the dialog alone, at 0 and 100 ms; updates `clickToDialog` in --out)
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildAll } from '../scripts/build.ts';
import type { Browser } from 'puppeteer-core';
import { launchChromium } from '../scripts/chromium.ts';
import { INSTALL_LINE, missingPrerequisites, onPath } from '../scripts/prerequisites.ts';
import { measureBundle, type BundleReport } from './bundle.ts';
import { measureClickToDialog, type ClickToDialogCase } from './click-to-dialog.ts';
import { measureFleet, type FleetResult } from './fleet.ts';
import type { UserCreation } from '../src/server/index.ts';
import { measureRequests, type JourneyResult } from './requests.ts';
import { measureSpeed, type MemoryResult, type SpeedCase } from './speed.ts';
import { measureRenderOptions, type CardAnatomy, type RenderOptionResult } from './render-options.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
/** What the build reads, and what it writes that the bench uses. */
const BUILD_INPUTS = ['src', 'vite.config.ts', 'scripts/build.ts', 'package.json'];
const BUILD_OUTPUTS = ['dist/cdn/tray-integrations.js', 'dist/cdn/tray-integrations.js.map', 'dist/cdn/tray-integrations.iife.js', 'dist/index.js'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

/** Why dist/ must be rebuilt, or null when it is current. */
export function staleReason(root = ROOT): string | null {
  const missing = BUILD_OUTPUTS.find((file) => !existsSync(join(root, file)));
  if (missing) return `${missing} is missing`;
  const built = Math.min(...BUILD_OUTPUTS.map((file) => statSync(join(root, file)).mtimeMs));
  const input = BUILD_INPUTS.find((path) => newestMtime(join(root, path)) > built);
  return input ? `${input} changed since the last build` : null;
}

export interface BenchResults {
  date: string;
  machine: {
    cpu: string;
    cores: number;
    memoryGB: number;
    os: string;
    node: string;
    chromium: string;
    /** 1, 5 and 15 minute load averages when the run ended: other work on the machine skews the timings. */
    loadAverage: number[];
  };
  /** Each section is left out when it could not run; `skipped` says why. */
  bundle?: BundleReport;
  requests?: JourneyResult[];
  speed?: SpeedCase[];
  /** One row per size. */
  memory?: MemoryResult[] | null;
  /** The sections that could not run on this machine, and why. */
  skipped?: Record<string, string>;
  /** Ways to render 1000 cards, on the real card template (bench/render-options.ts). */
  renderOptions?: { modes: RenderOptionResult[]; card: CardAnatomy };
  /** What the search/filter bar and RevealController add to the script-tag bundle. */
  /** Host processes sharing Redis under a crowd of new users (bench/fleet.ts). */
  fleet?: FleetResult;
  /** From pressing Connect to the popup sent to Tray's dialog (bench/click-to-dialog.ts). */
  clickToDialog?: ClickToDialogCase[];
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)}%`;

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function report(results: BenchResults): string {
  const { bundle, machine } = results;
  const requests = results.requests ?? [];
  const out: string[] = [];
  out.push(`tray-integrations bench, ${results.date}`);
  out.push(`${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, ${machine.os}; Node ${machine.node}; ${machine.chromium}; load average ${machine.loadAverage.join(' ')}`);

  if (bundle) {
    out.push('', 'BUNDLE (gzip level 9)');
    out.push(
      table(
        ['file', 'raw', 'gzip'],
        [
          [`${bundle.cdn.file} (script-tag bundle, Lit inside)`, kB(bundle.cdn.total.raw), kB(bundle.cdn.total.gzip)],
          ...bundle.chunks.map((c) => [`${c.file} (its chunk, fetched while the first data loads)`, kB(c.sizes.raw), kB(c.sizes.gzip)]),
          ['dist/cdn/tray-integrations.iife.js (classic script)', kB(bundle.iife.raw), kB(bundle.iife.gzip)],
          [`${bundle.esm.entry} (ESM entry alone)`, kB(bundle.esm.entrySizes.raw), kB(bundle.esm.entrySizes.gzip)],
          [`${bundle.esm.entry} + its ${bundle.esm.graph.files - 1} modules (unminified, Lit external, gzip per file)`, kB(bundle.esm.graph.raw), kB(bundle.esm.graph.gzipEach)],
        ],
      ),
    );
    out.push('', `What ${bundle.cdn.file} is made of (sourcemap attribution; gzip split by each part's own compressibility)`);
    out.push(
      table(
        ['part', 'raw', 'gzip', 'share of gzip'],
        bundle.cdn.groups.map((g) => [g.group, kB(g.raw), kB(g.gzip), pct(g.gzip, bundle.cdn.total.gzip)]),
      ),
    );
    const gr = bundle.graphqlRequest;
    if ('error' in gr) out.push('', `graphql-request: ${gr.error}`);
    else {
      out.push('', `Not in the browser bundle (the server entry uses it): graphql-request@${gr.version} (+ graphql@${gr.graphqlVersion}), bundled alone the same way`);
      out.push(
        table(
          ['part', 'raw', 'gzip'],
          [...gr.groups.map((g) => [g.group, kB(g.raw), kB(g.gzip)]), ['total', kB(gr.total.raw), kB(gr.total.gzip)]],
        ),
      );
    }

  }
  if (requests.length) {
  out.push('', 'REQUESTS per journey: ours measured in Chromium; reference read from its code (bench/README.md)');
  out.push(
    table(
      ['journey', 'host calls', 'ref. host', 'Tray requests', 'ref. Tray'],
      requests.map((j) => [j.journey, String(j.host.count), j.reference?.host ?? '-', String(j.tray.count), j.reference?.tray ?? '-']),
    ),
  );
  for (const j of requests) out.push(`  ${j.journey}: host [${j.host.calls.join(', ')}]; Tray [${j.tray.calls.join(', ')}]`);

  }
  out.push(...speedReport(results));
  if (results.renderOptions) {
    const { modes, card } = results.renderOptions;
    out.push('', `RENDER OPTIONS: ${modes[0]?.solutions} solutions on the real card template; set to two frames after the cards settle; medians of ${modes[0]?.runs}`);
    out.push(table(['mode', 'cards', 'render', 'DOM nodes', 'heap added'], modes.map((m) => [m.mode, String(m.cards), `${m.renderMs} ms`, String(m.domNodes), kB(m.heap)])));
    out.push(`  one card: ${card.elements} elements, ${card.text} text nodes, ${card.whitespace} whitespace-only text nodes, ${card.comments} Lit markers`);
  }
  if (results.clickToDialog?.length) out.push('', clickReport(results.clickToDialog));
  if (results.fleet) out.push('', fleetReport(results.fleet));
  for (const [section, why] of Object.entries(results.skipped ?? {})) out.push('', `${section.toUpperCase()}: not measured: ${why}`);
  return out.join('\n');
}

/** The speed and memory tables (empty when the run had neither). */
function speedReport(results: Pick<BenchResults, 'speed' | 'memory'>): string[] {
  const out: string[] = [];
  if (results.speed?.length) {
    out.push('', 'SPEED: append() to the first card and to the load done, vs the floor element (same pages, same client, one bare article) and the bare Marketplace round trips (fetch), in the same tabs; medians');
    out.push(
      table(
        ['solutions', 'latency', 'runs', 'requests', 'cards', 'widget', 'floor', 'widget ÷ floor', 'bare fetch', 'widget ÷ bare', 'first card', 'bare 1st page', 'first ÷ page'],
        results.speed!.map((s) => [String(s.solutions), `${s.latencyMs} ms`, String(s.runs), s.requests.widget === s.requests.bare ? String(s.requests.widget) : `${s.requests.widget} vs ${s.requests.bare}`, String(s.cards), `${s.widgetMs.median} ms`, s.floorMs ? `${s.floorMs.median} ms` : '-', s.floorRatio ? `${s.floorRatio.toFixed(2)}×` : '-', `${s.bareMs.median} ms`, `${s.ratio.toFixed(2)}×`, `${s.firstCardMs.median} ms`, `${s.bareFirstPageMs.median} ms`, `${s.firstCardRatio.toFixed(2)}×`]),
      ),
    );
  }
  if (results.memory?.length) {
    out.push('', `MEMORY: JS heap after GC (CDP) and DOM nodes, after the load, at 0 ms latency; medians`);
    out.push(
      table(
        ['solutions', 'runs', 'page before mounting', "widget's share", 'DOM nodes'],
        results.memory.map((m) => [String(m.solutions), String(m.runs), kB(m.beforeMount), kB(m.widget), String(m.domNodes)]),
      ),
    );
  }
  return out;
}

function clickReport(cases: ClickToDialogCase[]): string {
  const ms = (n: number) => `${Math.round(n)} ms`;
  return [
    'CLICK TO DIALOG: pressing Connect (one service to sign in to) to the popup asking for Tray\'s dialog (round trips: to that point), and to the dialog\'s first byte in the popup; latency on every Tray request; medians, ms from the click',
    table(
      ['latency', 'runs', 'create asked', 'code asked', 'create answered', 'code answered', 'dialog asked', 'round trips', 'dialog shown'],
      cases.map((c) => [
        `${c.latencyMs} ms`,
        String(c.runs),
        ms(c.createAskedMs),
        ms(c.codeAskedMs),
        ms(c.createAnsweredMs),
        ms(c.codeAnsweredMs),
        ms(c.dialogAskedMs),
        c.roundTrips === null ? '-' : `${c.roundTrips.toFixed(2)}×`,
        ms(c.dialogMs),
      ]),
    ),
  ].join('\n');
}

function fleetReport(f: FleetResult): string {
  return [
    `FLEET: ${f.processes} server processes sharing Redis (${f.userCreation ?? 'lookup-first'}); ${f.users} new users sign in at once, then each fetches an auth code (emulator: 30/s, bursts to 50)`,
    table(
      ['Tray users created', 'Tray calls per user', 'max calls in 1 s: sent', 'at Tray', 'Tray refusals', 'busy answers', 'users who gave up', 'requests failed', 'p50', 'p95'],
      [
        [
          String(f.trayUsersCreated),
          String(f.trayCallsPerUser ?? '—'),
          String(f.maxSentPerSecond),
          String(f.maxTrayCallsPerSecond),
          String(f.trayRateLimited),
          String(f.userFacing429),
          String(f.usersFailed),
          String(f.usersErrored ?? 0),
          `${f.p50Ms} ms`,
          `${f.p95Ms} ms`,
        ],
      ],
    ),
    ...(f.errors ?? []).map((reason) => `  failed: ${reason}`),
  ].join('\n');
}

/** The machine the run is on, and how loaded it was at the end. */
async function machine(browser: Browser | undefined): Promise<BenchResults['machine']> {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGB: Math.round(totalmem() / 1024 ** 3),
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium: browser ? await browser.version() : 'no Chromium',
    loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

/**
 * `--only speed`: speed and memory alone, written into the existing results
 * (or a file of their own) with the date and machine of this run under `speedRun`.
 */
async function speedOnly(out: string, browser: Browser, { speed, memory }: Pick<BenchResults, 'speed' | 'memory'>): Promise<void> {
  const speedRun = { date: new Date().toISOString(), machine: await machine(browser) };
  const previous = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(out, `${JSON.stringify({ ...previous, speed, memory, speedRun }, null, 2)}\n`);
  const m = speedRun.machine;
  const header = [
    `tray-integrations bench (speed and memory), ${speedRun.date}`,
    `${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}; Node ${m.node}; ${m.chromium}; load average ${m.loadAverage.join(' ')}`,
  ];
  process.stdout.write(`${[...header, ...speedReport({ speed, memory })].join('\n')}\n\nwritten: ${out} (speed, memory)\n`);
}

/** `--only fleet`: the fleet run alone, written into the existing results (or a file of its own). */
async function fleetOnly(out: string, users: number, userCreation: UserCreation, say: (line: string) => void): Promise<void> {
  say('bench: fleet');
  const fleet = await measureFleet({ users, userCreation, onProgress: (line) => say(`  ${line}`) });
  const previous = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(out, `${JSON.stringify({ ...previous, fleet }, null, 2)}\n`);
  process.stdout.write(`${fleetReport(fleet)}\n\nwritten: ${out} (fleet)\n`);
}

/** `--only click`: the click to the dialog alone, written into the existing results (or a file of its own). */
async function clickOnly(out: string, runs: number, say: (line: string) => void): Promise<void> {
  say('bench: click to dialog');
  const browser = await launchChromium();
  try {
    const clickToDialog = await measureClickToDialog(browser, DIST, [0, 100], runs);
    const previous = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
    writeFileSync(out, `${JSON.stringify({ ...previous, clickToDialog }, null, 2)}\n`);
    process.stdout.write(`${clickReport(clickToDialog)}\n\nwritten: ${out} (clickToDialog)\n`);
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '7' },
      sizes: { type: 'string', default: '10,100,1000,10000' },
      latencies: { type: 'string', default: '0,100' },
      out: { type: 'string', default: join(ROOT, 'bench/results.json') },
      only: { type: 'string' },
      'fleet-users': { type: 'string', default: '500' },
      'user-creation': { type: 'string', default: 'lookup-first' },
    },
  });
  const numbers = (text: string, name: string) =>
    text.split(',').map((v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} "${text}": give whole numbers separated by commas, e.g. 10,100,1000.`);
      return n;
    });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs "${values.runs}": give a whole number of runs, at least 1.`);
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const fleetUsers = Number(values['fleet-users']);
  if (!Number.isInteger(fleetUsers) || fleetUsers < 1) throw new Error(`--fleet-users "${values['fleet-users']}": give a whole number of users, at least 1.`);
  if (values.only !== undefined && !['fleet', 'speed', 'click'].includes(values.only)) {
    throw new Error(`--only "${values.only}": the parts that run alone are "speed" (with memory), "click" and "fleet".`);
  }
  const userCreation = values['user-creation'];
  if (userCreation !== 'lookup-first' && userCreation !== 'create-first') {
    throw new Error(`--user-creation "${userCreation}": give "lookup-first" or "create-first".`);
  }
  if (values.only === 'fleet') return fleetOnly(values.out!, fleetUsers, userCreation, say);

  const stale = staleReason();
  if (stale) {
    say(`bench: building first (${stale})`);
    await buildAll(DIST, { quiet: true });
  }
  const speedAndMemory = (browser: Browser) => {
    say('bench: speed and memory');
    return measureSpeed(browser, DIST, {
      sizes: numbers(values.sizes!, 'sizes'),
      latencies: numbers(values.latencies!, 'latencies'),
      runs,
      onProgress: (line) => say(`  ${line}`),
    });
  };
  if (values.only === 'click') return clickOnly(values.out!, runs, say);
  if (values.only === 'speed') {
    const browser = await launchChromium(['--enable-precise-memory-info']);
    try {
      return await speedOnly(values.out!, browser, await speedAndMemory(browser));
    } finally {
      await browser.close();
    }
  }
  const skipped: Record<string, string> = {};
  /** One section: what it measured, or undefined (and why, printed and kept) when it could not run. */
  async function section<T>(name: string, measure: () => Promise<T>): Promise<T | undefined> {
    say(`bench: ${name}`);
    try {
      return await measure();
    } catch (error) {
      const why = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      skipped[name] = why;
      say(`bench: ${name} could not run: ${why}`);
      return undefined;
    }
  }
  const bundle = await section('bundle', () => measureBundle(ROOT, DIST));
  // performance.memory with real (not bucketed) figures, as a cross-check of CDP's heap usage.
  const browser = await section('chromium', async () => {
    const missing = missingPrerequisites().filter((m) => m.startsWith('Chromium'));
    if (missing.length) throw new Error(`${missing[0]} is not installed (${INSTALL_LINE})`);
    return launchChromium(['--enable-precise-memory-info']);
  });
  try {
    const noBrowser = () => Promise.reject(new Error(`no Chromium: ${skipped.chromium}`));
    const requests = await section('requests', () => (browser ? measureRequests(browser, DIST) : noBrowser()));
    const renderOptions = await section('render options', () => (browser ? measureRenderOptions(browser, ROOT) : noBrowser()));
    const speedAndMemoryResult = await section('speed', () => (browser ? speedAndMemory(browser) : noBrowser()));
    const clickToDialog = await section('click to dialog', () => (browser ? measureClickToDialog(browser, DIST, [0, 100], runs) : noBrowser()));
    const fleet = await section('fleet', () => {
      if (!onPath('redis-server')) return Promise.reject(new Error(`redis-server is not installed (${INSTALL_LINE})`));
      return measureFleet({ users: fleetUsers, userCreation, onProgress: (line) => say(`  ${line}`) });
    });
    delete skipped.chromium;
    const results: BenchResults = {
      date: new Date().toISOString(),
      machine: await machine(browser),
      bundle,
      requests,
      speed: speedAndMemoryResult?.speed,
      memory: speedAndMemoryResult?.memory,
      renderOptions,
      clickToDialog,
      fleet,
      ...(Object.keys(skipped).length ? { skipped } : {}),
    };
    writeFileSync(values.out!, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${report(results)}\n\nwritten: ${values.out}\n`);
  } finally {
    await browser?.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
