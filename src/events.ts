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

/**
 * Every widget event: built from one named init object (so two ids of the
 * same type can never be swapped), whose fields become the event's own
 * read-only fields. All bubble and are composed.
 */
abstract class TrayEvent extends Event {
  constructor(type: string, init: object, cancelable = false) {
    super(type, { bubbles: true, composed: true, cancelable });
    Object.assign(this, init);
  }
}

export interface TrayLoadEventInit {
  /** How many solutions are shown. */
  solutions: number;
  /** How many integrations (solution instances) the user has. */
  instances: number;
}

/** The marketplace finished loading (also after Retry). */
export class TrayLoadEvent extends TrayEvent {
  declare readonly solutions: number;
  declare readonly instances: number;
  constructor(init: TrayLoadEventInit) {
    super(TRAY_EVENTS.load, init);
  }
}

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
export class TrayConnectEvent extends TrayEvent {
  declare readonly solutionId: string;
  declare readonly phase: 'request' | 'created';
  declare readonly instanceId: string | null;
  constructor(init: TrayConnectEventInit) {
    super(TRAY_EVENTS.connect, { instanceId: null, ...init }, init.phase === 'request');
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
export class TrayAuthorizeEvent extends TrayEvent {
  declare readonly instanceId: string;
  declare readonly externalId: string;
  declare readonly authId: string;
  declare readonly reason: AuthorizeReason;
  declare readonly previousAuthId: string | null;
  constructor(init: TrayAuthorizeEventInit) {
    super(TRAY_EVENTS.authorize, { previousAuthId: null, ...init });
  }
}

export interface TrayEnableEventInit {
  instanceId: string;
  /** True when the widget enabled it after the last authorization. */
  auto: boolean;
}

/** An instance was enabled; `auto` when the widget did it after the last authorization. */
export class TrayEnableEvent extends TrayEvent {
  declare readonly instanceId: string;
  declare readonly auto: boolean;
  constructor(init: TrayEnableEventInit) {
    super(TRAY_EVENTS.enable, init);
  }
}

export interface TrayDisableEventInit {
  instanceId: string;
}

/** An instance was disabled by the user. */
export class TrayDisableEvent extends TrayEvent {
  declare readonly instanceId: string;
  constructor(init: TrayDisableEventInit) {
    super(TRAY_EVENTS.disable, init);
  }
}

export interface TrayDeleteEventInit {
  instanceId: string;
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
export class TrayDeleteEvent extends TrayEvent {
  declare readonly instanceId: string;
  declare readonly phase: 'request' | 'deleted';
  declare readonly reason: 'user' | 'abandoned';
  constructor(init: TrayDeleteEventInit) {
    super(TRAY_EVENTS.delete, { reason: 'user', ...init }, init.phase === 'request');
  }
}

export interface TrayErrorEventInit {
  code: TrayErrorCode;
  /** A message a person can act on. */
  message: string;
  /** True when trying the same action again may succeed. */
  recoverable: boolean;
  /** The instance concerned, when there is one. */
  instanceId?: string | null;
}

/** Something failed; the widget shows it too. */
export class TrayErrorEvent extends TrayEvent {
  declare readonly code: TrayErrorCode;
  declare readonly message: string;
  declare readonly recoverable: boolean;
  declare readonly instanceId: string | null;
  constructor(init: TrayErrorEventInit) {
    super(TRAY_EVENTS.error, { instanceId: null, ...init });
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
