/**
 * The DOM events `<tray-integrations>` dispatches: one class per event, each
 * with typed read-only fields. All bubble and cross shadow roots (`composed`)
 * so a host can listen on any ancestor. This module owns the event names.
 */
import type { TrayError, TrayErrorCode } from './services/errors.ts';

export const TRAY_EVENTS = {
  load: 'tray-load',
  connect: 'tray-connect',
  authorize: 'tray-authorize',
  enable: 'tray-enable',
  disable: 'tray-disable',
  delete: 'tray-delete',
  error: 'tray-error',
  configure: 'tray-configure',
  accountRemove: 'tray-account-remove',
} as const;

/**
 * A class for one widget event. Each is built from one named init object (so
 * two ids of the same type can never be swapped), whose fields, with
 * `defaults` filled in, become the event's own read-only fields. All bubble
 * and are composed; `cancelable` says which phases a listener may veto.
 */
function eventClass<Init extends object>(
  type: string,
  defaults: Partial<Init> = {},
  cancelable: (init: Init) => boolean = () => false,
) {
  return class extends Event {
    constructor(init: Init) {
      super(type, { bubbles: true, composed: true, cancelable: cancelable(init) });
      Object.assign(this, defaults, init);
    }
  } as unknown as new (init: Init) => Event & Readonly<Required<Init>>;
}

const isRequest = (init: { phase: string }) => init.phase === 'request';

export interface TrayLoadEventInit {
  /** How many solutions are shown. */
  solutions: number;
  /** How many integrations (solution instances) the user has. */
  instances: number;
}

/** The marketplace finished loading (also after Retry). */
export const TrayLoadEvent = eventClass<TrayLoadEventInit>(TRAY_EVENTS.load);
export type TrayLoadEvent = InstanceType<typeof TrayLoadEvent>;

export interface TrayConnectEventInit {
  solutionId: string;
  phase: 'request' | 'created';
  /** The created instance; null in the `request` phase. */
  instanceId?: string | null;
}

/**
 * Connect was pressed. Dispatched twice: `phase: 'request'` before anything
 * is created (cancelable: `preventDefault()` stops the connection), then
 * `phase: 'created'` (not cancelable) with the new instance's id.
 */
export const TrayConnectEvent = eventClass<TrayConnectEventInit>(TRAY_EVENTS.connect, { instanceId: null }, isRequest);
export type TrayConnectEvent = InstanceType<typeof TrayConnectEvent>;

/** Why an auth was attached to an instance. */
export type AuthorizeReason =
  /** A first authorization of an empty slot. */
  | 'authorize'
  /** The user re-authorized a slot of this instance (Reconnect). */
  | 'reconnect'
  /** Another instance used the replaced auth and now uses the new one. */
  | 'propagate'
  /** Part of upgrading the instance to its solution's newer version. */
  | 'upgrade';

export interface TrayAuthorizeEventInit {
  instanceId: string;
  /** The auth slot's externalId. */
  externalId: string;
  /** The new authentication's id. */
  authId: string;
  reason: AuthorizeReason;
  /** The auth it replaced, if the slot held one. */
  previousAuthId?: string | null;
}

/** An auth was attached to an instance (one event per updated instance). */
export const TrayAuthorizeEvent = eventClass<TrayAuthorizeEventInit>(TRAY_EVENTS.authorize, { previousAuthId: null });
export type TrayAuthorizeEvent = InstanceType<typeof TrayAuthorizeEvent>;

/** The integration (solution instance) an event is about. */
export interface TrayInstanceRef {
  instanceId: string;
}

export interface TrayEnableEventInit extends TrayInstanceRef {
  /** True when the widget enabled it after the last authorization. */
  auto: boolean;
}

/** An instance was enabled; `auto` when the widget did it after the last authorization. */
export const TrayEnableEvent = eventClass<TrayEnableEventInit>(TRAY_EVENTS.enable);
export type TrayEnableEvent = InstanceType<typeof TrayEnableEvent>;

export type TrayDisableEventInit = TrayInstanceRef;

