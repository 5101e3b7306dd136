/**
 * Browser-side helpers for e2e tests: real user gestures and popup control.
 * The popup commands run in Node (test/support/popup-commands.ts) through the
 * Chrome launcher's puppeteer, so clicks in the popup are trusted and real.
 */
import { executeServerCommand, sendMouse, resetMouse } from '@web/test-runner-commands';

/** A trusted click at the element's centre: window.open needs this user activation. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const sameRect = (a: DOMRect, b: DOMRect) => a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height;

/**
 * Where the element is, once it has stayed put for a frame (at most a second
 * of frames): a click aimed while the page still moves (the search bar
 * arriving pushes the cards down on a narrow page) can land on another
 * button, and that one may open a window of its own.
 */
async function settledRect(element: Element): Promise<DOMRect> {
  element.scrollIntoView({ block: 'center', inline: 'center' });
  let rect = element.getBoundingClientRect();
  for (let frame = 0; frame < 60; frame++) {
    await nextFrame();
    const now = element.getBoundingClientRect();
    if (sameRect(now, rect)) return now;
    element.scrollIntoView({ block: 'center', inline: 'center' });
    rect = element.getBoundingClientRect();
  }
  return rect;
}

export async function realClick(element: Element): Promise<void> {
  // The page may move between measuring and the browser's click (a picture
  // that loads or fails, a line that appears): a click that did not reach the
  // element is aimed again at where it is now, a few times at most.
  let reached = false;
  const hit = () => (reached = true);
  element.addEventListener('click', hit, { capture: true });
  // The popup commands act on the window this click opens, if it opens one.
  await executeServerCommand('popup-expect', {});
  try {
    for (let attempt = 0; attempt < 3 && !reached; attempt++) {
      const rect = await settledRect(element);
      if (rect.width === 0 || rect.height === 0) throw new Error('realClick: the element has no size on screen, so it cannot be clicked.');
      await sendMouse({ type: 'click', position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] });
      await resetMouse();
    }
  } finally {
    element.removeEventListener('click', hit, { capture: true });
  }
  if (!reached) throw new Error('realClick: three clicks at the element did not reach it (something covers it or keeps moving it).');
}

/** Clicks the popup's button with this accessible name (e.g. "Allow", "Cancel"). */
export async function popupClick(name: string, timeoutMs?: number): Promise<void> {
  await executeServerCommand('popup-click', { name, timeoutMs });
}

/** Types `value` into the popup's text or number field labelled `name`, replacing what it held. */
export async function popupFill(name: string, value: string, timeoutMs?: number): Promise<void> {
  await executeServerCommand('popup-fill', { name, value, timeoutMs });
}

/** The visible text of the popup the test page opened. */
export async function popupText(timeoutMs?: number): Promise<string> {
  return (await executeServerCommand<string, { timeoutMs?: number }>('popup-text', { timeoutMs })) as string;
}

/** The popup's text once it contains `part` (a popup may update itself after each answer); fails showing what it shows. */
export async function popupShows(part: string): Promise<string> {
  let text = '';
  for (let i = 0; i < 200; i++) {
    text = await popupText();
    if (text.includes(part)) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`The popup never showed "${part}"; it shows:\n${text}`);
}

/** Resolves once the popup has closed (itself or otherwise); rejects after the timeout. */
export async function waitForPopupClosed(timeoutMs?: number): Promise<void> {
  await executeServerCommand('popup-closed', { timeoutMs });
}

/** Closes every popup the test page has open, e.g. ones an earlier test file left behind. */
export async function closeAllPopups(): Promise<void> {
  await executeServerCommand('popup-close-all', {});
}
