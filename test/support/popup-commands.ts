/**
 * WTR server commands that act on a popup opened by the test page, through
 * the Chrome launcher's puppeteer browser: real, trusted clicks in a real
 * cross-origin window. Browser side: test/support/commands.ts.
 *
 *   popup-click   {name, timeoutMs?}  a trusted click on the button with this name (its label or text), once it holds still
 *   popup-fill    {name, value, timeoutMs?}  types into the text field with this label, replacing its value
 *   popup-text    {timeoutMs?}        the popup's visible text
 *   popup-closed  {timeoutMs?}        resolves once the popup last clicked or read has closed
 *   popup-close-all                   closes every popup of the test page
 *   popup-expect                      a click is coming (realClick sends it first): the popup it opens is the one to act on
 *
 * Which popup: the one the test's last click opened, seen as the browser
 * created it (`targetcreated`, whose opener is the test page), and after that
 * the same window for as long as it is open, even when the test clicks in its
 * own page again. Never "the newest listed": the launcher reuses one page for
 * successive test files, so a window an earlier test left open also has the
 * test page as its opener, and the browser's target list is not in opening
 * order.
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

/** The popups one test page opened, in the order the browser created them, and the one to act on. */
class PopupLog {
  /** Open popups, oldest first. */
  readonly opened: Target[] = [];
  /** How many had opened when the last click came: the ones after it are that click's. */
  #mark = 0;
  #current: Target | undefined;

  constructor(page: Page) {
    const browser = page.browser();
    const opener = page.target();
    // Popups open before this log existed (an earlier file's): known, but no click's.
    this.opened.push(...browser.targets().filter((t) => t.type() === 'page' && t.opener() === opener));
    this.#mark = this.opened.length;
    browser.on('targetcreated', (target: Target) => {
      if (target.type() === 'page' && target.opener() === opener) this.opened.push(target);
    });
    browser.on('targetdestroyed', (target: Target) => {
      const index = this.opened.indexOf(target);
      if (index >= 0) {
        this.opened.splice(index, 1);
        if (index < this.#mark) this.#mark--;
      }
    });
  }

  /** A click is coming: a popup created from now on is its. */
  expectClick(): void {
    this.#mark = this.opened.length;
  }

  isOpen(target: Target | undefined): boolean {
    return target !== undefined && this.opened.includes(target);
  }

  /** The popup to act on now, or undefined while the last click's has not opened yet. */
  current(): Target | undefined {
    const clicked = this.opened[this.#mark];
    if (clicked) this.#current = clicked;
    else if (!this.isOpen(this.#current)) this.#current = this.opened.at(-1) ?? undefined;
    return this.isOpen(this.#current) ? this.#current : undefined;
  }

  /** The popup a test acted on last (for popup-closed). */
  get last(): Target | undefined {
    return this.#current;
  }
}

const logs = new WeakMap<Page, PopupLog>();
function popupLog(page: Page): PopupLog {
  let log = logs.get(page);
  if (!log) logs.set(page, (log = new PopupLog(page)));
  return log;
}

/** The popup to act on, once it has left about:blank and finished loading. */
async function popupPage(page: Page, timeoutMs: number): Promise<Page> {
  const log = popupLog(page);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const target = log.current();
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

/** Where a button named `name` is in the popup's page now, with a listener that notes a click reaching it; null while there is none. */
function findButton(name: string): { x: number; y: number; width: number; height: number } | null {
  // No named inner functions: this body runs in the popup, without the helpers a Node transform may add.
  const button = [...document.querySelectorAll<HTMLElement>('button, [role=button], input[type=submit]')].find(
    (el) =>
      (el.getAttribute('aria-label') ?? (el instanceof HTMLInputElement ? el.value : el.textContent) ?? '').replace(/\s+/g, ' ').trim() === name,
  );
  if (!button || (button as HTMLButtonElement).disabled) return null;
  button.scrollIntoView({ block: 'center' });
  const w = window as unknown as { popupClickReached?: boolean };
  w.popupClickReached = false;
  button.addEventListener('click', () => (w.popupClickReached = true), { capture: true, once: true });
  const { x, y, width, height } = button.getBoundingClientRect();
  return width && height ? { x, y, width, height } : null;
}

/**
 * A person's click on the popup's button: a trusted mouse click at its
 * centre once it has held still for 50 ms, aimed again if it did not reach
 * it. Found and measured from the DOM, polled from here: nothing waits on
 * the popup's animation frames, which a window in the background may not
 * draw. A click that closes the window or leaves the page counts as reached.
 */
async function clickButton(page: Page, name: string, deadline: number): Promise<void> {
  let seen = '';
  while (Date.now() < deadline) {
    const popup = await popupPage(page, Math.max(deadline - Date.now(), 1));
    const at = await popup.evaluate(findButton, name).catch(() => null);
    await sleep(50);
    const still = at && (await popup.evaluate(findButton, name).catch(() => null));
    if (at && still && at.x === still.x && at.y === still.y) {
      await popup.mouse.click(still.x + still.width / 2, still.y + still.height / 2);
      const reached = await popup
        .evaluate(() => (window as unknown as { popupClickReached?: boolean }).popupClickReached === true)
        .catch(() => true); // the click closed the window or navigated it
      if (reached) return;
    }
    seen = await popup.evaluate(() => `${location.href}: ${document.body.innerText.slice(0, 300)}`).catch(() => seen);
  }
  throw new Error(`popup-click: no button named "${name}" took a click in the popup; it showed ${seen || 'nothing'}`);
}

export function popupCommandsPlugin(): TestRunnerPlugin<{ name?: string; value?: string; timeoutMs?: number }> {
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
          await clickButton(page, name, Date.now() + timeoutMs);
          return true;
        }
        case 'popup-fill': {
          const name = payload?.name;
          if (!name || typeof payload?.value !== 'string') throw new Error('popup-fill needs {name, value}: the label of the field and the text to type.');
          const popup = await popupPage(page, timeoutMs);
          // The field a <label> with exactly this text names, as a person finds it.
          const id = await popup.evaluate((text) => {
            const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
            return label?.control?.id ?? null;
          }, name);
          if (!id) throw new Error(`popup-fill: no field labelled "${name}" in the popup.`);
          // Typed as a person does, over what the field held (no wait on the popup's frames, as for clicks).
          await popup.evaluate((fieldId) => {
            const field = document.getElementById(fieldId) as HTMLInputElement;
            field.focus();
            field.select();
          }, id);
          if (payload.value) await popup.keyboard.type(payload.value);
          else await popup.keyboard.press('Backspace');
          return true;
        }
        case 'popup-text': {
          const popup = await popupPage(page, timeoutMs);
          return popup.evaluate(() => document.body.innerText);
        }
        case 'popup-expect': {
          popupLog(page).expectClick();
          return true;
        }
        case 'popup-closed': {
          const log = popupLog(page);
          const awaited = log.last ?? log.current();
          const deadline = Date.now() + timeoutMs;
          while (Date.now() < deadline) {
            if (!log.isOpen(awaited)) return true;
            await sleep(50);
          }
          throw new Error(`The popup was still open after ${timeoutMs} ms.`);
        }
        case 'popup-close-all': {
          const popups = await Promise.all(popupLog(page).opened.map((target) => target.page()));
          await Promise.all(popups.map((popup) => popup?.close().catch(() => {})));
          return true;
        }
        default:
          return undefined;
      }
    },
  };
}
