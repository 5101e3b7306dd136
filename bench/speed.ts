/**
 * Speed and memory in headless Chromium against the HTTP emulator, through
 * tray-integrations/server (the endpoint a host really gives the widget).
 *
 * Widget: in the page, `performance.now()` just before
 * `document.body.append(el)`; the first card is the first `<article>` in the
 * shadow root (a MutationObserver sees it when Lit commits it); the load is
 * done once `tray-load` fired, the element finished its update and its
 * cards stopped changing for a frame (all of them, or the screenful a
 * RevealController renders).
 * Floor: `<tray-floor>` (bench/floor-element.ts) fetches the same pages with
 * the same client and renders one bare article, in the same tab and run.
 * Bare round trip: the same Marketplace requests (same document, variables,
 * token and endpoint, following the same pages) with `fetch` and
 * `response.json()`, nothing else; the first page's time is the first card's
 * yardstick. Each run is a fresh tab; one warm-up run per case is discarded;
 * the figure is the median. 10 000 solutions take 100 requests a load, so
 * sizes from LARGE_SIZE on run at most LARGE_RUNS times.
 */
import type { Browser, Page } from 'puppeteer-core';
import { startEmulator, type RunningEmulator } from '../emulator/http.ts';
import { MARKETPLACE } from '../src/services/documents.ts';
import { newPageWithNameShim } from '../scripts/chromium.ts';
import { startBenchHost, type BenchHost } from './host.ts';

export const BENCH_USER = { externalUserId: 'bench-user', name: 'Bench User' };

/** A fixture of `count` solutions, each with a description, two tags and one auth slot (no images: nothing to fetch). */
export function generateFixture(count: number) {
  const services = ['slack', 'salesforce', 'hubspot', 'jira', 'github', 'stripe'];
  return {
    solutions: Array.from({ length: count }, (_, i) => {
      const service = services[i % services.length]!;
      return {
        id: `bench-solution-${String(i).padStart(5, '0')}`,
        title: `Integration ${i + 1}: ${service} sync`,
        description: `Keeps ${service} and your workspace in step: records created on either side appear on the other within a minute.`,
        tags: [service, i % 2 ? 'sales' : 'support'],
        authSlots: [
          {
            externalId: `external_${service}_authentication`,
            title: `${service} account`,
            service: { name: service, title: service, icon: `https://icons.example/${service}.svg`, version: '1.0' },
          },
        ],
      };
    }),
  };
}

/** From this many solutions on, fewer runs: each load is 100 requests. */
export const LARGE_SIZE = 10_000;
export const LARGE_RUNS = 3;

export interface Timing {
  median: number;
  samples: number[];
}

export interface SpeedCase {
  solutions: number;
  latencyMs: number;
  runs: number;
  widgetMs: Timing;
  bareMs: Timing;
  /** append() to the first card in the DOM. */
  firstCardMs: Timing;
  /** The first Marketplace page with fetch alone: one round trip. */
  bareFirstPageMs: Timing;
  /** firstCardMs median ÷ bareFirstPageMs median (target at 100 ms latency: at most 1.2). */
  firstCardRatio: number;
  /** Cards in the shadow root once loaded. */
  cards: number;
  /** Requests per load (pages of 100): the widget's as the host backend counted them, and the bare loop's. */
  requests: { widget: number; bare: number };
  /** widget median ÷ bare median. */
  ratio: number;
  /** `<tray-floor>` (bench/floor-element.ts): the same pages with the same client, one bare article; in the same tabs. */
  floorMs?: Timing;
  /** widget median ÷ floor median (aim at 1000 solutions, 0 ms: at most 1.15). */
  floorRatio?: number;
}

