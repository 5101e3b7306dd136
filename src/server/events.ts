/**
 * What the server tells a host's `onEvent` hook: one plain object per event,
 * with a `type` and the facts an operator logs or counts. No event carries a
 * token, a one-time code or the master token; text fields pass through the
 * same redaction as log lines.
 */

/** The master-token call or widget operation a Tray event is about, e.g. `authorize`, `Marketplace`. */
type Operation = { operation: string };

export type TrayServerEvent =
  /** A Tray user was created for a host user on their first sign-in. */
  | { type: 'user-created'; externalUserId: string; userId: string }
  /** A new user token from Tray (`authorize`); a cached one handed out again is no event. */
  | { type: 'token-issued'; externalUserId: string; userId: string; expiresAt: string }
  /** A one-time authorization code for a dialog (`generateAuthorizationCode`). */
  | { type: 'code-issued'; externalUserId: string; userId: string }
  /**
   * One call to Tray: the master token's (`token: 'master'`) and the proxy's
   * with the user's (`token: 'user'`). `status` is Tray's HTTP status, absent
   * when no answer came.
   */
  | (Operation & {
      type: 'tray-call';
      token: 'master' | 'user';
      durationMs: number;
      outcome: 'ok' | 'error' | 'rate-limited' | 'token-refused' | 'timeout' | 'network';
      status?: number;
      externalUserId?: string;
    })
  /** A master-token call waited its turn in the shared budget for `durationMs`. */
  | (Operation & { type: 'rate-waited'; durationMs: number })
  /**
   * A call was refused for a rate limit: the shared master-token budget's
   * (`source: 'budget'`, the call was never sent) or Tray's own.
   */
  | (Operation & { type: 'rate-limited'; source: 'budget' | 'tray'; retryAfterMs: number; externalUserId?: string })
  /** A user went over their own limit on `/session` or `/auth-code`. */
  | { type: 'user-limited'; externalUserId: string; endpoint: 'session' | 'auth-code'; retryAfterMs: number }
  /** `/session` or `/auth-code` refused a request from another site's page. */
  | { type: 'cross-site-refused'; path: string; origin: string | null; reason: string }
  /** The GraphQL proxy refused a request before it reached Tray; `reason` is the error code the browser got. */
  | { type: 'proxy-refused'; reason: string; status: number; externalUserId?: string }
  /** A failure reaching or using Tray, answered to the browser with `status` and `code`. */
  | { type: 'tray-error'; code: string; status: number; message: string; externalUserId?: string; trayCode?: string }
  /** What a user did, from Tray's own successful answers to the widget's mutations. */
  | { type: 'instance-created' | 'instance-enabled' | 'instance-disabled' | 'instance-removed'; externalUserId: string; userId: string | null; solutionId: string | null; instanceId: string }
  /** A user removed one of their connected accounts (an authentication). */
  | { type: 'account-removed'; externalUserId: string; userId: string | null; authenticationId: string; solutionId: string | null; instanceId: string | null };

export type TrayServerEventType = TrayServerEvent['type'];

/** Where events go. */
export type EventSink = (event: TrayServerEvent) => void;

/**
 * The hook made safe: it is called synchronously and anything it throws (or
 * a promise it returns rejecting) is dropped, so a failing logger or metrics
 * client never changes an answer. Without a hook, events cost nothing.
 */
export function eventSink(onEvent: ((event: TrayServerEvent) => unknown) | undefined): EventSink | undefined {
  if (typeof onEvent !== 'function') return undefined;
  return (event) => {
    try {
      const result = onEvent(event);
      if (result && typeof (result as Promise<unknown>).catch === 'function') (result as Promise<unknown>).catch(() => undefined);
    } catch {
      // A throwing hook changes nothing.
    }
  };
}

/** Milliseconds since `start` (a `performance.now()` reading), whole. */
export const since = (start: number): number => Math.round(performance.now() - start);
