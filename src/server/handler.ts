/**
 * `createTrayHandler`: the three endpoints every host backend needs, as one
 * Fetch API handler (Node 18+, Next.js route handlers, Hono, Bun, Deno, edge
 * runtimes). The master token stays here; the browser only ever sees its own
 * user's token and one-time codes.
 */
import { trayGraphqlEndpoint } from '../services/regions.ts';
import { crossSiteRefusal, normalizeOrigins } from './csrf.ts';
import { eventSink } from './events.ts';
import { ByteBudget, bearerToken, errorResponse, json, retryAfter } from './http.ts';
import { createGraphqlProxy } from './proxy.ts';
import { SessionStore } from './sessions.ts';
import { memoryStore } from './store.ts';
import { DEFAULT_STORE_TIMEOUT_MS, StoreUnavailableError, guardedStore, storeUnavailableResponse } from './store-guard.ts';
import {
  DEFAULT_BODIES_PER_USER,
  DEFAULT_BODY_TIMEOUT_MS,
  DEFAULT_MAX_BUFFERED_BYTES,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_JSON_DEPTH,
  DEFAULT_TIMEOUT_MS,
  configError,
  normalizeBasePath,
  pacingRule,
  positive,
  userRule,
  type TrayHandler,
  type TrayHandlerOptions,
  type TrayLogEntry,
  type TrayUser,
} from './options.ts';
import { TrayAdmin, TrayServerError, redact } from './tray-admin.ts';

/** How often a store that stays away is reported again. */
const STORE_REPORT_EVERY_MS = 10_000;

function defaultLog(entry: TrayLogEntry): void {
  const line = `[tray-integrations/server] ${entry.code}: ${entry.message}`;
  if (entry.level === 'error') console.error(line);
  else console.warn(line);
}

