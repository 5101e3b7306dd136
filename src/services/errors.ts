/**
 * Errors are values with a code, a message a person can act on, and whether
 * trying again may help.
 */
export type TrayErrorCode =
  | 'network'
  | 'timeout'
  | 'token-rejected'
  | 'rate-limited'
  | 'server'
  | 'bad-response'
  | 'graphql'
  | 'not-found'
  | 'popup-blocked'
  | 'dialog-closed'
  | 'dialog-error'
  | 'invalid-config'
  /** Nobody is signed in to the host: its session endpoint answered 401, or a host callback said so. */
  | 'signed-out'
  /** The host's backend (session or auth-code endpoint) failed or answered unusably: a setup problem. */
  | 'backend'
  | 'aborted';

const RECOVERABLE: ReadonlySet<TrayErrorCode> = new Set([
  'network',
  'timeout',
  'rate-limited',
  'server',
  'bad-response',
  'token-rejected',
  'popup-blocked',
  'dialog-closed',
  'dialog-error',
  // A 5xx may be an outage that passes; a Retry is worth offering.
  'backend',
]);

export interface TrayErrorOptions {
  status?: number;
  recoverable?: boolean;
  cause?: unknown;
}

/** Longest message kept: text from a dialog or a server may be any size, and a person reads it on a card. */
const MAX_MESSAGE = 300;
const clip = (text: string) => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text);

export class TrayError extends Error {
  override readonly name = 'TrayError';
  readonly code: TrayErrorCode;
  /** True when the same action, tried again, may succeed. */
  readonly recoverable: boolean;
  /** The HTTP status, when the error came from a response. */
  readonly status: number | undefined;

  constructor(code: TrayErrorCode, message: string, options: TrayErrorOptions = {}) {
    super(clip(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.recoverable = options.recoverable ?? RECOVERABLE.has(code);
    this.status = options.status;
  }
}

/**
 * The answer was lost on the way (no connection, timeout, a 5xx, a garbled
 * body): Tray may or may not have done what was asked. A query can simply be
 * sent again; after a mutation, re-read to learn what happened.
 */
export function isTransient(error: TrayError): boolean {
  return TRANSIENT.has(error.code);
}

const TRANSIENT: ReadonlySet<TrayErrorCode> = new Set(['network', 'timeout', 'server', 'bad-response']);

/**
 * Nobody signed in, or the host's backend failing: facts about the host that
 * keep their own code (and words) wherever they surface, never wrapped into
 * a token or dialog error.
 */
export function isHostProblem(error: TrayError): boolean {
  return error.code === 'signed-out' || error.code === 'backend';
}

export function isTrayError(error: unknown): error is TrayError {
  return error instanceof TrayError;
}

/** One entry of a GraphQL `errors` array as Tray sends it. */
export interface GraphQLErrorBody {
  message?: unknown;
  extensions?: { code?: unknown; name?: unknown };
}

/** Tray's rate limit: a PreconditionError "Rate limit exceeded" (or, to be safe, a 429). */
export function isRateLimited(status: number, message: string): boolean {
  return status === 429 || /rate limit/i.test(message);
}

/** Tray refusing the token it was given: a 401, or an `access_not_allowed` error. */
export function isTokenRefused(status: number, trayCode: string | undefined): boolean {
  return status === 401 || trayCode === 'access_not_allowed';
}

/** Anything thrown, as a TrayError; unknown failures keep their cause. */
export function toTrayError(error: unknown): TrayError {
  if (error instanceof TrayError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') {
    return new TrayError('aborted', 'The request was cancelled.', { cause: error });
  }
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new TrayError('timeout', 'The request timed out.', { cause: error });
  }
  if (error instanceof TypeError) {
    return new TrayError('network', 'Could not reach the integrations service. Check the connection and try again.', {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TrayError('server', message || 'Something went wrong.', { cause: error });
}
