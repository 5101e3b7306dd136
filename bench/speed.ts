/**
 * Speed and memory in headless Chromium against the HTTP emulator, through
 * tray-integrations/server (the endpoint a host really gives the widget).
 *
 * Widget: in the page, `performance.now()` just before
 * `document.body.append(el)` and again once `tray-load` fired, the element
 * finished its update and the shadow root holds one card per solution.
 * Bare round trip: the same Marketplace requests (same document, variables,
 * token and endpoint, following the same pages) with `fetch` and
 * `response.json()`, nothing else. Each run is a fresh tab; one warm-up run
 * per case is discarded; the figure is the median.
 */
import type { Browser, Page } from 'puppeteer-core';
import { startEmulator, type RunningEmulator } from '../emulator/http.ts';
import { MARKETPLACE } from '../src/services/documents.ts';
import { newPage } from './browser.ts';
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

export interface SpeedCase {
  solutions: number;
  latencyMs: number;
  runs: number;
  widgetMs: { median: number; samples: number[] };
  bareMs: { median: number; samples: number[] };
  /** Requests per load (pages of 100): the widget's as the host backend counted them, and the bare loop's. */
  requests: { widget: number; bare: number };
  /** widget median ÷ bare median. */
  ratio: number;
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

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

interface Env {
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

async function freshPage(browser: Browser, env: Env): Promise<Page> {
  const page = await newPage(browser);
  await page.goto(`${env.host.origin}/`);
  await page.evaluate(() => customElements.whenDefined('tray-integrations'));
  return page;
}

/** In the page: append the element and time it to all cards rendered. */
function mountAndTime(page: Page, env: Env, solutions: number): Promise<number> {
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
      const start = performance.now();
      document.body.append(el);
      await loaded;
      await el.updateComplete;
      while ((el.shadowRoot?.querySelectorAll('article').length ?? 0) < config.solutions) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        await el.updateComplete;
      }
      return performance.now() - start;
    },
    { token: env.token, embeddedId: env.emulator.embeddedId, dialogOrigin: env.emulator.dialogOrigin, solutions },
  );
}

/** In the page: the widget's Marketplace requests alone, with fetch, following the pages as loadMarketplace does. */
function bareRoundTrip(page: Page, env: Env): Promise<{ ms: number; requests: number }> {
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
      for (;;) {
        const response = await fetch('/api/tray/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${config.token}` },
          body: JSON.stringify({ query: config.query, variables, operationName: 'Marketplace' }),
          credentials: 'same-origin',
        });
        const body = (await response.json()) as { data?: { viewer: { solutions?: Page; solutionInstances?: Page } }; errors?: unknown[] };
        requests++;
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
      return { ms: performance.now() - start, requests };
    },
    { token: env.token, query: MARKETPLACE },
  );
}

export interface SpeedOptions {
  sizes?: number[];
  latencies?: number[];
  runs?: number;
  memoryRuns?: number;
  onProgress?: (line: string) => void;
}

export async function measureSpeed(
  browser: Browser,
  distDir: string,
  { sizes = [10, 100, 1000], latencies = [0, 100], runs = 7, memoryRuns = 3, onProgress = () => {} }: SpeedOptions = {},
): Promise<{ speed: SpeedCase[]; memory: MemoryResult | null }> {
  const speed: SpeedCase[] = [];
  let memory: MemoryResult | null = null;
  for (const solutions of sizes) {
    const env = await startEnv(solutions, distDir);
    try {
      for (const latencyMs of latencies) {
        env.emulator.emulator.setLatency(latencyMs);
        const widget: number[] = [];
        const bare: number[] = [];
        const requests = { widget: 0, bare: 0 };
        for (let run = 0; run <= runs; run++) {
          const page = await freshPage(browser, env);
          try {
            // Alternate which goes first, so neither always gets the warmer connection.
            const order = run % 2 ? ['bare', 'widget'] : ['widget', 'bare'];
            for (const which of order) {
              if (which === 'widget') {
                const before = env.host.calls.length;
                const ms = await mountAndTime(page, env, solutions);
                requests.widget = env.host.calls.length - before;
                if (run > 0) widget.push(ms);
              } else {
                const result = await bareRoundTrip(page, env);
                requests.bare = result.requests;
                if (run > 0) bare.push(result.ms);
              }
            }
          } finally {
            await page.close();
          }
        }
        const w = median(widget);
        const b = median(bare);
        speed.push({
          solutions,
          latencyMs,
          runs,
          widgetMs: { median: round(w), samples: widget.map((v) => round(v)) },
          bareMs: { median: round(b), samples: bare.map((v) => round(v)) },
          requests,
          ratio: round(w / b, 2),
        });
        onProgress(`speed: ${solutions} solutions, ${latencyMs} ms latency: widget ${round(w)} ms, bare ${round(b)} ms`);
      }
      if (solutions === Math.max(...sizes)) {
        env.emulator.emulator.setLatency(0);
        memory = await measureMemory(browser, env, solutions, memoryRuns);
        onProgress(`memory: ${solutions} solutions: widget ${(memory.widget / 1024 / 1024).toFixed(2)} MB`);
      }
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
