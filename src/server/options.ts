/**
 * `createTrayHandler`'s options: what a host may set, their defaults, and
 * the checks that turn a wrong value into an error naming the option.
 */
import { TrayError } from '../services/errors.ts';
import type { TrayServerEvent } from './events.ts';
import type { ByteBudget } from './http.ts';
import type { PacingRule, TrayStore, TrayUserIds, WindowRule } from './store.ts';

/** Who the signed-in user is, as the host's own session says. */
export interface TrayUser {
  /** The host's stable id for this user; Tray stores it as `externalUserId`. */
  externalUserId: string;
  /** Shown in Tray; used only when the Tray user is first created. */
  name: string;
}

export interface TrayLogEntry {
  level: 'warn' | 'error';
  /** Machine-readable, e.g. `master-token-rejected`, `tray-error`, `get-user-failed`. */
  code: string;
  /** Human-readable; never contains a token or code. */
  message: string;
}

/**
 * `Context` is whatever the caller passes as the handler's second argument:
 * `toNodeListener` passes `{ req, res }` (so an Express host can read
 * `req.user`), a Next.js route passes its `{ params }`.
 */
export interface TrayHandlerOptions<Context = unknown> {
  /** The partner master token. Required; it never leaves this handler. */
  masterToken: string;
  /** Tray region: `us` (default), `eu` or `ap`. Ignored when `endpoint` is set. */
  region?: string;
  /** Tray's (or the emulator's) GraphQL URL; overrides `region`. */
  endpoint?: string;
  /** Where the endpoints live; default `/api/tray`. */
  basePath?: string;
  /**
   * The signed-in user from the host's own session (cookie, header, …), or
   * null when nobody is signed in. Nothing the browser sends chooses the user.
   */
  getUser: (
    request: Request,
    context: Context | undefined,
  ) => TrayUser | null | undefined | Promise<TrayUser | null | undefined>;
  /** The fetch used to call Tray; default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Clock in epoch milliseconds, for token expiry; default `Date.now`. */
  now?: () => number;
  /** Largest request body accepted, in bytes; default 64 KiB. */
  maxBodyBytes?: number;
  /** How long to wait for Tray, in milliseconds; default 20 000. */
  timeoutMs?: number;
  /**
   * Receives one plain object per event (`type` plus facts such as
   * `externalUserId`, `durationMs`, `status`, `retryAfterMs`), for a
   * structured logger or counters: sign-ins, Tray calls, rate limits,
   * refusals, errors, and what users did (`instance-created`, …), from
   * Tray's own answers. No event holds a token or code. Called
   * synchronously; what it throws is ignored. See docs/server.md.
   */
  onEvent?: (event: TrayServerEvent) => void;
  /** Receives failures worth a host's attention; default `console.warn`/`console.error`. */
  log?: (entry: TrayLogEntry) => void;
  /**
   * Where Tray user ids, user tokens and the rate budgets live. Default: this
   * process's memory. With several processes, pass `redisStore(client)` so
   * they share one master-token budget and one cache.
   */
  store?: TrayStore;
  /**
   * Longest one store call may take, in milliseconds; default 1000. Past it
   * (or when the store fails) `/session` and `/auth-code` answer
   * `503 store-unavailable` with `Retry-After`, and no master-token call is
   * made: pacing needs the shared budget. `/graphql` needs no store.
   */
  storeTimeoutMs?: number;
  /**
   * Where Tray user ids live, when the host keeps them in its own database
   * (next to its user record) instead of the store.
   */
  userIds?: TrayUserIds;
  /**
   * How a user's first sign-in finds their Tray user when no id is saved.
   * `'lookup-first'` (default): look the user up, create them if Tray has
   * none: two master-token calls for a new user, one for a user Tray already
   * has. `'create-first'`: create the user, and look up only when Tray
   * answers `user_already_exists`: one call for a new user, two for a user
   * Tray already has. Either way the store's lock has one process do it for
   * one user at a time. See docs/server.md, "Creating Tray users".
   */
  userCreation?: UserCreation;
  /**
   * Pacing of master-token calls, shared by every process using the same
   * store. Default 25 a second, bursts of 15 (at most 40 in any one second
   * as sent: room under Tray's 30/s with bursts to 50 for network jitter and
   * other callers), each call waiting up to 10 s for its turn.
   */
  masterTokenRate?: Partial<PacingRule>;
  /**
   * Per signed-in user: how many requests may reach Tray with the master
   * token (`/auth-code` always, `/session` when no token is cached). Default
   * 20 a minute; `false` turns the limit off.
   */
  userRateLimit?: Partial<WindowRule> | false;
  /**
   * Origins, besides the backend's own, whose pages may call `/session` and
   * `/auth-code` (e.g. `["https://app.example.com"]` when the API has its own host).
   */
  allowedOrigins?: string[];
  /** Request-body bytes held in memory at once across all requests; default 16 MiB. */
  maxBufferedBytes?: number;
  /**
   * How much of `maxBufferedBytes` one signed-in user's bodies may hold at
   * once; default four bodies' worth (4 × `maxBodyBytes`). Requests without
   * a signed-in user and a token never read their body at all.
   */
  maxBufferedBytesPerUser?: number;
  /**
   * A `/graphql` body must arrive whole within this many milliseconds;
   * slower uploads are cut off (`408 body-too-slow`). Default 10 000.
   */
  bodyTimeoutMs?: number;
  /** Deepest nesting of arrays/objects accepted in a GraphQL request body; default 64. */
  maxJsonDepth?: number;
}

