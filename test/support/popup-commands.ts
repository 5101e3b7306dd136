/**
 * WTR server commands that act on a popup opened by the test page, through
 * the Chrome launcher's puppeteer browser: real, trusted clicks in a real
 * cross-origin window. Browser side: test/support/commands.ts.
 *
 *   popup-click   {name, timeoutMs?}  clicks the button with this accessible name
 *   popup-fill    {name, value, timeoutMs?}  types into the text field with this label, replacing its value
 *   popup-text    {timeoutMs?}        the popup's visible text
 *   popup-closed  {timeoutMs?}        resolves once the popup last clicked or read has closed
 *   popup-close-all                   closes every popup of the test page
 *
 * The launcher reuses one page for successive test files, so a window an
 * earlier file left open still has the test page as its opener, and the
 * browser's target list is not reliably in opening order: popup-closed waits
 * for the popup a test last acted on, and suites can start clean with
 * popup-close-all.
 */
import type { TestRunnerPlugin } from '@web/test-runner';
import type { ChromeLauncher } from '@web/test-runner-chrome';
import type { Page, Target } from 'puppeteer-core';

const DEFAULT_TIMEOUT_MS = 20_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function testPage(session: { id: string; browser: unknown }): Page {
  const launcher = session.browser as ChromeLauncher;
  if (typeof launcher.getPage !== 'function') throw new Error('popup commands need the Chrome launcher (@web/test-runner-chrome).');
  return launcher.getPage(session.id);
}

/** Open popups whose opener is the test page, newest last. */
function popupTargets(page: Page): Target[] {
  const opener = page.target();
  return page
    .browser()
    .targets()
    .filter((t) => t.type() === 'page' && t.opener() === opener);
}

/** The newest popup, once it has left about:blank and finished loading. */
async function popupPage(page: Page, timeoutMs: number): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const target = popupTargets(page).at(-1);
    const popup = target ? await target.page() : null;
    if (popup && !popup.isClosed()) {
      const ready = await popup
        .evaluate(() => location.href !== 'about:blank' && document.readyState === 'complete')
        .catch(() => false); // navigating: try again
      if (ready) return popup;
    }
    await sleep(50);
  }
  throw new Error(`No loaded popup opened by the test page within ${timeoutMs} ms (was window.open called inside a real click?).`);
}

export function popupCommandsPlugin(): TestRunnerPlugin<{ name?: string; value?: string; timeoutMs?: number }> {
  /** Per test session, the popup the test last clicked in or read. */
  const lastActedOn = new Map<string, Target>();
  return {
    name: 'popup-commands',
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('popup-')) return undefined;
      const page = testPage(session);
      const timeoutMs = payload?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      switch (command) {
        case 'popup-click': {
          const name = payload?.name;
          if (!name) throw new Error('popup-click needs {name}: the accessible name of the button to click.');
          const popup = await popupPage(page, timeoutMs);
          lastActedOn.set(session.id, popup.target());
          const selector = `::-p-aria([name=${JSON.stringify(name)}][role="button"])`;
          await popup.locator(selector).setTimeout(timeoutMs).click();
          return true;
        }
        case 'popup-fill': {
          const name = payload?.name;
          if (!name || typeof payload?.value !== 'string') throw new Error('popup-fill needs {name, value}: the label of the field and the text to type.');
          const popup = await popupPage(page, timeoutMs);
          lastActedOn.set(session.id, popup.target());
          // The field a <label> with exactly this text names, as a person finds it.
          const id = await popup.evaluate((text) => {
            const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
            return label?.control?.id ?? null;
          }, name);
          if (!id) throw new Error(`popup-fill: no field labelled "${name}" in the popup.`);
          await popup.locator(`#${id}`).setTimeout(timeoutMs).fill(payload.value);
          return true;
        }
        case 'popup-text': {
          const popup = await popupPage(page, timeoutMs);
          lastActedOn.set(session.id, popup.target());
          return popup.evaluate(() => document.body.innerText);
        }
        case 'popup-closed': {
          const awaited = lastActedOn.get(session.id) ?? popupTargets(page).at(-1);
          const deadline = Date.now() + timeoutMs;
          while (Date.now() < deadline) {
            if (!awaited || !popupTargets(page).includes(awaited)) return true;
            await sleep(50);
          }
          throw new Error(`The popup was still open after ${timeoutMs} ms.`);
        }
        case 'popup-close-all': {
          const popups = await Promise.all(popupTargets(page).map((target) => target.page()));
          await Promise.all(popups.map((popup) => popup?.close().catch(() => {})));
          return true;
        }
        default:
          return undefined;
      }
    },
  };
}