/** An instance was disabled by the user. */
export const TrayDisableEvent = eventClass<TrayDisableEventInit>(TRAY_EVENTS.disable);
export type TrayDisableEvent = InstanceType<typeof TrayDisableEvent>;

export interface TrayDeleteEventInit extends TrayInstanceRef {
  phase: 'request' | 'deleted';
  /** `abandoned` marks the cleanup of a connection left before any auth; default `user`. */
  reason?: 'user' | 'abandoned';
}

/**
 * An instance is being or was deleted. `phase: 'request'` comes after the
 * user confirmed and before anything is sent (cancelable); `phase: 'deleted'`
 * after Tray removed it. `reason: 'abandoned'` marks the cleanup of a
 * connection the user left before authorizing anything (only `deleted`).
 */
export const TrayDeleteEvent = eventClass<TrayDeleteEventInit>(TRAY_EVENTS.delete, { reason: 'user' }, isRequest);
export type TrayDeleteEvent = InstanceType<typeof TrayDeleteEvent>;

export interface TrayConfigureEventInit {
  solutionId: string;
  /** `request` before the wizard opens (cancelable), then `finished` or `cancelled`. */
  phase: 'request' | 'finished' | 'cancelled';
  /** The instance configured; null in the `request` phase of a new setup. */
  instanceId?: string | null;
}

/**
 * Tray's configuration wizard: `phase: 'request'` when Set up or Edit
 * settings is pressed (cancelable: `preventDefault()` keeps the wizard
 * closed), then `finished` when the user saved the settings or `cancelled`
 * when they left it (a new integration is then deleted).
 */
export const TrayConfigureEvent = eventClass<TrayConfigureEventInit>(TRAY_EVENTS.configure, { instanceId: null }, isRequest);
export type TrayConfigureEvent = InstanceType<typeof TrayConfigureEvent>;

export interface TrayAccountRemoveEventInit {
  /** The connected account: a Tray authentication's id. */
  authenticationId: string;
  /** Its service's name, e.g. `slack`. */
  service: string;
  phase: 'request' | 'removed';
}

/**
 * A connected account is being or was removed, in the accounts view.
 * `phase: 'request'` after the user confirmed and before anything is sent
 * (cancelable: `preventDefault()` keeps the account), then `phase: 'removed'`
 * once Tray removed it. An account an integration uses is never removed.
 */
export const TrayAccountRemoveEvent = eventClass<TrayAccountRemoveEventInit>(TRAY_EVENTS.accountRemove, {}, isRequest);
export type TrayAccountRemoveEvent = InstanceType<typeof TrayAccountRemoveEvent>;

export interface TrayErrorEventInit {
  code: TrayErrorCode;
  /** A message a person can act on. */
  message: string;
  /** True when trying the same action again may succeed. */
  recoverable: boolean;
  /** The instance concerned, when there is one. */
  instanceId?: string | null;
  /** The HTTP status behind the failure, when a response caused it (for logs; never shown to the person). */
  status?: number | null;
}

/** Something failed; the widget shows it too. */
export const TrayErrorEvent = eventClass<TrayErrorEventInit>(TRAY_EVENTS.error, { instanceId: null, status: null });
export type TrayErrorEvent = InstanceType<typeof TrayErrorEvent>;

/** The `tray-error` event for `error`, about the instance `instanceId` if any. */
export const errorEvent = ({ code, message, recoverable, status }: TrayError, instanceId: string | null = null) =>
  new TrayErrorEvent({ code, message, recoverable, instanceId, status: status ?? null });

declare global {
  interface GlobalEventHandlersEventMap {
    'tray-load': TrayLoadEvent;
    'tray-connect': TrayConnectEvent;
    'tray-authorize': TrayAuthorizeEvent;
    'tray-enable': TrayEnableEvent;
    'tray-disable': TrayDisableEvent;
    'tray-delete': TrayDeleteEvent;
    'tray-error': TrayErrorEvent;
    'tray-configure': TrayConfigureEvent;
    'tray-account-remove': TrayAccountRemoveEvent;
  }
}