/** How a first sign-in finds or makes the user's Tray user (`userCreation`). */
export type UserCreation = 'lookup-first' | 'create-first';

export type TrayHandler<Context = unknown> = ((request: Request, context?: Context) => Promise<Response>) & {
  /** The normalized base path, so adapters can pass other paths on (`next()`). */
  readonly basePath: string;
  /** The body limit, so adapters enforce the same one while reading. */
  readonly maxBodyBytes: number;
  /** The bytes-in-memory bound, so adapters book what they buffer in the same budget. */
  readonly bufferBudget: ByteBudget;
  /** The body time floor, so adapters drop connections whose unread bodies trickle past it. */
  readonly bodyTimeoutMs: number;
};

export const DEFAULT_BASE_PATH = '/api/tray';
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MASTER_TOKEN_RATE: PacingRule = { perSecond: 25, burst: 15, maxWaitMs: 10_000 };
export const DEFAULT_USER_RATE_LIMIT: WindowRule = { limit: 20, windowMs: 60_000 };
export const DEFAULT_MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_JSON_DEPTH = 64;
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;
/** Bodies of one user held at once, by default: the widget sends a handful of small requests at a time. */
export const DEFAULT_BODIES_PER_USER = 4;

export function configError(message: string): never {
  throw new TrayError('invalid-config', `createTrayHandler: ${message}`);
}

export function normalizeBasePath(basePath: string | undefined): string {
  const path = basePath ?? DEFAULT_BASE_PATH;
  if (!path.startsWith('/') || /[?#]/.test(path)) {
    configError(`basePath "${path}" must be a path starting with "/", such as /api/tray.`);
  }
  return path.replace(/\/+$/, '');
}

/** A positive number option, or its default; anything else is a configuration error naming the option. */
export function positive(name: string, value: unknown, fallback: number, whole = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value) || (whole && !Number.isInteger(value))) {
    configError(`${name} must be a positive ${whole ? 'whole ' : ''}number, not ${String(value)}.`);
  }
  return value;
}

export function pacingRule(rate: Partial<PacingRule> | undefined): PacingRule {
  const d = DEFAULT_MASTER_TOKEN_RATE;
  return {
    perSecond: positive('masterTokenRate.perSecond', rate?.perSecond, d.perSecond),
    burst: positive('masterTokenRate.burst', rate?.burst, d.burst, true),
    maxWaitMs: rate?.maxWaitMs === 0 ? 0 : positive('masterTokenRate.maxWaitMs', rate?.maxWaitMs, d.maxWaitMs),
  };
}

export function userRule(limit: Partial<WindowRule> | false | undefined): WindowRule | null {
  if (limit === false) return null;
  const d = DEFAULT_USER_RATE_LIMIT;
  return {
    limit: positive('userRateLimit.limit', limit?.limit, d.limit, true),
    windowMs: positive('userRateLimit.windowMs', limit?.windowMs, d.windowMs),
  };
}

