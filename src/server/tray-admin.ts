/**
 * The calls only the partner's master token may make: find or create the
 * Tray user behind a host user, mint that user's token, mint a one-time
 * authorization code. They go through graphql-request, each after booking
 * its turn in the store's master-token budget. Nothing here ever puts the
 * master token into an error message, a log line or a response.
 */
import { ClientError, GraphQLClient } from 'graphql-request';
import { isRateLimited, isTokenRefused, type GraphQLErrorBody } from '../services/errors.ts';
import { sleep } from '../services/sleep.ts';
import { since, type EventSink } from './events.ts';
import type { PacingRule, TrayStore } from './store.ts';

const FIND_USER = /* GraphQL */ `
query TrayServerFindUser($externalUserId: String!) {
  users(criteria: { externalUserId: $externalUserId }) {
    edges { node { id externalUserId } }
  }
}`;

const CREATE_USER = /* GraphQL */ `
mutation TrayServerCreateUser($name: String!, $externalUserId: String!) {
  createExternalUser(input: { name: $name, externalUserId: $externalUserId }) { userId }
}`;

const AUTHORIZE = /* GraphQL */ `
mutation TrayServerAuthorize($userId: ID!) {
  authorize(input: { userId: $userId }) { accessToken }
}`;

const AUTH_CODE = /* GraphQL */ `
mutation TrayServerAuthCode($userId: ID!) {
  generateAuthorizationCode(input: { userId: $userId }) { authorizationCode }
}`;

/**
 * A failure answering a browser request: `status` and `code` go to the
 * browser, `message` is safe to show and to log (secrets already removed).
 */
/**
 * Whether a call to Tray ended because its `AbortSignal.timeout` ran out:
 * fetch rejects with a `TimeoutError`, or with an `AbortError` where the
 * runtime reports every abort alike.
 */
export function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

export class TrayServerError extends Error {
  override readonly name = 'TrayServerError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Tray's own error code (`extensions.code`), when Tray answered with one. */
    readonly trayCode?: string,
    /** For a 429: how long until a retry can succeed (sent as `Retry-After`). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface AdminOptions {
  endpoint: string;
  masterToken: string;
  fetch: typeof fetch;
  timeoutMs: number;
  /** Where the master-token budget is kept (shared by every process using the same store). */
  store: TrayStore;
  pacing: PacingRule;
  /** The host's `onEvent`, made safe: `tray-call`, `rate-waited` and `rate-limited` for every master-token call. */
  events?: EventSink | undefined;
}

/** The store key of the master-token budget. */
const MASTER_BUDGET = 'master-token';

/** Tray names no wait when it rate-limits; its bucket refills 30 calls a second. */
const TRAY_RETRY_AFTER_MS = 1000;

/** A `tray-call` event's outcome for each error code a call can end with; anything else is `error`. */
const OUTCOMES: Record<string, 'rate-limited' | 'token-refused' | 'timeout' | 'network'> = {
  'rate-limited': 'rate-limited',
  'master-token-rejected': 'token-refused',
  timeout: 'timeout',
  network: 'network',
};

/** A failure of the fetch itself (no answer), told apart from an answer graphql-request could not read. */
class NoAnswer extends Error {
  constructor(readonly reason: unknown) {
    super('no answer');
  }
}

/** Removes every occurrence of each secret from text that may be shown or logged. */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join('[redacted]');
  }
  return out;
}

export class TrayAdmin {
  private readonly client: GraphQLClient;

  constructor(private readonly options: AdminOptions) {
    const fetchImpl = options.fetch;
    this.client = new GraphQLClient(options.endpoint, {
      headers: { authorization: `Bearer ${options.masterToken}` },
      // Errors come back with the data: Tray's error codes decide what happens next.
      errorPolicy: 'all',
      fetch: async (input, init) => {
        try {
          return await fetchImpl(input, init);
        } catch (error) {
          throw new NoAnswer(error);
        }
      },
    });
  }

  /** The Tray user id for a host user id, or null when Tray has none. */
  async findUser(externalUserId: string): Promise<string | null> {
    const data = await this.call<{ users?: { edges?: Array<{ node?: { id?: unknown; externalUserId?: unknown } }> } }>(
      'users',
      'the user lookup (users)',
      FIND_USER,
      { externalUserId },
      externalUserId,
    );
    const edges = data.users?.edges;
    if (!Array.isArray(edges)) throw this.badResponse('the user lookup (users)');
    // Criteria are a search: keep only an exact match, never someone else's account.
    const match = edges.find((edge) => edge?.node?.externalUserId === externalUserId);
    const id = match?.node?.id;
    if (match && typeof id !== 'string') throw this.badResponse('the user lookup (users)');
    return typeof id === 'string' ? id : null;
  }

  async createUser(externalUserId: string, name: string): Promise<string> {
    const data = await this.call<{ createExternalUser?: { userId?: unknown } }>(
      'createExternalUser',
      'creating the user (createExternalUser)',
      CREATE_USER,
      { name, externalUserId },
      externalUserId,
    );
    const id = data.createExternalUser?.userId;
    if (typeof id !== 'string' || !id) throw this.badResponse('creating the user (createExternalUser)');
    return id;
  }

  async authorize(userId: string, externalUserId?: string): Promise<string> {
    const data = await this.call<{ authorize?: { accessToken?: unknown } }>('authorize', 'authorize', AUTHORIZE, { userId }, externalUserId);
    const token = data.authorize?.accessToken;
    if (typeof token !== 'string' || !token) throw this.badResponse('authorize');
    return token;
  }