export function createTrayHandler<Context = unknown>(options: TrayHandlerOptions<Context>): TrayHandler<Context> {
  if (!options || typeof options.masterToken !== 'string' || options.masterToken.trim() === '') {
    configError(
      'masterToken is required: pass your Tray partner master token (from the Tray dashboard), read from server-side configuration such as process.env.TRAY_MASTER_TOKEN.',
    );
  }
  if (typeof options.getUser !== 'function') {
    configError('getUser is required: a function (request) => ({ externalUserId, name }) | null that reads your own session.');
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    configError(`maxBodyBytes must be a positive whole number of bytes, not ${String(options.maxBodyBytes)}.`);
  }
  const masterToken = options.masterToken;
  let endpoint: string;
  try {
    endpoint = trayGraphqlEndpoint(options.region, options.endpoint);
  } catch (error) {
    configError((error as Error).message);
  }
  const basePath = normalizeBasePath(options.basePath);
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const log = options.log ?? defaultLog;
  const storeTimeoutMs = positive('storeTimeoutMs', options.storeTimeoutMs, DEFAULT_STORE_TIMEOUT_MS);
  const store = guardedStore(options.store ?? memoryStore({ now }), storeTimeoutMs);
  const pacing = pacingRule(options.masterTokenRate);
  const perUser = userRule(options.userRateLimit);
  const allowedOrigins = normalizeOrigins(options.allowedOrigins, configError);
  const bufferBudget = new ByteBudget(positive('maxBufferedBytes', options.maxBufferedBytes, DEFAULT_MAX_BUFFERED_BYTES, true));
  const maxBufferedBytesPerUser = positive('maxBufferedBytesPerUser', options.maxBufferedBytesPerUser, DEFAULT_BODIES_PER_USER * maxBodyBytes, true);
  const bodyTimeoutMs = positive('bodyTimeoutMs', options.bodyTimeoutMs, DEFAULT_BODY_TIMEOUT_MS);
  const maxJsonDepth = positive('maxJsonDepth', options.maxJsonDepth, DEFAULT_MAX_JSON_DEPTH, true);
  const events = eventSink(options.onEvent);
  const admin = new TrayAdmin({ endpoint, masterToken, fetch: fetchImpl, timeoutMs, store, pacing, events });
  const userCreation = options.userCreation ?? 'lookup-first';
  if (userCreation !== 'lookup-first' && userCreation !== 'create-first') {
    configError(`userCreation must be "lookup-first" or "create-first", not ${JSON.stringify(options.userCreation)}.`);
  }
  const sessions = new SessionStore(admin, store, options.userIds ?? store.userIds, now, events, userCreation);

  /** Logs with every secret this handler knows of removed, whatever the source of the text. */
  const report = (level: TrayLogEntry['level'], code: string, message: string, secrets: string[] = []) => {
    try {
      log({ level, code, message: redact(message, [masterToken, ...secrets]) });
    } catch {
      // A failing logger must not turn an answer into a crash.
    }
  };

  /** When the store was last reported away: once per spell is news, once per request would flood the log. */
  let storeReportedAt = -Infinity;

  const failure = (error: unknown, secrets: string[] = [], user?: TrayUser): Response => {
    if (error instanceof StoreUnavailableError) {
      if (Date.now() - storeReportedAt >= STORE_REPORT_EVERY_MS) {
        storeReportedAt = Date.now();
        report('error', 'store-unavailable', `${error.message} Answering 503 store-unavailable until it is back.`, secrets);
      }
      return storeUnavailableResponse();
    }
    if (error instanceof TrayServerError) {
      report(error.status >= 500 ? 'error' : 'warn', error.code, error.message, secrets);
      events?.({
        type: 'tray-error',
        code: error.code,
        status: error.status,
        message: redact(error.message, [masterToken, ...secrets]),
        ...(user ? { externalUserId: user.externalUserId } : {}),
        ...(error.trayCode ? { trayCode: error.trayCode } : {}),
      });
      const headers = error.retryAfterMs !== undefined ? retryAfter(error.retryAfterMs) : {};
      return errorResponse(error.status, error.code, redact(error.message, [masterToken, ...secrets]), headers);
    }
    report('error', 'internal', `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`, secrets);
    return errorResponse(500, 'internal', 'The integrations backend failed unexpectedly; the server log has details.');
  };

  async function currentUser(request: Request, context: Context | undefined): Promise<TrayUser | Response> {
    let user: TrayUser | null | undefined;
    try {
      user = await options.getUser(request, context);
    } catch (error) {
      report('error', 'get-user-failed', `getUser threw: ${error instanceof Error ? error.message : String(error)}`);
      return errorResponse(500, 'internal', 'Could not read the signed-in user; the server log has details.');
    }
    if (!user) return errorResponse(401, 'unauthenticated', 'Sign in first: there is no signed-in user for this request.');
    if (typeof user.externalUserId !== 'string' || user.externalUserId === '') {
      report('error', 'invalid-user', 'getUser returned a user without a non-empty string externalUserId.');
      return errorResponse(500, 'internal', 'The signed-in user has no id; the server log has details.');
    }
    const name = typeof user.name === 'string' && user.name.trim() ? user.name : user.externalUserId;
    return { externalUserId: user.externalUserId, name };
  }

  /**
   * Runs `work` (which reaches Tray with the master token) if the user is
   * within their own limit, so one user's loop cannot spend everyone's
   * budget. A call the shared budget refused is not held against the user.
   */
  async function asUser(user: TrayUser, what: 'session' | 'auth-code', work: () => Promise<unknown>): Promise<Response> {
    let counted: string | undefined;
    if (perUser) {
      let decision: Awaited<ReturnType<typeof store.count>>;
      try {
        decision = await store.count(`user:${user.externalUserId}`, perUser);
      } catch (error) {
        return failure(error);
      }
      if (!decision.granted) {
        events?.({ type: 'user-limited', externalUserId: user.externalUserId, endpoint: what, retryAfterMs: decision.retryAfterMs });
        const seconds = Math.ceil(decision.retryAfterMs / 1000);
        return errorResponse(
          429,
          'too-many-requests',
          `Too many ${what} requests for this user (at most ${perUser.limit} in ${perUser.windowMs / 1000} s); try again in ${seconds} s.`,
          retryAfter(decision.retryAfterMs),
        );
      }
      counted = decision.id;
    }
    try {
      return json(await work());
    } catch (error) {
      if (counted && error instanceof TrayServerError && error.status === 429) {
        await store.uncount(`user:${user.externalUserId}`, counted).catch(() => undefined);
      }
      return failure(error, [], user);
    }
  }

  async function session(user: TrayUser): Promise<Response> {
    try {
      // A cached token costs Tray nothing, so it is not counted.
      const cached = await sessions.cached(user.externalUserId);
      if (cached) return json(cached);
    } catch (error) {
      return failure(error, [], user);
    }
    return asUser(user, 'session', () => sessions.session(user.externalUserId, user.name));
  }

  function authCode(user: TrayUser): Promise<Response> {
    return asUser(user, 'auth-code', async () => ({ code: await sessions.authorizationCode(user.externalUserId, user.name) }));
  }

  const graphql = createGraphqlProxy({
    endpoint,
    masterToken,
    fetch: fetchImpl,
    timeoutMs,
    maxBodyBytes,
    maxJsonDepth,
    bufferBudget,
    maxBufferedBytesPerUser,
    bodyTimeoutMs,
    sessions,
    failure,
    report: (level, code, message) => report(level, code, message),
    events,
  });

  const routes: Record<string, (request: Request, user: TrayUser) => Promise<Response>> = {
    [`${basePath}/session`]: (_request, user) => session(user),
    [`${basePath}/auth-code`]: (_request, user) => authCode(user),
    [`${basePath}/graphql`]: graphql,
  };

  const handler = async (request: Request, context?: Context): Promise<Response> => {
    let pathname: string;
    try {
      pathname = new URL(request.url).pathname;
    } catch {
      return errorResponse(400, 'bad-request', 'The request URL is not valid.');
    }
    const route = Object.hasOwn(routes, pathname) ? routes[pathname] : undefined;
    if (!route) {
      return errorResponse(404, 'not-found', `No such endpoint; this handler answers POST ${basePath}/session, ${basePath}/auth-code and ${basePath}/graphql.`);
    }
    if (request.method !== 'POST') {
      return errorResponse(405, 'method-not-allowed', `Use POST for ${pathname}.`, { allow: 'POST' });
    }
    if (pathname !== `${basePath}/graphql`) {
      // /session and /auth-code act on the host's session cookie: refuse other sites' pages.
      const refusal = crossSiteRefusal(request, allowedOrigins);
      if (refusal) {
        events?.({ type: 'cross-site-refused', path: pathname, origin: request.headers.get('origin'), reason: refusal });
        return errorResponse(403, 'cross-site-refused', refusal);
      }
    }
    const user = await currentUser(request, context);
    if (user instanceof Response) return user;
    try {
      return await route(request, user);
    } catch (error) {
      return failure(error, [bearerToken(request) ?? ''], user);
    }
  };

  return Object.assign(handler, { basePath, maxBodyBytes, bufferBudget, bodyTimeoutMs });
}
