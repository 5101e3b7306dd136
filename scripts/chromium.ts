/**
 * Debian's Chromium (never a downloaded one): the one place its path and
 * launch flags live, for the web test runner, the puppeteer-driven tests and
 * the bench; plus the few page helpers that drive the
 * widget the way a user does.
 */
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';

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

/** An enabled button of one card in the widget's shadow root, once it exists. */
export async function cardButton(page: Page, title: string, action: string, timeout = 30_000): Promise<ElementHandle<HTMLButtonElement>> {
  const handle = await page.waitForFunction(
    (title: string, action: string) => {
      const root = document.querySelector('tray-integrations')?.shadowRoot;
      const card = [...(root?.querySelectorAll('article') ?? [])].find((a) => a.querySelector('h3')?.textContent?.trim() === title);
      const button = card?.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
      return button && !button.disabled ? button : null;
    },
    { timeout, polling: 50 },
    title,
    action,
  );
  return handle as unknown as ElementHandle<HTMLButtonElement>;
}

/** Waits until one card's state badge reads `text`. */
export async function waitForBadge(page: Page, title: string, text: string, timeout = 30_000): Promise<void> {
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
 * in the popup (the emulator's dialog: press Allow), and the widget enables
 * it (after Tray's 2 seconds).
 */
export async function connectAndAuthorize(page: Page, title: string, timeout = 30_000): Promise<void> {
  await (await cardButton(page, title, 'connect', timeout)).click();
  const authorize = await cardButton(page, title, 'authorize', timeout);
  const popupOpened = new Promise<Page | null>((resolve) => page.once('popup', resolve));
  await authorize.click();
  const popup = await popupOpened;
  if (!popup) throw new Error('Authorize opened no popup.');
  const allow = await popup.waitForSelector('button[type="submit"]', { timeout });
  if (!allow) throw new Error('The dialog has no Allow button.');
  await allow.click();
  await waitForBadge(page, title, 'Enabled', timeout);
}
