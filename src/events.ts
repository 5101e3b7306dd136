/**
 * The DOM events `<tray-integrations>` dispatches: one class per event, each
 * with typed read-only fields. All bubble and cross shadow roots (`composed`)
 * so a host can listen on any ancestor. This module owns the event names.
 */
import type { TrayErrorCode } from './services/errors.ts';

export const TRAY_EVENTS = {
  load: 'tray-load',
  connect: 'tray-connect',
  authorize: 'tray-authorize',
  enable: 'tray-enable',
  disable: 'tray-disable',
  delete: 'tray-delete',
  error: 'tray-error',
} as const;

const init = (cancelable = false): EventInit => ({ bubbles: true, composed: true, cancelable });

/** The marketplace finished loading (also after Retry). */
export class TrayLoadEvent extends Event {
  constructor(
    /** How many solutions are shown. */
    readonly solutions: number,
    /** How many integrations (solution instances) the user has. */
    readonly instances: number,
  ) {
    super(TRAY_EVENTS.load, init());
  }
}

/**
 * Connect was pressed. Dispatched twice: `phase: 'request'` before anything
 * is created (cancelable: `preventDefault()` stops the connection), then
 * `phase: 'created'` (not cancelable) with the new instance's id.
 */
export class TrayConnectEvent extends Event {
  constructor(
    readonly solutionId: string,
    readonly phase: 'request' | 'created',
    /** The created instance; null in the `request` phase. */
    readonly instanceId: string | null = null,
  ) {
    super(TRAY_EVENTS.connect, init(phase === 'request'));
  }
}

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

/** An auth was attached to an instance (one event per updated instance). */
export class TrayAuthorizeEvent extends Event {
  constructor(
    readonly instanceId: string,
    /** The auth slot's externalId. */
    readonly externalId: string,
    /** The new authentication's id. */
    readonly authId: string,
    readonly reason: AuthorizeReason,
    /** The auth it replaced, if the slot held one. */
    readonly previousAuthId: string | null = null,
  ) {
    super(TRAY_EVENTS.authorize, init());
  }
}

/** An instance was enabled; `auto` when the widget did it after the last authorization. */
export class TrayEnableEvent extends Event {
  constructor(
    readonly instanceId: string,
    readonly auto: boolean,
  ) {
    super(TRAY_EVENTS.enable, init());
  }
}

/** An instance was disabled by the user. */
export class TrayDisableEvent extends Event {
  constructor(readonly instanceId: string) {
    super(TRAY_EVENTS.disable, init());
  }
}

/**
 * An instance is being or was deleted. `phase: 'request'` comes after the
 * user confirmed and before anything is sent (cancelable); `phase: 'deleted'`
 * after Tray removed it. `reason: 'abandoned'` marks the cleanup of a
 * connection the user left before authorizing anything (only `deleted`).
 */
export class TrayDeleteEvent extends Event {
  constructor(
    readonly instanceId: string,
    readonly phase: 'request' | 'deleted',
    readonly reason: 'user' | 'abandoned' = 'user',
  ) {
    super(TRAY_EVENTS.delete, init(phase === 'request'));
  }
}

/** Something failed; the widget shows it too. */
export class TrayErrorEvent extends Event {
  constructor(
    readonly code: TrayErrorCode,
    /** A message a person can act on. */
    readonly message: string,
    /** True when trying the same action again may succeed. */
    readonly recoverable: boolean,
    /** The instance concerned, when there is one. */
    readonly instanceId: string | null = null,
  ) {
    super(TRAY_EVENTS.error, init());
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tray-load': TrayLoadEvent;
    'tray-connect': TrayConnectEvent;
    'tray-authorize': TrayAuthorizeEvent;
    'tray-enable': TrayEnableEvent;
    'tray-disable': TrayDisableEvent;
    'tray-delete': TrayDeleteEvent;
    'tray-error': TrayErrorEvent;
  }
}
