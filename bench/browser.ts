/**
 * The page helpers the bench needs on top of scripts/chromium.ts (which
 * launches Debian's Chromium and drives the widget's cards).
 */
import type { Browser, Page } from 'puppeteer-core';

/**
 * A new tab. tsx compiles the bench with esbuild's keepNames, which wraps
 * named functions inside page.evaluate callbacks in a `__name` helper that
 * exists only in Node: give the page a no-op one.
 */
export async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  return page;
}

export interface WidgetConfig {
  embeddedId: string;
  dialogOrigin: string;
  /** A user token to start with; without one the widget asks the host's /session. */
  token?: string;
}

/**
 * Creates `<tray-integrations>` wired to the bench host's backend the way the
 * README's script-tag page does (fetchToken → POST /api/tray/session,
 * fetchAuthCode → POST /api/tray/auth-code), records its events in
 * `window.__trayEvents`, appends it and waits for `tray-load`.
 */
export async function mountWidget(page: Page, config: WidgetConfig, timeout = 60_000): Promise<void> {
  await page.evaluate(
    async ({ embeddedId, dialogOrigin, token }, timeout) => {
      await customElements.whenDefined('tray-integrations');
      const post = async (path: string) => {
        const response = await fetch(path, { method: 'POST', credentials: 'same-origin' });
        if (!response.ok) throw new Error(`${path} answered HTTP ${response.status}`);
        return response.json();
      };
      const el = document.createElement('tray-integrations');
      el.setAttribute('endpoint', '/api/tray/graphql');
      el.setAttribute('embedded-id', embeddedId);
      el.setAttribute('dialog-origin', dialogOrigin);
      if (token) el.token = token;
      el.fetchToken = async () => (await post('/api/tray/session')).token;
      el.fetchAuthCode = async () => (await post('/api/tray/auth-code')).code;
      const events: Array<{ type: string; detail: { phase?: string | undefined; code?: string | undefined } }> = [];
      (window as unknown as { __trayEvents: typeof events }).__trayEvents = events;
      for (const type of ['tray-load', 'tray-connect', 'tray-authorize', 'tray-enable', 'tray-disable', 'tray-delete', 'tray-error']) {
        el.addEventListener(type, (event) => {
          const { phase, code } = event as Event & { phase?: string; code?: string };
          events.push({ type, detail: { phase, code } });
        });
      }
      const loaded = new Promise<void>((resolve, reject) => {
        el.addEventListener('tray-load', () => resolve(), { once: true });
        el.addEventListener('tray-error', (e) => reject(new Error(`tray-error ${(e as unknown as { code: string }).code}: ${(e as unknown as { message: string }).message}`)), { once: true });
        setTimeout(() => reject(new Error('the widget did not load')), timeout);
      });
      document.body.append(el);
      await loaded;
    },
    config,
    timeout,
  );
}

/** Resolves once the widget dispatched an event of this type (and phase) after `since` events. */
export async function waitForEvent(page: Page, type: string, since: number, phase?: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (type: string, since: number, phase: string | null) => {
      const events = (window as unknown as { __trayEvents: Array<{ type: string; detail: { phase?: string; code?: string } }> }).__trayEvents;
      const error = events.slice(since).find((e) => e.type === 'tray-error');
      if (error) throw new Error(`tray-error ${error.detail.code}`);
      return events.slice(since).some((e) => e.type === type && (!phase || e.detail.phase === phase));
    },
    { timeout, polling: 50 },
    type,
    since,
    phase ?? null,
  );
}

export const eventCount = (page: Page) =>
  page.evaluate(() => (window as unknown as { __trayEvents: unknown[] }).__trayEvents.length);