export interface MemoryResult {
  solutions: number;
  runs: number;
  /** CDP Runtime.getHeapUsage().usedSize after HeapProfiler.collectGarbage, median bytes. */
  beforeMount: number;
  afterRender: number;
  widget: number;
  /** DOM nodes in the page after rendering (CDP Performance.getMetrics), median. */
  domNodes: number;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export interface Env {
  emulator: RunningEmulator;
  host: BenchHost;
  token: string;
}

async function startEnv(solutions: number, distDir: string): Promise<Env> {
  // No rate limit: the bench sends hundreds of requests with one token in a minute.
  const emulator = await startEmulator({ fixture: generateFixture(solutions), rateLimit: false });
  const host = await startBenchHost(emulator, distDir, BENCH_USER);
  emulator.emulator.ensureUser(BENCH_USER.externalUserId, BENCH_USER.name);
  return { emulator, host, token: emulator.emulator.userToken(BENCH_USER.externalUserId) };
}

async function freshPage(browser: Browser, env: Env, floor = false): Promise<Page> {
  const page = await newPageWithNameShim(browser);
  await page.goto(`${env.host.origin}/`);
  if (floor) await page.addScriptTag({ url: '/assets/floor.js', type: 'module' });
  await page.evaluate((floor) => Promise.all([customElements.whenDefined('tray-integrations'), floor && customElements.whenDefined('tray-floor')]), floor);
  return page;
}

/** In the page: append `<tray-floor>`; time it to its last page rendered (its article updated, then a frame). */
function floorTime(page: Page, env: Env): Promise<number> {
  return page.evaluate(async (token: string) => {
    const el = document.createElement('tray-floor') as HTMLElement & { token: string; updateComplete: Promise<boolean> };
    el.token = token;
    const loaded = new Promise<void>((resolve, reject) => {
      el.addEventListener('floor-load', () => resolve(), { once: true });
      el.addEventListener('floor-error', (e) => reject(new Error(`floor: ${(e as CustomEvent).detail}`)), { once: true });
    });
    const start = performance.now();
    document.body.append(el);
    await loaded;
    await el.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const ms = performance.now() - start;
    el.remove();
    return ms;
  }, env.token);
}

export interface WidgetTiming {
  ms: number;
  firstCardMs: number;
  cards: number;
}

/** In the page: append the element; time it to the first card and to the load done. */
function mountAndTime(page: Page, env: Env, solutions: number): Promise<WidgetTiming> {
  return page.evaluate(
    async (config: { token: string; embeddedId: string; dialogOrigin: string; solutions: number }) => {
      const el = document.createElement('tray-integrations') as HTMLElement & { token?: string; updateComplete: Promise<boolean> };
      el.setAttribute('endpoint', '/api/tray/graphql');
      el.setAttribute('embedded-id', config.embeddedId);
      el.setAttribute('dialog-origin', config.dialogOrigin);
      el.token = config.token;
      const loaded = new Promise<void>((resolve, reject) => {
        el.addEventListener('tray-load', () => resolve(), { once: true });
        el.addEventListener('tray-error', (e) => reject(new Error(`tray-error ${(e as unknown as { code: string }).code}`)), { once: true });
      });
      const cards = () => el.shadowRoot?.querySelectorAll('article').length ?? 0;
      let firstCard = 0;
      const start = performance.now();
      document.body.append(el);
      // Lit creates the shadow root on connection, before any card exists.
      const watch = new MutationObserver(() => {
        if (!firstCard && cards()) {
          firstCard = performance.now() - start;
          watch.disconnect();
        }
      });
      watch.observe(el.shadowRoot!, { childList: true, subtree: true });
      await loaded;
      await el.updateComplete;
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      for (let count = cards(); ; ) {
        await frame();
        await el.updateComplete;
        // Settled: no card came or went for a frame (an empty catalogue has none to wait for).
        if (cards() === count && (count > 0 || config.solutions === 0)) break;
        count = cards();
      }
      const ms = performance.now() - start;
      watch.disconnect();
      return { ms, firstCardMs: firstCard || ms, cards: cards() };
    },
    { token: env.token, embeddedId: env.emulator.embeddedId, dialogOrigin: env.emulator.dialogOrigin, solutions },
  );
}

/** In the page: the widget's Marketplace requests alone, with fetch, following the pages as loadMarketplace does. */
function bareRoundTrip(page: Page, env: Env): Promise<{ ms: number; firstPageMs: number; requests: number }> {
  return page.evaluate(
    async (config: { token: string; query: string }) => {
      type Page = { pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      const start = performance.now();
      let variables: Record<string, unknown> = {
        tags: null,
        first: 100,
        solutionsAfter: null,
        instancesAfter: null,
        withSolutions: true,
        withInstances: true,
        withAuthentications: true,
      };
      let requests = 0;
      let firstPageMs = 0;
      for (;;) {
        const response = await fetch('/api/tray/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${config.token}` },
          body: JSON.stringify({ query: config.query, variables, operationName: 'Marketplace' }),
          credentials: 'same-origin',
        });
        const body = (await response.json()) as { data?: { viewer: { solutions?: Page; solutionInstances?: Page } }; errors?: unknown[] };
        requests++;
        firstPageMs ||= performance.now() - start;
        if (!response.ok || body.errors || !body.data) throw new Error(`Marketplace answered HTTP ${response.status}: ${JSON.stringify(body.errors)}`);
        const { solutions, solutionInstances } = body.data.viewer;
        const moreSolutions = variables.withSolutions && solutions!.pageInfo.hasNextPage;
        const moreInstances = variables.withInstances && solutionInstances!.pageInfo.hasNextPage;
        if (!moreSolutions && !moreInstances) break;
        variables = {
          ...variables,
          withSolutions: moreSolutions,
          withInstances: moreInstances,
          withAuthentications: false,
          solutionsAfter: moreSolutions ? solutions!.pageInfo.endCursor : variables.solutionsAfter,
          instancesAfter: moreInstances ? solutionInstances!.pageInfo.endCursor : variables.instancesAfter,
        };
      }
      return { ms: performance.now() - start, firstPageMs, requests };
    },
    { token: env.token, query: MARKETPLACE },
  );
}

/**
 * One run: a fresh tab, the widget's load and the bare loop in the order
 * asked (and with `floor`, the floor element between them), and how many
 * requests the widget made.
 */
export async function timeInOneTab(
  browser: Browser,
  env: Env,
  solutions: number,
  bareFirst: boolean,
  floor = false,
): Promise<{ widget: WidgetTiming; widgetRequests: number; bare: Awaited<ReturnType<typeof bareRoundTrip>>; floorMs?: number }> {
  const page = await freshPage(browser, env, floor);
  try {
    const bareBefore = bareFirst ? await bareRoundTrip(page, env) : undefined;
    // Before the widget when the bare loop went first, after it otherwise: widget and floor take turns going first too.
    const floorBefore = floor && bareFirst ? await floorTime(page, env) : undefined;
    const before = env.host.calls.length;
    const widget = await mountAndTime(page, env, solutions);
    const widgetRequests = env.host.calls.length - before;
    const floorMs = floorBefore ?? (floor ? await floorTime(page, env) : undefined);
    const bare = bareBefore ?? (await bareRoundTrip(page, env));
    return { widget, widgetRequests, bare, ...(floorMs === undefined ? {} : { floorMs }) };
  } finally {
    await page.close();
  }
}

export interface SpeedOptions {
  sizes?: number[];
  latencies?: number[];
  runs?: number;
  memoryRuns?: number;
  onProgress?: (line: string) => void;
}

const timing = (samples: number[]): Timing => ({ median: round(median(samples)), samples: samples.map((v) => round(v)) });

export async function measureSpeed(
  browser: Browser,
  distDir: string,
  { sizes = [10, 100, 1000, LARGE_SIZE], latencies = [0, 100], runs = 7, memoryRuns = 3, onProgress = () => {} }: SpeedOptions = {},
): Promise<{ speed: SpeedCase[]; memory: MemoryResult[] }> {
  const speed: SpeedCase[] = [];
  const memory: MemoryResult[] = [];
  for (const solutions of sizes) {
    const env = await startEnv(solutions, distDir);
    const caseRuns = solutions >= LARGE_SIZE ? Math.min(runs, LARGE_RUNS) : runs;
    try {
      for (const latencyMs of latencies) {
        env.emulator.emulator.setLatency(latencyMs);
        const widget: WidgetTiming[] = [];
        const bare: Array<{ ms: number; firstPageMs: number }> = [];
        const floor: number[] = [];
        const requests = { widget: 0, bare: 0 };
        for (let run = 0; run <= caseRuns; run++) {
          // Alternate which goes first, so neither always gets the warmer connection.
          const pair = await timeInOneTab(browser, env, solutions, run % 2 === 1, true);
          requests.widget = pair.widgetRequests;
          requests.bare = pair.bare.requests;
          if (run > 0) {
            widget.push(pair.widget);
            bare.push(pair.bare);
            floor.push(pair.floorMs!);
          }
        }
        const row: SpeedCase = {
          solutions,
          latencyMs,
          runs: caseRuns,
          widgetMs: timing(widget.map((w) => w.ms)),
          bareMs: timing(bare.map((b) => b.ms)),
          firstCardMs: timing(widget.map((w) => w.firstCardMs)),
          bareFirstPageMs: timing(bare.map((b) => b.firstPageMs)),
          firstCardRatio: 0,
          cards: median(widget.map((w) => w.cards)),
          requests,
          ratio: 0,
        };
        row.ratio = round(row.widgetMs.median / row.bareMs.median, 2);
        row.floorMs = timing(floor);
        row.floorRatio = round(row.widgetMs.median / row.floorMs.median, 2);
        row.firstCardRatio = round(row.firstCardMs.median / row.bareFirstPageMs.median, 2);
        speed.push(row);
        onProgress(
          `speed: ${solutions} solutions, ${latencyMs} ms latency: widget ${row.widgetMs.median} ms, floor ${row.floorMs.median} ms, bare ${row.bareMs.median} ms; ` +
            `first card ${row.firstCardMs.median} ms, bare first page ${row.bareFirstPageMs.median} ms`,
        );
      }
      env.emulator.emulator.setLatency(0);
      const m = await measureMemory(browser, env, solutions, Math.min(memoryRuns, caseRuns));
      memory.push(m);
      onProgress(`memory: ${solutions} solutions: widget ${(m.widget / 1024 / 1024).toFixed(2)} MB, ${m.domNodes} DOM nodes`);
    } finally {
      await env.host.close();
      await env.emulator.close();
    }
  }
  return { speed, memory };
}

async function measureMemory(browser: Browser, env: Env, solutions: number, runs: number): Promise<MemoryResult> {
  const before: number[] = [];
  const after: number[] = [];
  const nodes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const page = await freshPage(browser, env);
    try {
      const cdp = await page.createCDPSession();
      await cdp.send('Performance.enable');
      const heap = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        return (await cdp.send('Runtime.getHeapUsage')).usedSize;
      };
      before.push(await heap());
      await mountAndTime(page, env, solutions);
      after.push(await heap());
      const { metrics } = await cdp.send('Performance.getMetrics');
      nodes.push(metrics.find((m) => m.name === 'Nodes')?.value ?? 0);
      await cdp.detach();
    } finally {
      await page.close();
    }
  }
  const b = median(before);
  const a = median(after);
  return { solutions, runs, beforeMount: b, afterRender: a, widget: a - b, domNodes: median(nodes) };
}
