/**
 * Render cost of the ways the widget could show a long catalogue, measured
 * on the widget's own card template and styles (bench/render-options-page.ts,
 * bundled with esbuild) in headless Chromium: all cards, all cards with
 * `content-visibility: auto`, RevealController's default first screenful
 * (48), and the element's own: CatalogView under `no-search`, 6 cards in
 * the first frame and then whole rows down to the reveal margin below the
 * window (RevealController.fit). Per mode: time from handing over the
 * solutions to the second animation frame after the cards stop changing
 * (style, layout and paint included), DOM nodes of the page
 * (CDP Performance.getMetrics), and the JS heap the render added (CDP, after
 * garbage collection; the solutions exist before the clock starts). Plus
 * what one card is made of, to bound what a lighter template could save.
 * Method and figures: bench/README.md.
 */
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { launchChromium, newPageWithNameShim } from '../scripts/chromium.ts';
import { benchBundle } from './esbuild.ts';
import type { RenderMode } from './render-options-page.ts';

export const RENDER_MODES: RenderMode[] = ['all cards', 'content-visibility: auto', 'RevealController', 'RevealController, fitted'];

export interface RenderOptionResult {
  mode: RenderMode;
  solutions: number;
  runs: number;
  /** Median ms from setting the solutions to the second frame after the render. */
  renderMs: number;
  /** Median DOM nodes in the page after the render. */
  domNodes: number;
  /** Median bytes of JS heap the render added. */
  heap: number;
  /** Cards in the DOM after the render. */
  cards: number;
}

export interface CardAnatomy {
  /** Nodes under one card's <li>, the <li> included, by kind. */
  elements: number;
  text: number;
  /** Text nodes holding only whitespace (template indentation). */
  whitespace: number;
  /** Lit's comment markers, one or two per binding that renders content. */
  comments: number;
}

async function pageBundle(root: string): Promise<string> {
  return new TextDecoder().decode(await benchBundle({ file: join(root, 'bench/render-options-page.ts') }));
}

export async function measureRenderOptions(
  browser: Browser,
  root: string,
  { solutions = 1000, runs = 3 }: { solutions?: number; runs?: number } = {},
): Promise<{ modes: RenderOptionResult[]; card: CardAnatomy }> {
  const script = await pageBundle(root);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const modes: RenderOptionResult[] = [];
  let card: CardAnatomy | undefined;
  for (const mode of RENDER_MODES) {
    const samples: Array<{ ms: number; nodes: number; heap: number; cards: number }> = [];
    // One discarded warm-up run, as the speed bench does.
    for (let run = 0; run <= runs; run++) {
      const page = await newPageWithNameShim(browser);
      try {
        await page.setViewport({ width: 1280, height: 800 });
        await page.goto('about:blank');
        await page.addScriptTag({ content: script, type: 'module' });
        await page.evaluate((count: number) => {
          const services = ['slack', 'salesforce', 'hubspot', 'jira', 'github', 'stripe'];
          (window as unknown as { __solutions: unknown[] }).__solutions = Array.from({ length: count }, (_, i) => {
            const service = services[i % services.length]!;
            return {
              id: `bench-solution-${i}`,
              title: `Integration ${i + 1}: ${service} sync`,
              description: `Keeps ${service} and your workspace in step: records created on either side appear on the other within a minute.`,
              tags: [service, i % 2 ? 'sales' : 'support'],
              customFields: [],
              configSlots: [],
              authSlots: [{ externalId: `external_${service}_authentication`, title: `${service} account` }],
            };
          });
          return customElements.whenDefined('bench-cards');
        }, solutions);
        const cdp = await page.createCDPSession();
        await cdp.send('Performance.enable');
        const heap = async () => {
          await cdp.send('HeapProfiler.collectGarbage');
          return (await cdp.send('Runtime.getHeapUsage')).usedSize;
        };
        const before = await heap();
        const ms = await page.evaluate(async (m: string) => {
          const el = document.createElement('bench-cards') as HTMLElement & { mode: string; solutions: unknown[]; updateComplete: Promise<boolean> };
          el.mode = m;
          document.body.append(el);
          await el.updateComplete;
          const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
          await frame();
          const start = performance.now();
          el.solutions = (window as unknown as { __solutions: unknown[] }).__solutions;
          await el.updateComplete;
          // Settled (the fitted mode renders twice: its first frame, then the rest of the window), then one more frame.
          const cards = () => el.shadowRoot!.querySelectorAll('article').length;
          for (let count = cards(); ; count = cards()) {
            await frame();
            await el.updateComplete;
            if (cards() === count) break;
          }
          await frame();
          return performance.now() - start;
        }, mode);
        const after = await heap();
        const { metrics } = await cdp.send('Performance.getMetrics');
        const cards = await page.evaluate(() => document.querySelector('bench-cards')!.shadowRoot!.querySelectorAll('article').length);
        card ??= await page.evaluate(() => {
          const li = document.querySelector('bench-cards')!.shadowRoot!.querySelector('li')!;
          const count = { elements: 1, text: 0, whitespace: 0, comments: 0 };
          const walker = document.createTreeWalker(li, NodeFilter.SHOW_ALL);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.nodeType === Node.ELEMENT_NODE) count.elements++;
            else if (node.nodeType === Node.COMMENT_NODE) count.comments++;
            else if (node.nodeType === Node.TEXT_NODE) {
              if (node.textContent!.trim()) count.text++;
              else count.whitespace++;
            }
          }
          return count;
        });
        await cdp.detach();
        if (run > 0) samples.push({ ms, nodes: metrics.find((m) => m.name === 'Nodes')?.value ?? 0, heap: after - before, cards });
      } finally {
        await page.close();
      }
    }
    modes.push({
      mode,
      solutions,
      runs,
      renderMs: Math.round(median(samples.map((s) => s.ms)) * 10) / 10,
      domNodes: median(samples.map((s) => s.nodes)),
      heap: median(samples.map((s) => s.heap)),
      cards: median(samples.map((s) => s.cards)),
    });
  }
  return { modes, card: card! };
}

/** Measures on its own: `tsx bench/render-options.ts [solutions]`. */
if (process.argv[1] && import.meta.filename === (await import('node:path')).resolve(process.argv[1])) {
  const browser = await launchChromium();
  try {
    const result = await measureRenderOptions(browser, join(import.meta.dirname, '..'), { solutions: Number(process.argv[2] ?? 1000) });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
  }
}
