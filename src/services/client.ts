import { sleep } from './sleep.ts';
export { sleep }; // where the element's actions have always imported it from
import { unlessBusy, type BusyBudget, type BusyContext } from './busy-answer.ts';
import { TrayError, isHostProblem, isRateLimited, isTokenRefused, isTransient, toTrayError, type GraphQLErrorBody } from './errors.ts';

/**
 * A small GraphQL-over-fetch client for the host's Tray endpoint.
 *
 * Not graphql-request: that library bundles graphql-js's parser (14 kB
 * gzipped) even for string documents, which alone would break the widget's
 * 20 kB budget. Our documents are fixed strings, so nothing needs parsing
 * beyond reading the operation's kind and name.
 */

/** `busy` and `lifetime`: who hears of a busy answer's wait, and whether the widget is still there (busy-wait.ts). */
export interface ClientOptions extends BusyContext {
  /** The host's GraphQL endpoint; a relative URL resolves against the document. */
  endpoint: string;
  /** The current user token, if any. */
  getToken: () => string | null | undefined;
  /** Called when the token is missing or rejected; the failed request is retried once. */
  fetchToken?: (() => Promise<string>) | undefined;
  /** Told about every token `fetchToken` brings, so the caller can keep it. */
  onToken?: ((token: string) => void) | undefined;
  fetch?: typeof fetch;
  /** Extra attempts for a query after a network fault, 5xx or rate limit. */
  retries?: number;
  /** First backoff delay; it doubles on every attempt, with jitter. */
  baseDelayMs?: number;
  /** Each attempt is abandoned after this long. */
  timeoutMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal | undefined;
}

export interface TrayClient {
  request<T>(document: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<T>;
}

const OPERATION = /\b(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/** The operation's kind and name, read from the document's first definition. */
export function operationOf(document: string): { kind: string; name: string } {
  const match = OPERATION.exec(document);
  if (!match) throw new TrayError('invalid-config', 'A GraphQL document must contain a named query or mutation.');
  return { kind: match[1]!, name: match[2]! };
}

/** The widget's endpoint (often a path) as an absolute URL against the page. */
export function absoluteEndpoint(endpoint: string): string {
  const base = (globalThis as { document?: Document }).document?.baseURI;
  try {
    return new URL(endpoint, base).href;
  } catch {
    throw new TrayError(
      'invalid-config',
      `endpoint "${endpoint}" is not a valid URL: give an absolute URL or a path such as /api/tray/graphql.`,
    );
  }
}

/** What a failed response means, from its status and Tray's error body. */
function errorFrom(status: number, errors: GraphQLErrorBody[] | undefined): TrayError {
  const first = errors?.[0];
  const message = typeof first?.message === 'string' ? first.message : '';
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : '';
  if (isRateLimited(status, message)) {
    return new TrayError('rate-limited', 'Too many requests to the integrations service; trying again shortly may help.', {
      status,
    });
  }
  if (isTokenRefused(status, code)) {
    return new TrayError('token-rejected', 'The integrations session is not valid any more. Sign in again to continue.', {
      status,
    });
  }
  if (code === 'resource_does_not_exist' || code === 'workflow_does_not_exist' || status === 404) {
    return new TrayError('not-found', message || 'That integration no longer exists.', { status });
  }
  if (status >= 500) {
    return new TrayError('server', 'The integrations service failed. Try again in a moment.', { status });
  }
  if (message) return new TrayError('graphql', message, { status });
  return new TrayError('bad-response', 'The integrations service sent an answer without a usable result.', {
    status,
  });
}

export function createClient(options: ClientOptions): TrayClient {
  const url = absoluteEndpoint(options.endpoint);
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const retries = options.retries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 300;
  const timeoutMs = options.timeoutMs ?? 30_000;
  // Concurrent requests that all find the token rejected share one refresh.
  let refreshing: Promise<string> | undefined;

  const refreshToken = (): Promise<string> => {
    const fetchToken = options.fetchToken;
    if (!fetchToken) {
      return Promise.reject(
        new TrayError('token-rejected', 'No integrations token: set the token property or provide fetchToken.'),
      );
    }
    refreshing ??= (async () => {
      try {
        const token = await fetchToken();
        if (typeof token !== 'string' || token === '') {
          throw new TrayError('token-rejected', 'fetchToken must resolve to a non-empty token string.');
        }
        options.onToken?.(token);
        return token;
      } catch (error) {
        const cause = toTrayError(error);
        // Signed out, or the host's backend failing, each have their own words for the person.
        throw cause.code === 'token-rejected' || isHostProblem(cause)
          ? cause
          : new TrayError('token-rejected', `Could not get a new integrations token: ${cause.message}`, { cause });
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  };

  async function send<T>(
    body: string,
    token: string,
    signal: AbortSignal | undefined,
    budget: BusyBudget,
  ): Promise<T> {
    // A busy answer (Retry-After) is waited out and the request sent again,
    // each time with a timeout of its own; the wait ends with `signal` alone.
    const response = await unlessBusy(
      () => {
        const timeout = AbortSignal.timeout(timeoutMs);
        return fetchImpl(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
          body,
          credentials: 'same-origin',
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
      },
      options,
      budget,
      signal,
    );
    const text = await response.text();
    let payload: { data?: T | null; errors?: GraphQLErrorBody[] } | undefined;
    try {
      payload = text ? JSON.parse(text) : undefined;
    } catch {
      payload = undefined;
    }
    if (!response.ok || payload?.errors?.length) throw errorFrom(response.status, payload?.errors);
    if (!payload || payload.data == null || typeof payload.data !== 'object') {
      throw new TrayError('bad-response', 'The integrations service sent a response that is not GraphQL JSON.', {
        status: response.status,
      });
    }
    return payload.data;
  }

  return {
    async request<T>(document: string, variables: Record<string, unknown> = {}, { signal }: RequestOptions = {}) {
      const { kind, name } = operationOf(document);
      const body = JSON.stringify({ query: document, variables, operationName: name });
      let token = options.getToken() || (await refreshToken());
      let refreshed = false;
      // The busy answers' waits of every attempt count against one bound.
      const budget: BusyBudget = {};
      for (let attempt = 0; ; attempt++) {
        try {
          return await send<T>(body, token, signal, budget);
        } catch (thrown) {
          const error = signal?.aborted ? toTrayError(signal.reason) : toTrayError(thrown);
          if (error.code === 'aborted') throw error;
          // A rejected token or a rate limit means Tray did not run the
          // operation, so even a mutation may be sent again.
          if (error.code === 'token-rejected' && !refreshed && options.fetchToken) {
            refreshed = true;
            token = await refreshToken();
            continue;
          }
          const retryable =
            error.code === 'rate-limited' ||
            (kind === 'query' && isTransient(error));
          // Past the busy bound, sooner than the server asked would not help.
          if (!retryable || attempt >= retries || budget.spent) throw error;
          const delay = baseDelayMs * 2 ** attempt;
          await sleep(delay / 2 + Math.random() * (delay / 2), signal).catch((reason) => {
            throw toTrayError(reason);
          });
        }
      }
    },
  };
}
