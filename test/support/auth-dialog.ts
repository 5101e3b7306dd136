/**
 * Driving the auth dialog the widget opens, in its three forms:
 *
 * - the scripted stub (test/support/dialog-stub-plugin.mjs) on the second
 *   origin, `CROSS_DIALOG_ORIGIN`: it acts alone, by the script that the
 *   widget's `embedded-id` names;
 * - the same stub on the page's own origin with `stubDialogs()`: the test
 *   reaches into the popup and decides when and what it answers, speaking
 *   from the popup's own realm (so `event.source` is the popup);
 * - the emulator's real dialog in a real cross-origin popup,
 *   `emulatorDialog`: trusted clicks through the test runner's puppeteer.
 */
import { waitUntil } from '@open-wc/testing';
import { popupClick, popupText, waitForPopupClosed } from './commands.ts';

/** The dialog stand-in on a second origin: pages load from localhost, it is served on 127.0.0.1 (or the reverse). */
export const CROSS_DIALOG_ORIGIN = `${location.protocol}//${location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1'}:${location.port}`;

/** The message a dialog posts when the user has authorized. */
export const finishMessage = (authId: unknown) => ({ type: 'tray.authpopup.finish', authType: 'oauth', authId });

export interface OpenedDialog {
  /** The URL window.open was called with. */
  url: string;
  popup: Window | null;
}

export interface StubDialogs {
  /** Every window.open call since the spy was installed, in order. */
  readonly opened: OpenedDialog[];
  /** Waits until the `index`th popup (0-based) is open and has loaded the dialog page; returns it. */
  loaded(index?: number): Promise<Window>;
  /** Runs `code` inside the popup's own realm, so its messages come from that window. */
  speak(popup: Window, code: string): void;
  /** The popup reports this auth and closes, as the dialog does after Allow. */
  finish(popup: Window, authId: string): void;
  /** The popup says the user closed it, and closes. */
  cancel(popup: Window): void;
  restore(): void;
}

/** Spies on window.open (calling through), so a test can reach a same-origin popup. */
export function stubDialogs(): StubDialogs {
  const original = window.open;
  const opened: OpenedDialog[] = [];
  window.open = function (this: Window, ...args: Parameters<Window['open']>) {
    const popup = original.apply(window, args);
    opened.push({ url: String(args[0] ?? ''), popup });
    return popup;
  } as Window['open'];
  const dialogs: StubDialogs = {
    opened,
    async loaded(index = 0) {
      await waitUntil(() => opened.length > index, `popup ${index + 1} opens`, { timeout: 5000 });
      const popup = opened[index]!.popup!;
      await waitUntil(
        () => {
          try {
            return popup.location.pathname.startsWith('/external/auth/create/') && popup.document.readyState === 'complete';
          } catch {
            return false;
          }
        },
        'the popup loads the dialog',
        { timeout: 5000 },
      );
      return popup;
    },
    speak(popup, code) {
      const script = popup.document.createElement('script');
      script.textContent = code;
      popup.document.body.append(script);
    },
    finish: (popup, authId) => dialogs.speak(popup, `opener.postMessage(${JSON.stringify(finishMessage(authId))}, '*'); close();`),
    cancel: (popup) => dialogs.speak(popup, `opener.postMessage({ type: 'tray.authpopup.close' }, '*'); close();`),
    restore: () => {
      window.open = original;
    },
  };
  return dialogs;
}

/** For a describe block: a fresh `stubDialogs()` spy around each test. */
export function useStubDialogs(): StubDialogs {
  let current: StubDialogs | undefined;
  beforeEach(() => {
    current = stubDialogs();
  });
  afterEach(() => current?.restore());
  const live = (): StubDialogs => {
    if (!current) throw new Error('useStubDialogs spies inside tests only');
    return current;
  };
  return {
    get opened() {
      return live().opened;
    },
    loaded: (index) => live().loaded(index),
    speak: (popup, code) => live().speak(popup, code),
    finish: (popup, authId) => live().finish(popup, authId),
    cancel: (popup) => live().cancel(popup),
    restore: () => live().restore(),
  };
}

/** The emulator's real dialog, in the real popup the widget opened. */
export const emulatorDialog = {
  /** The dialog's visible text. */
  text: (): Promise<string> => popupText(),
  /** Presses Allow and waits for the dialog to close itself. */
  async allow(): Promise<void> {
    await popupClick('Allow');
    await waitForPopupClosed();
  },
  /** Presses Cancel and waits for the dialog to close itself. */
  async cancel(): Promise<void> {
    await popupClick('Cancel');
    await waitForPopupClosed();
  },
  /** Waits until the dialog has closed (itself, or the widget closed it). */
  closed: (): Promise<void> => waitForPopupClosed(),
};
