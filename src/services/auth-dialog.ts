import { AUTH_ID } from './auth-id.ts';
import { TrayError } from './errors.ts';
import { dialogErrorDetail, failedDialog, missingSettings, openDialogWindow, type DialogWindow } from './dialog-window.ts';

/**
 * Tray's auth-only dialog in a popup. The window, the origin and source
 * checks, the closed poll and settling once are dialog-window.ts's; this
 * module knows the dialog's URL and its three messages.
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

export interface AuthDialogOptions extends Omit<AuthDialogUrlParts, 'code' | 'solutionInstanceId'> {
  /**
   * The instance to authorize; a promise when it is being created as the
   * window opens (Connect opens the first service's dialog in its click).
   * A rejection fails the dialog with that error.
   */
  solutionInstanceId: string | Promise<string>;
  /** Returns a fresh one-time code from the host's backend; called once per dialog. */
  fetchAuthCode: () => Promise<string>;
  /** A window already opened inside the click (openPopup), to show the dialog in; default: one opened now. */
  popup?: Window | null | undefined;
  signal?: AbortSignal | undefined;
  /** How often to check whether the user closed the window. */
  closedPollMs?: number;
}

export interface AuthDialogResult {
  authId: string;
  authType: string | undefined;
}

/** The open dialog: `popup`, a `result` that settles once, and `close()`. */
export type AuthDialog = DialogWindow<AuthDialogResult>;

const FINISH = 'tray.authpopup.finish';
const CLOSE = 'tray.authpopup.close';
const ERROR = 'tray.authpopup.error';
const NOUN = 'sign-in window';

/** Opens the dialog. Call it synchronously inside the user's click handler. */
export function openAuthDialog(options: AuthDialogOptions): AuthDialog {
  const { dialogOrigin, embeddedId, externalAuthId, fetchAuthCode } = options;
  const invalid = missingSettings(NOUN, { dialogOrigin, embeddedId, solutionInstanceId: options.solutionInstanceId, externalAuthId, fetchAuthCode });
  if (invalid) return failedDialog(invalid);
  return openDialogWindow<AuthDialogResult>({
    dialogOrigin,
    noun: NOUN,
    windowName: 'tray-auth',
    solutionInstanceId: options.solutionInstanceId,
    fetchAuthCode,
    popup: options.popup,
    signal: options.signal,
    closedPollMs: options.closedPollMs,
    urlFor: (solutionInstanceId, code) => authDialogUrl({ dialogOrigin: new URL(dialogOrigin).origin, embeddedId, solutionInstanceId, externalAuthId, code }),
    onMessage(type, { authId, authType, error }, { finish, fail }) {
      switch (type) {
        case FINISH:
          if (typeof authId !== 'string' || !AUTH_ID.test(authId)) {
            return fail(new TrayError('dialog-error', 'The sign-in window finished without a valid authentication.'));
          }
          return finish({ authId, authType: typeof authType === 'string' ? authType : undefined });
        case CLOSE:
          return fail(new TrayError('dialog-closed', 'The sign-in window was closed before finishing.'));
        case ERROR: {
          const detail = dialogErrorDetail(error);
          return fail(new TrayError('dialog-error', `The sign-in window reported a problem${detail ? `: ${detail}` : '.'}`));
        }
      }
    },
  });
}