  async authorizationCode(userId: string, externalUserId?: string): Promise<string> {
    const data = await this.call<{ generateAuthorizationCode?: { authorizationCode?: unknown } }>(
      'generateAuthorizationCode',
      'generateAuthorizationCode',
      AUTH_CODE,
      { userId },
      externalUserId,
    );
    const code = data.generateAuthorizationCode?.authorizationCode;
    if (typeof code !== 'string' || !code) throw this.badResponse('generateAuthorizationCode');
    return code;
  }

  private badResponse(what: string): TrayServerError {
    return new TrayServerError(502, 'bad-response', `Tray answered ${what} with data of an unexpected shape.`);
  }

  /** Waits for this call's turn in the shared budget; refuses (429) when that is further off than the bound. */
  private async awaitTurn(operation: string, what: string, externalUserId?: string): Promise<void> {
    const turn = await this.options.store.pace(MASTER_BUDGET, this.options.pacing);
    if (!turn.granted) {
      this.options.events?.({ type: 'rate-limited', source: 'budget', operation, retryAfterMs: turn.retryAfterMs, ...(externalUserId ? { externalUserId } : {}) });
      throw new TrayServerError(
        429,
        'busy',
        `Too many requests to Tray are queued right now (for ${what}); try again in ${Math.ceil(turn.retryAfterMs / 1000)} s.`,
        undefined,
        turn.retryAfterMs,
      );
    }
    if (turn.waitMs > 0) {
      this.options.events?.({ type: 'rate-waited', operation, durationMs: Math.round(turn.waitMs) });
      await sleep(turn.waitMs);
    }
  }

  /** One master-token call in its turn, told to the host's `onEvent` as a `tray-call` (and a `rate-limited` when Tray refused it for its limit). */
  private async call<T>(operation: string, what: string, query: string, variables: Record<string, unknown>, externalUserId?: string): Promise<T> {
    await this.awaitTurn(operation, what, externalUserId);
    const events = this.options.events;
    const start = performance.now();
    const seen: { status?: number } = {};
    const who = externalUserId ? { externalUserId } : {};
    try {
      const data = await this.send<T>(what, query, variables, seen);
      events?.({ type: 'tray-call', token: 'master', operation, durationMs: since(start), outcome: 'ok', ...(seen.status ? { status: seen.status } : {}), ...who });
      return data;
    } catch (error) {
      if (events && error instanceof TrayServerError) {
        const outcome = OUTCOMES[error.code] ?? 'error';
        events({ type: 'tray-call', token: 'master', operation, durationMs: since(start), outcome, ...(seen.status ? { status: seen.status } : {}), ...who });
        if (outcome === 'rate-limited') events({ type: 'rate-limited', source: 'tray', operation, retryAfterMs: error.retryAfterMs ?? TRAY_RETRY_AFTER_MS, ...who });
      }
      throw error;
    }
  }

  /** `seen.status` is set to Tray's HTTP status once an answer came. */
  private async send<T>(what: string, query: string, variables: Record<string, unknown>, seen: { status?: number }): Promise<T> {
    const { endpoint, masterToken, timeoutMs } = this.options;
    let status: number;
    let data: unknown;
    let errors: GraphQLErrorBody[] | undefined;
    try {
      const result = await this.client.rawRequest<T>({ query, variables, signal: AbortSignal.timeout(timeoutMs) });
      ({ status, data } = result);
      errors = result.errors as GraphQLErrorBody[] | undefined;
    } catch (error) {
      if (isTimeout(error)) {
        throw new TrayServerError(504, 'timeout', `Tray did not answer ${what} within ${timeoutMs} ms.`);
      }
      if (error instanceof NoAnswer) {
        const cause = error.reason;
        if (isTimeout(cause)) {
          throw new TrayServerError(504, 'timeout', `Tray did not answer ${what} within ${timeoutMs} ms.`);
        }
        // The cause's text can hold the endpoint but never the token (it travels in a header).
        const reason = redact(cause instanceof Error ? cause.message : String(cause), [masterToken]);
        throw new TrayServerError(502, 'network', `Could not reach Tray at ${endpoint} for ${what}: ${reason}`);
      }
      if (!(error instanceof ClientError)) throw this.badResponse(what);
      ({ status, data } = error.response);
      errors = error.response.errors as GraphQLErrorBody[] | undefined;
    }

    seen.status = status;
    const first = Array.isArray(errors) ? errors[0] : undefined;
    const trayCode = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined;
    const trayMessage = redact(typeof first?.message === 'string' ? first.message : '', [masterToken]);

    if (isRateLimited(status, trayMessage)) {
      throw new TrayServerError(429, 'rate-limited', `Tray's rate limit was reached during ${what}; try again in ${TRAY_RETRY_AFTER_MS / 1000} s.`, trayCode, TRAY_RETRY_AFTER_MS);
    }
    if (status === 403 || isTokenRefused(status, trayCode)) {
      throw new TrayServerError(
        502,
        'master-token-rejected',
        `Tray refused the master token for ${what} (HTTP ${status}). Check the masterToken option and that region/endpoint is the one the token belongs to.`,
        trayCode,
      );
    }
    if (first) {
      const detail = trayMessage ? `: ${trayMessage}` : '';
      throw new TrayServerError(502, 'tray-error', `Tray refused ${what}${detail}${trayCode ? ` (${trayCode})` : ''}.`, trayCode);
    }
    if (status < 200 || status > 299) {
      throw new TrayServerError(502, 'server', `Tray answered ${what} with HTTP ${status}.`);
    }
    if (typeof data !== 'object' || data === null) throw this.badResponse(what);
    return data as T;
  }
}
