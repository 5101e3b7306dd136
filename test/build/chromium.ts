/**
 * Real Chromium (Debian's, never a downloaded one) driven by puppeteer-core,
 * for tests that need what the web test runner cannot give: a page with its
 * own HTTP headers (CSP, COOP), popups on another origin, the demo server.
 */
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';

export async function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
}

export interface PageProblems {
  /** securitypolicyviolation events: `directive blocked-uri`. */
  violations: string[];
  /** Uncaught exceptions and console errors. */
  errors: string[];
}

/** Records CSP violations (in the page, before any of its scripts run) and errors. */
export async function watchPage(page: Page): Promise<PageProblems> {
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

/** The button of one card in the widget's shadow root, once it exists. */
export async function cardButton(page: Page, title: string, action: string, timeout = 15_000): Promise<ElementHandle<HTMLButtonElement>> {
  const handle = await page.waitForFunction(
    (title: string, action: string) => {
      const root = document.querySelector('tray-integrations')?.shadowRoot;
      const card = [...(root?.querySelectorAll('article') ?? [])].find((a) => a.querySelector('h3')?.textContent?.trim() === title);
      const button = card?.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
      return button && !button.disabled ? button : null;
    },
    { timeout },
    title,
    action,
  );
  return handle as unknown as ElementHandle<HTMLButtonElement>;
}

/** The state badge's text of one card. */
export async function waitForBadge(page: Page, title: string, text: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (title: string, text: string) => {
      const root = document.querySelector('tray-integrations')?.shadowRoot;
      const card = [...(root?.querySelectorAll('article') ?? [])].find((a) => a.querySelector('h3')?.textContent?.trim() === title);
      return card?.querySelector('[part~="badge"]')?.textContent?.trim() === text;
    },
    { timeout },
    title,
    text,
  );
}

/**
 * The user's journey for one solution with one auth slot: Connect, Authorize
 * in the popup (the emulator's dialog: press Allow), and the widget enables it.
 */
export async function connectAndAuthorize(page: Page, title: string): Promise<void> {
  await (await cardButton(page, title, 'connect')).click();
  const authorize = await cardButton(page, title, 'authorize');
  const popupOpened = new Promise<Page | null>((resolve) => page.once('popup', resolve));
  await authorize.click();
  const popup = await popupOpened;
  if (!popup) throw new Error('Authorize opened no popup.');
  const allow = await popup.waitForSelector('button[type="submit"]', { timeout: 15_000 });
  await allow!.click();
  await waitForBadge(page, title, 'Enabled');
}
