import { isHostProblem, toTrayError, TrayError } from './errors.ts';

/**
 * What every Tray dialog flow (the auth-only dialog, the configuration
 * wizard) shares: a window opened synchronously inside the user's click,
 * messages taken only from the dialog's origin AND from the very window this
 * call opened (Tray posts with target '*'), a closed-window poll, an
 * AbortSignal, and a result that settles once. Each flow supplies only its
 * URL and how it reads the messages.
 */

export interface DialogWindow<T> {
  /** The window opened, or null when the browser blocked it or the options were incomplete. */
  readonly popup: Window | null;
  /** Settles once: the flow's value, or a TrayError (popup-blocked, dialog-closed, dialog-error, aborted…). */
  readonly result: Promise<T>;
  /** Gives up: closes the window and rejects `result` with `aborted`. */
  close(): void;
}

/** What a flow's message handler may do. */
export interface DialogControls<T> {
  finish(value: T): void;
  fail(error: TrayError): void;
  /** Posts to the dialog window, addressed to the dialog's origin only. */
  post(message: unknown): void;
  /** Whether the result has settled (a late async step should then do nothing). */
  readonly settled: boolean;
  /** The integration the dialog is for: known before its URL is set, so before any message. */
  readonly solutionInstanceId: string;
}

export interface DialogWindowOptions<T> {
  /** The dialog's origin; messages from any other origin are ignored. */
  dialogOrigin: string;
  /** What the user calls the window, in messages: "sign-in window", "settings window". */
  noun: string;
  /** Prefix of the window's name (a random suffix keeps two dialogs apart). */
  windowName: string;
  /**
   * The integration the dialog is for; a promise when it is being created
   * as the window opens. A rejection fails the dialog with that error.
   */
  solutionInstanceId: string | Promise<string>;
  fetchAuthCode: () => Promise<string>;
  /** A window already opened inside the click (openPopup); default: one opened now. */
  popup?: Window | null | undefined;
  /** The dialog URL for the integration and a one-time code. */
  urlFor(solutionInstanceId: string, code: string): string;
  /**
   * One message that passed the origin and source checks and is an object
   * with a string `type`, given lower-cased (Tray's casing is inconsistent).
   */
  onMessage(type: string, data: Record<string, unknown>, controls: DialogControls<T>): void;
  signal?: AbortSignal | undefined;
  /** How often to check whether the user closed the window. */
  closedPollMs?: number | undefined;
}

/** After the window is seen closed, how long a last message may still be on its way. */
const CLOSED_GRACE_MS = 400;
const WINDOW_FEATURES = 'popup,width=600,height=720';
/** Longest text taken from a dialog's error message into ours. */
const MAX_DETAIL = 200;

/**
 * `result` may settle before the caller attaches a handler (a blocked window
 * rejects at once): mark it handled so the page reports no stray rejection;
 * whoever awaits it still gets the error.
 */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** A dialog that never opened, failing with `error`. */
export function failedDialog<T>(error: TrayError): DialogWindow<T> {
  return { popup: null, result: quiet(Promise.reject(error)), close() {} };
}

/** An `invalid-config` failure naming the settings that are missing, or undefined when none is. */
export function missingSettings(what: string, settings: Record<string, unknown>): TrayError | undefined {
  const missing = Object.entries(settings)
    .filter(([key, value]) => (key === 'fetchAuthCode' ? typeof value !== 'function' : !value))
    .map(([key]) => key);
  return missing.length ? new TrayError('invalid-config', `Cannot open the ${what}: set ${missing.join(', ')}.`) : undefined;
}

/**
 * The text of a dialog's error field (a string, or an object with a
 * `message`), capped so a hostile dialog cannot flood the widget's words.
 */
export function dialogErrorDetail(error: unknown): string {
  const text = typeof error === 'string' ? error : error instanceof Object && 'message' in error ? String(error.message) : '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_DETAIL ? `${flat.slice(0, MAX_DETAIL - 1)}…` : flat;
}

