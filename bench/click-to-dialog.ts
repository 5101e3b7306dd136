/**
 * The click to the dialog: from pressing Connect on a card that needs one
 * service's sign-in to the popup showing Tray's dialog (its navigation
 * committed: the dialog's first byte in, before its page has loaded). The real widget (the built script-tag bundle) in
 * Chromium, through tray-integrations/server, against the HTTP emulator with
 * a set latency on every Tray request. Per step: when the backend got the
 * integration's creation and the one-time code, and when it answered each.
 * The two do not depend on each other, so the widget asks for both at once,
 * and before the popup opens (which takes a while). Then when the dialog's
 * page was asked for (the widget set the popup's URL, before that page
 * loads): the aim is at most 1.3 times one round trip to Tray to that point.
 */
import type { Browser, Page } from 'puppeteer-core';
import { startEmulator, type RunningEmulator } from '../emulator/http.ts';
import { mountWidget, newPageWithNameShim, waitForCardButton } from '../scripts/chromium.ts';
import { startBenchHost, type HostCall } from './host.ts';
import { ONE_SERVICE } from './requests.ts';

export interface ClickToDialogCase {
  latencyMs: number;
  runs: number;
  /** Medians, in ms from the click. */
  dialogAskedMs: number;
  dialogMs: number;
  createAskedMs: number;
  createAnsweredMs: number;
  codeAskedMs: number;
  codeAnsweredMs: number;
  /** dialogAskedMs over one round trip to Tray (the latency), where there is one. */
  roundTrips: number | null;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Now, as ms since the epoch: comparable with the page's clock (performance.timeOrigin + now) on one machine. */
const epochNow = () => performance.timeOrigin + performance.now();

/**
 * When the emulator was last asked for a dialog page, in ms since the epoch:
 * the widget has set the popup's URL, and the dialog's own page is yet to
 * load. The emulator's servers hand every request to `fetch`, so wrapping it
 * sees each as it arrives.
 */
function watchDialogAsks(running: RunningEmulator): { last: number } {
  const seen = { last: 0 };
  const serve = running.emulator.fetch;
  running.emulator.fetch = (request) => {
    if (request.url.startsWith(`${running.dialogOrigin}/external/auth/create/`)) seen.last = epochNow();
    return serve(request);
  };
  return seen;
}

/** One press of Connect on a fresh user's card: the timings of that run, in ms from the click. */
async function onePress(page: Page, calls: HostCall[], dialogOrigin: string, dialogAsks: { last: number }) {
  const button = await waitForCardButton(page, ONE_SERVICE, 'connect');
  // The click as the page saw it (puppeteer's own steps before it are not the widget's).
  await page.evaluate(() =>
    document.addEventListener('click', () => ((window as { clickedAt?: number }).clickedAt = performance.timeOrigin + performance.now()), { capture: true, once: true }),
  );
  // The popup opens inside the click, blank; the widget then sends it to Tray's
  // dialog, and its target takes the dialog's URL once that navigation commits.
  const browser = page.browser();
  const dialogAt = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no popup reached the dialog within 15 s')), 15_000);
    const check = (target: { url(): string }) => {
      if (!target.url().startsWith(dialogOrigin)) return;
      browser.off('targetchanged', check).off('targetcreated', check);
      clearTimeout(timer);
      resolve(epochNow());
    };
    browser.on('targetchanged', check).on('targetcreated', check);
  });
  const from = calls.length;
  await button.click();
  const dialog = await dialogAt;
  const clicked = await page.evaluate(() => (window as { clickedAt?: number }).clickedAt!);
  const find = (test: (call: HostCall) => boolean) => {
    const call = calls.slice(from).find(test);
    if (!call?.at || !call.answeredAt) throw new Error('the click made no such request');
    return call;
  };
  const since = (at: number) => performance.timeOrigin + at - clicked;
  const create = find((c) => c.operationName === 'CreateInstance');
  const code = find((c) => c.endpoint === 'auth-code');
  return {
    dialogAsked: dialogAsks.last - clicked,
    dialog: dialog - clicked,
    createAsked: since(create.at!),
    createAnswered: since(create.answeredAt!),
    codeAsked: since(code.at!),
    codeAnswered: since(code.answeredAt!),
  };
}

export async function measureClickToDialog(browser: Browser, distDir: string, latencies: number[], runs: number): Promise<ClickToDialogCase[]> {
  const emulator = await startEmulator({ rateLimit: false });
  const dialogAsks = watchDialogAsks(emulator);
  const host = await startBenchHost(emulator, distDir, { externalUserId: 'click-0', name: 'Click bench' });
  const results: ClickToDialogCase[] = [];
  try {
    for (const latencyMs of latencies) {
      const timings: Awaited<ReturnType<typeof onePress>>[] = [];
      for (let run = 0; run < runs; run++) {
        // A new user each time, whose Slack card offers Connect.
        host.restartBackend({ externalUserId: `click-${latencyMs}-${run}`, name: 'Click bench' });
        emulator.emulator.setLatency(0);
        const page = await newPageWithNameShim(browser);
        try {
          await page.goto(`${host.origin}/`);
          await mountWidget(page, { embeddedId: emulator.embeddedId, dialogOrigin: emulator.dialogOrigin });
          emulator.emulator.setLatency(latencyMs);
          timings.push(await onePress(page, host.calls, emulator.dialogOrigin, dialogAsks));
        } finally {
          for (const open of await browser.pages()) if (open !== page && open.url().startsWith(emulator.dialogOrigin)) await open.close().catch(() => {});
          await page.close().catch(() => {});
        }
      }
      const dialogAskedMs = median(timings.map((t) => t.dialogAsked));
      results.push({
        latencyMs,
        runs,
        dialogAskedMs,
        dialogMs: median(timings.map((t) => t.dialog)),
        createAskedMs: median(timings.map((t) => t.createAsked)),
        createAnsweredMs: median(timings.map((t) => t.createAnswered)),
        codeAskedMs: median(timings.map((t) => t.codeAsked)),
        codeAnsweredMs: median(timings.map((t) => t.codeAnswered)),
        roundTrips: latencyMs > 0 ? dialogAskedMs / latencyMs : null,
      });
    }
  } finally {
    await host.close();
    await emulator.close();
  }
  return results;
}
