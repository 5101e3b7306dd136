import { TrayError, isHostProblem, toTrayError } from './errors.ts';

/**
 * Tray's auth-only dialog in a popup.
 *
 * The window is opened before anything is awaited, because browsers (Safari
 * first) block a popup that is not opened directly inside the user's click.
 * The one-time code is fetched afterwards and the waiting window is sent to
 * the dialog URL. Tray posts its messages with target '*', so a message
 * counts only when it comes from the dialog's origin AND from the very window
 * this call opened.
 */

export interface AuthDialogUrlParts {
  dialogOrigin: string;
  embeddedId: string;
  solutionInstanceId: string;
  externalAuthId: string;
  code: string;
}

export function authDialogUrl({ dialogOrigin, embeddedId, solutionInstanceId, externalAuthId, code }: AuthDialogUrlParts): string {
  const path = ['external', 'auth', 'create', embeddedId, solutionInstanceId, externalAuthId]
    .map(encodeURIComponent)
    .join('/');
  const url = new URL(`/${path}`, dialogOrigin);
  url.searchParams.set('code', code);
  return url.href;
}

export interface AuthDialogOptions extends Omit<AuthDialogUrlParts, 'code'> {
  /** Returns a fresh one-time code from the host's backend; called once per dialog. */
  fetchAuthCode: () => Promise<string>;
  signal?: AbortSignal | undefined;
  /** How often to check whether the user closed the window. */
  closedPollMs?: number;
}

export interface AuthDialogResult {
  authId: string;
  authType: string | undefined;
}

export interface AuthDialog {
  /** The window opened, or null when the browser blocked it. */
  readonly popup: Window | null;
  /** Settles once: the new auth, or a TrayError (popup-blocked, dialog-closed, dialog-error…). */
  readonly result: Promise<AuthDialogResult>;
  /** Gives up: closes the window and rejects `result` with `aborted`. */
  close(): void;
}

const FINISH = 'tray.authpopup.finish';
const CLOSE = 'tray.authpopup.close';
const ERROR = 'tray.authpopup.error';
/** Tray's auth ids are opaque tokens of letters, digits, `-` and `_`. */
const AUTH_ID = /^[\w-]{1,200}$/;
/** After the window is seen closed, how long a finish message may still be on its way. */
const CLOSED_GRACE_MS = 400;

const WINDOW_FEATURES = 'popup,width=600,height=720';

/**
 * `result` may settle before the caller attaches a handler (a blocked window
 * rejects at once): mark it handled so the page reports no stray rejection;
 * whoever awaits it still gets the error.
 */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

function failed(error: TrayError): AuthDialog {
  return { popup: null, result: quiet(Promise.reject(error)), close() {} };
}

/** Opens the dialog. Call it synchronously inside the user's click handler. */
export function openAuthDialog(options: AuthDialogOptions): AuthDialog {
  const missing = (['dialogOrigin', 'embeddedId', 'solutionInstanceId', 'externalAuthId'] as const).filter(
    (key) => !options[key],
  );
  if (missing.length || typeof options.fetchAuthCode !== 'function') {
    const what = [...missing, ...(typeof options.fetchAuthCode === 'function' ? [] : ['fetchAuthCode'])];
    return failed(new TrayError('invalid-config', `Cannot open the sign-in window: set ${what.join(', ')}.`));
  }
  const dialogOrigin = new URL(options.dialogOrigin).origin;
  const popup = window.open('about:blank', `tray-auth-${crypto.randomUUID()}`, WINDOW_FEATURES);
  if (!popup) {
    return failed(new TrayError('popup-blocked', 'The browser blocked the sign-in window. Choose Continue to open it.'));
  }

  let settle: (outcome: { value: AuthDialogResult } | { error: TrayError }) => void = () => {};
  const result = new Promise<AuthDialogResult>((resolve, reject) => {
    let settled = false;
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
      if ('value' in outcome) return resolve(outcome.value);
      if (!popup.closed) popup.close();
      reject(outcome.error);
    };

    function onMessage(event: MessageEvent) {
      if (event.origin !== dialogOrigin || event.source !== popup) return;
      const data: unknown = event.data;
      if (!data || typeof data !== 'object') return;
      const { type, authId, authType, error } = data as Record<string, unknown>;
      if (typeof type !== 'string') return;
      switch (type.toLowerCase()) {
        case FINISH:
          if (typeof authId !== 'string' || !AUTH_ID.test(authId)) {
            return settle({ error: new TrayError('dialog-error', 'The sign-in window finished without a valid authentication.') });
          }
          return settle({ value: { authId, authType: typeof authType === 'string' ? authType : undefined } });
        case CLOSE:
          return settle({ error: new TrayError('dialog-closed', 'The sign-in window was closed before finishing.') });
        case ERROR: {
          const detail = typeof error === 'string' ? error : error instanceof Object && 'message' in error ? String(error.message) : '';
          return settle({
            error: new TrayError('dialog-error', `The sign-in window reported a problem${detail ? `: ${detail}` : '.'}`),
          });
        }
      }
    }
    function onAbort() {
      settle({ error: toTrayError(options.signal!.reason ?? new DOMException('Aborted', 'AbortError')) });
    }

    window.addEventListener('message', onMessage);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const poll = setInterval(() => {
      if (!popup.closed) return;
      // The dialog posts finish and then closes itself: give the message a
      // moment to arrive before calling the window abandoned.
      closedSince ??= Date.now();
      if (Date.now() - closedSince >= CLOSED_GRACE_MS) {
        settle({ error: new TrayError('dialog-closed', 'The sign-in window was closed before finishing.') });
      }
    }, Math.min(options.closedPollMs ?? 250, CLOSED_GRACE_MS));
    if (options.signal?.aborted) onAbort();
  });

  // Only now, with the window already open, may anything be awaited.
  void (async () => {
    try {
      const code = await options.fetchAuthCode();
      if (typeof code !== 'string' || code === '') {
        throw new TrayError('invalid-config', 'fetchAuthCode must resolve to the one-time authorization code string.');
      }
      if (popup.closed) return;
      popup.location.replace(authDialogUrl({ ...options, dialogOrigin, code }));
    } catch (error) {
      const cause = toTrayError(error);
      settle({
        error:
          cause.code === 'invalid-config' || cause.code === 'aborted' || isHostProblem(cause)
            ? cause
            : new TrayError('dialog-error', `Could not start the sign-in: ${cause.message}`, { cause }),
      });
    }
  })();

  return {
    popup,
    result: quiet(result),
    close: () => settle({ error: new TrayError('aborted', 'The sign-in was cancelled.') }),
  };
}
