import { TrayError } from './errors.ts';
import { dialogErrorDetail, failedDialog, missingSettings, openDialogWindow, type DialogWindow } from './dialog-window.ts';

/**
 * Tray's configuration wizard in a popup, for solutions with config slots.
 * The window, the origin and source checks, the closed poll and settling
 * once are dialog-window.ts's, shared with the auth dialog; this module
 * knows the wizard's URL and its `tray.configPopup.*` messages:
 *
 * - `ready`: the wizard has loaded (`onReady`);
 * - `finish` (`data.solutionInstanceId`): resolves `{ solutionInstanceId }`;
 * - `cancel`: rejects `dialog-closed` (as does closing the window);
 * - `error` (`err`): rejects `dialog-error`, with the wizard's text capped;
 * - `validate` (`data.visibleSlots`): answers the wizard, addressed to its
 *   origin only, with `tray.configPopup.client.validation`
 *   `{ inProgress: true }`, then `{ inProgress: false, errors }` from `validate`.
 */

export interface ConfigWizardUrlParts {
  dialogOrigin: string;
  embeddedId: string;
  solutionInstanceId: string;
  code: string;
}

export function configWizardUrl({ dialogOrigin, embeddedId, solutionInstanceId, code }: ConfigWizardUrlParts): string {
  const path = ['external', 'solutions', embeddedId, 'configure', solutionInstanceId].map(encodeURIComponent).join('/');
  const url = new URL(`/${path}`, dialogOrigin);
  url.searchParams.set('code', code);
  return url.href;
}

/** A config slot the wizard shows, with the value the user has entered (a JSON value, not JSON text). */
export interface VisibleSlot {
  externalId: string;
  title?: string;
  value: unknown;
}

/** Messages keyed by config slot externalId; empty (or undefined) means the values are fine. */
export type ConfigErrors = Record<string, string>;

/**
 * The host's check of the values the user entered. Its `signal` aborts when
 * the wizard settles or the user asks again. A throw is shown on the first
 * slot, so the user can try again.
 */
export type ValidateConfig = (slots: VisibleSlot[], signal: AbortSignal) => ConfigErrors | undefined | Promise<ConfigErrors | undefined>;

export interface ConfigWizardOptions extends Omit<ConfigWizardUrlParts, 'code' | 'solutionInstanceId'> {
  /**
   * The instance to configure; a promise when it is being created as the
   * window opens (the window must open inside the click, before any await).
   * A rejection fails the wizard with that error.
   */
  solutionInstanceId: string | Promise<string>;
  /** Returns a fresh one-time code from the host's backend; called once per wizard. */
  fetchAuthCode: () => Promise<string>;
  /** A window already opened inside the click (openPopup), to show the wizard in; default: one opened now. */
  popup?: Window | null | undefined;
  /** External validation; without it every `validate` request is answered with no errors. */
  validate?: ValidateConfig | undefined;
  /** Called when the wizard says it has loaded. */
  onReady?: (() => void) | undefined;
  signal?: AbortSignal | undefined;
  /** How often to check whether the user closed the window. */
  closedPollMs?: number;
}

export interface ConfigWizardResult {
  solutionInstanceId: string;
}

/** The open wizard: `popup`, a `result` that settles once, and `close()`. */
export type ConfigWizard = DialogWindow<ConfigWizardResult>;

const READY = 'tray.configpopup.ready';
const FINISH = 'tray.configpopup.finish';
const CANCEL = 'tray.configpopup.cancel';
const ERROR = 'tray.configpopup.error';
const VALIDATE = 'tray.configpopup.validate';
const VALIDATION = 'tray.configPopup.client.validation';
const NOUN = 'settings window';
/** More slots than any solution has: a flood is cut here. */
const MAX_SLOTS = 500;

/** The wizard's visible slots, keeping only well-formed entries. */
function visibleSlots(data: unknown): VisibleSlot[] {
  const slots = data && typeof data === 'object' ? (data as { visibleSlots?: unknown }).visibleSlots : undefined;
  if (!Array.isArray(slots)) return [];
  return slots
    .slice(0, MAX_SLOTS)
    .filter((s): s is Record<string, unknown> => !!s && typeof s === 'object' && typeof (s as Record<string, unknown>)['externalId'] === 'string')
    .map((s) => ({
      externalId: s['externalId'] as string,
      ...(typeof s['title'] === 'string' ? { title: s['title'] } : {}),
      value: s['value'],
    }));
}

/** The hook's answer as the wizard expects it: string messages only. */
function cleanErrors(errors: unknown): ConfigErrors {
  const out: ConfigErrors = {};
  if (!errors || typeof errors !== 'object') return out;
  for (const [key, message] of Object.entries(errors)) if (typeof message === 'string' && message) out[key] = message;
  return out;
}

/** Opens the wizard. Call it synchronously inside the user's click handler. */
export function openConfigWizard(options: ConfigWizardOptions): ConfigWizard {
  const { dialogOrigin, embeddedId, fetchAuthCode, validate } = options;
  const invalid = missingSettings(NOUN, { dialogOrigin, embeddedId, solutionInstanceId: options.solutionInstanceId, fetchAuthCode });
  if (invalid) return failedDialog(invalid);
  /** The validation in progress; a newer request or the end of the wizard aborts it. */
  let checking: AbortController | undefined;
  const wizard = openDialogWindow<ConfigWizardResult>({
    dialogOrigin,
    noun: NOUN,
    windowName: 'tray-config',
    solutionInstanceId: options.solutionInstanceId,
    fetchAuthCode,
    popup: options.popup,
    signal: options.signal,
    closedPollMs: options.closedPollMs,
    urlFor: (solutionInstanceId, code) => configWizardUrl({ dialogOrigin: new URL(dialogOrigin).origin, embeddedId, solutionInstanceId, code }),
    onMessage(type, message, { finish, fail, post, solutionInstanceId }) {
      const data = message['data'];
      switch (type) {
        case READY:
          return options.onReady?.();
        case FINISH: {
          const id = data && typeof data === 'object' ? (data as Record<string, unknown>)['solutionInstanceId'] : undefined;
          if (id !== solutionInstanceId) {
            return fail(new TrayError('dialog-error', 'The settings window finished for a different integration.'));
          }
          return finish({ solutionInstanceId });
        }
        case CANCEL:
          return fail(new TrayError('dialog-closed', 'The settings window was cancelled.'));
        case ERROR: {
          const detail = dialogErrorDetail(message['err']);
          return fail(new TrayError('dialog-error', `The settings window reported a problem${detail ? `: ${detail}` : '.'}`));
        }
        case VALIDATE: {
          checking?.abort();
          const current = new AbortController();
          checking = current;
          const slots = visibleSlots(data);
          post({ type: VALIDATION, data: { inProgress: true } });
          void (async () => {
            let errors: ConfigErrors;
            try {
              errors = cleanErrors(validate ? await validate(slots, current.signal) : undefined);
            } catch (error) {
              const first = slots[0];
              const detail = dialogErrorDetail(error);
              errors = first ? { [first.externalId]: `These settings could not be checked${detail ? `: ${detail}.` : '.'} Try again.` } : {};
            }
            // A newer request, or a settled wizard, makes this answer stale.
            if (checking === current && !current.signal.aborted) post({ type: VALIDATION, data: { inProgress: false, errors } });
          })();
          return;
        }
      }
    },
  });
  void wizard.result.catch(() => {}).finally(() => checking?.abort());
  return wizard;
}
