/**
 * Requests per journey: the real widget (the built script-tag bundle) in
 * headless Chromium, against the HTTP emulator, through
 * tray-integrations/server. Host-backend calls are counted by a wrapper
 * around the server's handler; Tray requests by the emulator's request log
 * (which also sees the server's own master-token calls).
 */
import type { Browser, Page } from 'puppeteer-core';
import { startEmulator, type RunningEmulator } from '../emulator/http.ts';
import type { TrayUser } from '../src/server/index.ts';
import { connectAndAuthorize, mountWidget, newPageWithNameShim, waitForCardButton, waitForWidgetEvent, widgetEventCount } from '../scripts/chromium.ts';
import { startBenchHost, type BenchHost } from './host.ts';
import { REFERENCE, referenceCount } from './reference.ts';

export interface JourneyResult {
  journey: string;
  host: { count: number; calls: string[] };
  tray: { count: number; calls: string[] };
  reference: { host: string; tray: string } | null;
}

/** The default fixture's pre-seeded user, who already has an integration. */
export const EXISTING_USER: TrayUser = { externalUserId: 'demo-user', name: 'Demo User' };
export const NEW_USER: TrayUser = { externalUserId: 'bench-new-user', name: 'Bench User' };
/** A default-fixture solution with exactly one auth slot and no config slot. */
export const ONE_SERVICE = 'Slack alerts';

interface Counter {
  measure<T>(journey: string, run: () => Promise<T>): Promise<JourneyResult>;
}

function counter(host: BenchHost, emulator: RunningEmulator): Counter {
  const snapshot = () => ({ host: host.calls.length, tray: emulator.emulator.requests.length });
  /** Waits until neither side has seen a request for `quietMs`: the journey's trailing calls are in. */
  const settle = async (quietMs = 400) => {
    let last = snapshot();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      const now = snapshot();
      if (now.host === last.host && now.tray === last.tray) return;
      last = now;
    }
  };
  return {
    async measure(journey, run) {
      await settle(200);
      const before = snapshot();
      await run();
      await settle();
      const hostCalls = host.calls.slice(before.host).map((c) => (c.operationName ? `${c.endpoint} ${c.operationName}` : c.endpoint));
      const trayCalls = emulator.emulator.requests
        .slice(before.tray)
        .map((r) => `${r.operationName ?? r.rootFields.join('+')}${r.outcome === 'ok' ? '' : ` (${r.outcome})`}`);
      const reference = REFERENCE[journey];
      return {
        journey,
        host: { count: hostCalls.length, calls: hostCalls },
        tray: { count: trayCalls.length, calls: trayCalls },
        reference: reference ? { host: referenceCount(reference, 'host'), tray: referenceCount(reference, 'tray') } : null,
      };
    },
  };
}

async function openPage(browser: Browser, host: BenchHost, emulator: RunningEmulator): Promise<Page> {
  const page = await newPageWithNameShim(browser);
  await page.goto(`${host.origin}/`);
  await mountWidget(page, { embeddedId: emulator.embeddedId, dialogOrigin: emulator.dialogOrigin });
  return page;
}


export async function disable(page: Page, title: string): Promise<void> {
  const since = await widgetEventCount(page);
  await (await waitForCardButton(page, title, 'toggle')).click();
  await waitForWidgetEvent(page, 'tray-disable', since);
}

export async function remove(page: Page, title: string): Promise<void> {
  const since = await widgetEventCount(page);
  await (await waitForCardButton(page, title, 'delete')).click();
  await (await waitForCardButton(page, title, 'confirm-delete')).click();
  await waitForWidgetEvent(page, 'tray-delete', since, 'deleted');
}

export interface JourneyOptions {
  /** Which journeys to run (default all), by name. */
  only?: ReadonlyArray<string>;
}

export async function measureRequests(browser: Browser, distDir: string, { only }: JourneyOptions = {}): Promise<JourneyResult[]> {
  // Tray's rules as they are, rate limit included: a rate-limited request would show in the calls.
  const emulator = await startEmulator();
  const host = await startBenchHost(emulator, distDir, NEW_USER);
  const count = counter(host, emulator);
  const results: JourneyResult[] = [];
  const want = (name: string) => !only || only.includes(name);
  // One tab at a time, as a reload leaves it: a tab left open would re-read
  // each change made in the next (views kept in step) and count as its calls.
  let page: Page | undefined;
  const open = async () => {
    await page?.close();
    page = await openPage(browser, host, emulator);
  };
  try {
    if (want('first load (new user)')) {
      host.restartBackend(NEW_USER);
      results.push(await count.measure('first load (new user)', open));
    }
    host.restartBackend(EXISTING_USER);
    if (want('first load (existing user)')) results.push(await count.measure('first load (existing user)', open));
    if (want('page reload (same user)')) results.push(await count.measure('page reload (same user)', open));
    else await open();
    const p = page!;
    if (want('connect + authorize 1 service + enable')) {
      results.push(await count.measure('connect + authorize 1 service + enable', () => connectAndAuthorize(p, ONE_SERVICE)));
    }
    if (want('disable')) results.push(await count.measure('disable', () => disable(p, ONE_SERVICE)));
    if (want('delete')) results.push(await count.measure('delete', () => remove(p, ONE_SERVICE)));
  } finally {
    await page?.close().catch(() => {});
    await host.close();
    await emulator.close();
  }
  return results;
}