/**
 * A blank window for a dialog, opened now: call it synchronously inside the
 * user's click, when which dialog it will show is known only after an
 * await; then hand it to the dialog as `popup` (or close it). Null when the
 * browser blocked it.
 */
export function openPopup(windowName = 'tray-dialog'): Window | null {
  return window.open('about:blank', `${windowName}-${crypto.randomUUID()}`, WINDOW_FEATURES);
}

/** Opens the dialog. Call it synchronously inside the user's click handler. */
export function openDialogWindow<T>(options: DialogWindowOptions<T>): DialogWindow<T> {
  const { noun } = options;
  const dialogOrigin = new URL(options.dialogOrigin).origin;
  const popup = 'popup' in options && options.popup !== undefined ? options.popup : openPopup(options.windowName);
  if (!popup) {
    return failedDialog(new TrayError('popup-blocked', `The browser blocked the ${noun}. Choose Continue to open it.`));
  }

  let settled = false;
  let solutionInstanceId = '';
  let settle: (outcome: { value: T } | { error: TrayError }) => void = () => {};
  const result = new Promise<T>((resolve, reject) => {
    let closedSince: number | undefined;
    const cleanup = () => {
      window.removeEventListener('message', onMessage);
      clearInterval(poll);
      options.signal?.removeEventListener('abort', onAbort);
    };
    settle = (outcome) => {
      if (settled) return;
      settled = true;
      cleanup();
      // Tray's samples close the window themselves once they have the answer.
      if (!popup.closed) popup.close();
      if ('value' in outcome) resolve(outcome.value);
      else reject(outcome.error);
    };
    const controls: DialogControls<T> = {
      finish: (value) => settle({ value }),
      fail: (error) => settle({ error }),
      post: (message) => {
        if (!settled && !popup.closed) popup.postMessage(message, dialogOrigin);
      },
      get settled() {
        return settled;
      },
      get solutionInstanceId() {
        return solutionInstanceId;
      },
    };

    function onMessage(event: MessageEvent) {
      if (event.origin !== dialogOrigin || event.source !== popup) return;
      const data: unknown = event.data;
      if (!data || typeof data !== 'object') return;
      const { type } = data as Record<string, unknown>;
      if (typeof type !== 'string') return;
      options.onMessage(type.toLowerCase(), data as Record<string, unknown>, controls);
    }
    function onAbort() {
      settle({ error: toTrayError(options.signal!.reason ?? new DOMException('Aborted', 'AbortError')) });
    }

    window.addEventListener('message', onMessage);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const poll = setInterval(() => {
      if (!popup.closed) return;
      // A dialog may post its last message and close itself at once: give
      // the message a moment to arrive before calling the window abandoned.
      closedSince ??= Date.now();
      if (Date.now() - closedSince >= CLOSED_GRACE_MS) {
        settle({ error: new TrayError('dialog-closed', `The ${noun} was closed before finishing.`) });
      }
    }, Math.min(options.closedPollMs ?? 250, CLOSED_GRACE_MS));
    if (options.signal?.aborted) onAbort();
  });

  // Only now, with the window already open, may anything be awaited.
  void (async () => {
    try {
      // The integration's creation and the one-time code do not depend on each other: both at once.
      const [id, code] = await Promise.all([options.solutionInstanceId, options.fetchAuthCode()]);
      solutionInstanceId = id;
      if (typeof code !== 'string' || code === '') {
        throw new TrayError('invalid-config', 'fetchAuthCode must resolve to the one-time authorization code string.');
      }
      if (settled || popup.closed) return;
      popup.location.replace(options.urlFor(id, code));
    } catch (error) {
      const cause = toTrayError(error);
      settle({
        error:
          // A missing setting, a cancel, or the host's own answer (signed out, backend down) keeps its code and words.
          cause.code === 'invalid-config' || cause.code === 'aborted' || isHostProblem(cause)
            ? cause
            : new TrayError('dialog-error', `Could not open the ${noun}: ${cause.message}`, { cause }),
      });
    }
  })();

  return {
    popup,
    result: quiet(result),
    close: () => settle({ error: new TrayError('aborted', `The ${noun} was cancelled.`) }),
  };
}
