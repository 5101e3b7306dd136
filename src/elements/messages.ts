import type { TrayError, TrayErrorCode } from '../services/errors.ts';

/**
 * Every string `<tray-integrations>` shows or announces. A host overrides
 * any subset through the `messages` property (e.g. to translate); the rest
 * keep these defaults. Functions receive the solution's or slot's title.
 */
export const DEFAULT_MESSAGES = {
  loading: 'Loading integrations…',
  loadFailed: 'Integrations could not be loaded.',
  retry: 'Retry',
  empty: 'No integrations are available yet.',
  /** The `tags` filter left nothing, though the catalog may have integrations. */
  noMatch: (tags: readonly string[]) => `No integrations match the tags ${tags.join(', ')}.`,
  /** Nobody is signed in to the host (its session endpoint said 401, or a callback said `signed-out`). */
  signedOut: 'Sign in to see and connect your integrations.',
  /** The host's backend failed or is set up wrongly; the details go to `tray-error`, not to the person. */
  backendFailed: 'Integrations are not available right now. Try again later, or contact support if it continues.',
  imageAlt: (title: string) => `${title} logo`,

  stateNotConnected: 'Not connected',
  stateNeedsAuth: 'Needs authorization',
  stateEnabled: 'Enabled',
  stateDisabled: 'Disabled',
  stateUpdateRequired: 'Update required',
  updateRequiredNote: 'A new version needs you to authorize again before it can run.',
  newerVersionNote: 'A newer version is available and will be applied automatically.',
  systemUpdateNote: 'A newer version is available; the provider will update it for you.',

  services: 'Services',
  authorized: 'Authorized',
  notAuthorized: 'Not authorized',

  connect: 'Connect',
  setUp: 'Set up',
  editSettings: 'Edit settings',
  authorize: (slot: string) => `Authorize ${slot}`,
  reconnect: (slot: string) => `Reconnect ${slot}`,
  update: (slot: string) => `Update ${slot}`,
  continue: 'Continue',
  popupBlocked: 'The sign-in window was blocked. Select Continue to open it.',
  enable: 'Enable',
  disable: 'Disable',
  delete: 'Delete',
  confirmDelete: (title: string) => `Delete ${title}? Its workflows stop and it cannot be restored.`,
  confirmDeleteYes: 'Yes, delete',
  confirmDeleteNo: 'Keep it',
  working: 'Working…',
  /** On a card while its settings wizard is open: the window is where to go on. */
  settingUp: 'Being set up in the open window…',

  /** Under the cards while later pages load; `total` is null until the last page (Tray does not count solutions). */
  busyRetrying: (seconds: number) => `Busy — trying again in ${seconds} s`,
  loadingMore: (loaded: number, total: number | null) => `Loading more… ${loaded}${total === null ? '' : ` of ${total}`}`,
  announceLoaded: (count: number) => `${count} integration${count === 1 ? '' : 's'} loaded.`,
  announceConnected: (title: string) => `${title} connected. Authorize it to continue.`,
  announceConfigured: (title: string) => `${title} settings saved.`,
  announceSetupCancelled: (title: string) => `Setup of ${title} cancelled.`,
  announceAuthorized: (slot: string) => `${slot} authorized.`,
  announceCancelled: (slot: string) => `Authorization of ${slot} cancelled.`,
  announceEnabled: (title: string) => `${title} enabled.`,
  announceDisabled: (title: string) => `${title} disabled.`,
  announceDeleted: (title: string) => `${title} deleted.`,
  announceUpdated: (title: string) => `${title} updated to the new version.`,
  /** The text shown for a failure; the default is the service's own message. */
  error: (_code: TrayErrorCode, message: string) => message,
};

export type TrayMessages = typeof DEFAULT_MESSAGES;

/** The words a person reads for a failure: the host's own problems in plain words, the rest as the service said. */
export function errorText(m: TrayMessages, error: TrayError): string {
  if (error.code === 'signed-out') return m.signedOut;
  if (error.code === 'backend') return m.backendFailed;
  return m.error(error.code, error.message);
}

/**
 * What a failed load says, once: signed out, and a backend that is down
 * ("Integrations are not available right now"), need no "could not be
 * loaded" before them.
 */
export function loadFailedText(m: TrayMessages, error: TrayError): string {
  return error.code === 'signed-out' || error.code === 'backend' ? errorText(m, error) : `${m.loadFailed} ${errorText(m, error)}`;
}
