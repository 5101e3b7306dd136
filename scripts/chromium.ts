/**
 * Debian's Chromium (never a downloaded one) and the pages it shows, for the
 * web test runner, the puppeteer-driven tests and the bench: the one place
 * its path and launch flags live, and every helper that opens, watches or
 * drives a page the way a user does (a card is found by its title with
 * scripts/find-card.ts, as the browser suites' harness finds it).
 */
import puppeteer, { type Browser, type ElementHandle, type JSHandle, type Page } from 'puppeteer-core';
import { findCard } from './find-card.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet headless Chromium on a machine with no network but loopback. */
export function chromiumArgs(extra: readonly string[] = []): string[] {
  return [
    '--disable-gpu',
    '--disable-dev-shm-usage',
    // Without these, Chromium keeps trying to reach Google's hosts, which this machine refuses.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    // As root, Chromium refuses to start with its sandbox.
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ...extra,
  ];
}

export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return puppeteer.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumArgs(extraArgs) });
}

/**
 * A new tab whose page callbacks may hold named functions. tsx compiles with
 * esbuild's keepNames, which wraps named functions inside page.evaluate
 * callbacks in a `__name` helper that exists only in Node: the page gets a
 * no-op one.
 */
export async function newPageWithNameShim(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  return page;
}

export interface PageProblems {
  /** securitypolicyviolation events: `directive blocked-uri`. */
  violations: string[];
  /** Uncaught exceptions, console errors and failed responses. */
  errors: string[];
}

/** Records what a page reports going wrong: CSP violations (in the page, before any of its scripts run), errors and failed loads. */
export async function recordPageProblems(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { violations: [], errors: [] };
  await page.exposeFunction('__reportViolation', (text: string) => void problems.violations.push(text));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportViolation(text: string): void }).__reportViolation(
        `${event.effectiveDirective} ${event.blockedURI || '(inline)'}`,
      );
    });
  });
  page.on('pageerror', (error) => problems.errors.push(`uncaught: ${error instanceof Error ? error.message : String(error)}`));
  page.on('console', (message) => {
    // A failed load is reported below with its URL.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.errors.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.errors.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return problems;
}

export interface WidgetConfig {
  embeddedId: string;
  dialogOrigin: string;
  /** A user token to start with; without one the widget asks the host's /session. */
  token?: string;
}

/**
 * Creates `<tray-integrations>` wired to the host's backend the way the
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

/** Resolves once a widget mounted by mountWidget dispatched an event of this type (and phase) after `since` events. */
export async function waitForWidgetEvent(page: Page, type: string, since: number, phase?: string, timeout = 30_000): Promise<void> {
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

/** How many events a widget mounted by mountWidget has dispatched so far. */
export const widgetEventCount = (page: Page) => page.evaluate(() => (window as unknown as { __trayEvents: unknown[] }).__trayEvents.length);

/** findCard in the page, for a page callback to call (it cannot import). */
function findCardInPage(page: Page): Promise<JSHandle<typeof findCard>> {
  return page.evaluateHandle(`(${findCard.toString()})`) as Promise<JSHandle<typeof findCard>>;
}

/**
 * Waits until `read` (given `arg`) finds something on the page's card titled
 * `title`, inside the first element `within` selects (the page's first
 * `<tray-integrations>` unless told), and resolves with it.
 * `read` runs in the page: like findCard, it may use nothing from outside its body.
 */
async function waitForCard<Found>(
  page: Page,
  title: string,
  read: (card: HTMLElement, arg: string) => Found | null | undefined,
  arg: string,
  timeout: number,
  within = 'tray-integrations',
): Promise<JSHandle<Found>> {
  const find = await findCardInPage(page);
  const reader = (await page.evaluateHandle(`(${read.toString()})`)) as JSHandle<typeof read>;
  try {
    const found = await page.waitForFunction(
      (find, read, title: string, arg: string, within: string) => {
        const card = find(document.querySelector(within)?.shadowRoot, title);
        return (card && read(card, arg)) || null;
      },
      { timeout, polling: 50 },
      find,
      reader,
      title,
      arg,
      within,
    );
    return found as unknown as JSHandle<Found>;
  } finally {
    await Promise.all([find.dispose(), reader.dispose()]).catch(() => undefined);
  }
}

/** An enabled button of one card (by its `data-action`), once it exists. */
export async function waitForCardButton(page: Page, title: string, action: string, timeout = 30_000, within?: string): Promise<ElementHandle<HTMLButtonElement>> {
  const button = await waitForCard(
    page,
    title,
    (card, action) => {
      const button = card.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
      return button && !button.disabled ? button : null;
    },
    action,
    timeout,
    within,
  );
  return button as unknown as ElementHandle<HTMLButtonElement>;
}

/** Waits until one card's state badge reads `text`. */
export async function waitForCardBadge(page: Page, title: string, text: string, timeout = 30_000, within?: string): Promise<void> {
  await waitForCard(page, title, (card, text) => card.querySelector('[part~="badge"]')?.textContent?.trim() === text, text, timeout, within);
}

/** The error one card shows, once it shows one. */
export async function waitForCardError(page: Page, title: string, timeout = 15_000): Promise<string> {
  const shown = await waitForCard(page, title, (card) => card.querySelector('[part~="error"]')?.textContent?.trim() || null, '', timeout);
  return shown.jsonValue();
}

/**
 * The user's journey for one solution with one auth slot: Connect, Authorize
 * in the popup (the emulator's dialog: press Allow), and the widget enables
 * it (after Tray's 2 seconds).
 */
export async function connectAndAuthorize(page: Page, title: string, timeout = 30_000): Promise<void> {
  // One click: Connect opens the first service's dialog itself.
  const connect = await waitForCardButton(page, title, 'connect', timeout);
  const popupOpened = new Promise<Page | null>((resolve) => page.once('popup', resolve));
  await connect.click();
  const popup = await popupOpened;
  if (!popup) throw new Error('Connect opened no popup.');
  const allow = await popup.waitForSelector('button[type="submit"]', { timeout });
  if (!allow) throw new Error('The dialog has no Allow button.');
  await allow.click();
  await waitForCardBadge(page, title, 'Enabled', timeout);
}
