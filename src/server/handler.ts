/**
 * `createTrayHandler`: the three endpoints every host backend needs, as one
 * Fetch API handler (Node 18+, Next.js route handlers, Hono, Bun, Deno, edge
 * runtimes). The master token stays here; the browser only ever sees its own
 * user's token and one-time codes.
 */
import { DOCUMENTS } from '../services/documents.ts';
import { trayGraphqlEndpoint } from '../services/regions.ts';
import { TrayError } from '../services/errors.ts';
import { BodyTooLargeError, bearerToken, errorResponse, json, readBodyLimited, secretsEqual } from './http.ts';
import { SessionStore } from './sessions.ts';
import { TrayAdmin, TrayServerError, redact } from './tray-admin.ts';

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
  /** Receives failures worth a host's attention; default `console.warn`/`console.error`. */
  log?: (entry: TrayLogEntry) => void;
}

export type TrayHandler<Context = unknown> = ((request: Request, context?: Context) => Promise<Response>) & {
  /** The normalized base path, so adapters can pass other paths on (`next()`). */
  readonly basePath: string;
  /** The body limit, so adapters enforce the same one while reading. */
  readonly maxBodyBytes: number;
};

export const DEFAULT_BASE_PATH = '/api/tray';
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const DEFAULT_TIMEOUT_MS = 20_000;

/** query text → operation name: the widget's documents are the allow-list. */
const ALLOWED = new Map<string, string>(Object.entries(DOCUMENTS).map(([name, query]) => [query, name]));

function defaultLog(entry: TrayLogEntry): void {
  const line = `[tray-integrations/server] ${entry.code}: ${entry.message}`;
  if (entry.level === 'error') console.error(line);
  else console.warn(line);
}

function configError(message: string): never {
  throw new TrayError('invalid-config', `createTrayHandler: ${message}`);
}

function normalizeBasePath(basePath: string | undefined): string {
  const path = basePath ?? DEFAULT_BASE_PATH;
  if (!path.startsWith('/') || /[?#]/.test(path)) {
    configError(`basePath "${path}" must be a path starting with "/", such as /api/tray.`);
  }
  return path.replace(/\/+$/, '');
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
  const admin = new TrayAdmin({ endpoint, masterToken, fetch: fetchImpl, timeoutMs });
  const sessions = new SessionStore(admin, now);

  /** Logs with every secret this handler knows of removed, whatever the source of the text. */
  const report = (level: TrayLogEntry['level'], code: string, message: string, secrets: string[] = []) => {
    try {
      log({ level, code, message: redact(message, [masterToken, ...secrets]) });
    } catch {
      // A failing logger must not turn an answer into a crash.
    }
  };

  const failure = (error: unknown, secrets: string[] = []): Response => {
    if (error instanceof TrayServerError) {
      report(error.status >= 500 ? 'error' : 'warn', error.code, error.message, secrets);
      return errorResponse(error.status, error.code, redact(error.message, [masterToken, ...secrets]));
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

  async function session(user: TrayUser): Promise<Response> {
    try {
      return json(await sessions.session(user.externalUserId, user.name));
    } catch (error) {
      return failure(error);
    }
  }

  async function authCode(user: TrayUser): Promise<Response> {
    try {
      return json({ code: await sessions.authorizationCode(user.externalUserId, user.name) });
    } catch (error) {
      return failure(error);
    }
  }

  async function graphql(request: Request, user: TrayUser): Promise<Response> {
    const token = bearerToken(request);
    if (!token) {
      return errorResponse(401, 'unauthenticated', 'Send the user token from POST /session as "Authorization: Bearer <token>".');
    }
    if (secretsEqual(token, masterToken)) {
      report('error', 'master-token-from-browser', 'A request to the GraphQL proxy carried the master token; the master token has leaked to a client and should be rotated.');
      return errorResponse(403, 'master-token-refused', 'This proxy never forwards the master token; use the user token from POST /session.');
    }

    let raw: Uint8Array;
    try {
      raw = await readBodyLimited(request, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return errorResponse(413, 'body-too-large', `The request body is larger than ${maxBodyBytes} bytes.`);
      }
      return errorResponse(400, 'bad-request', 'The request body could not be read.');
    }
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
    } catch {
      return errorResponse(400, 'malformed-json', 'The body must be JSON: {"query": "...", "variables": {...}}.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return errorResponse(400, 'bad-request', 'The body must be one JSON object {"query", "variables", "operationName"}; batches are not accepted.');
    }
    const { query, variables, operationName } = body as Record<string, unknown>;
    if (typeof query !== 'string') {
      return errorResponse(400, 'bad-request', 'The body has no "query" string.');
    }
    const allowedName = ALLOWED.get(query);
    if (allowedName === undefined) {
      return errorResponse(
        400,
        'operation-not-allowed',
        `This endpoint forwards only the widget's own GraphQL documents (${[...ALLOWED.values()].join(', ')}), sent verbatim; this query is not one of them.`,
      );
    }
    if (operationName !== undefined && operationName !== null && operationName !== allowedName) {
      return errorResponse(400, 'operation-not-allowed', `operationName must be "${allowedName}" for this document.`);
    }
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
      return errorResponse(400, 'bad-request', '"variables" must be a JSON object.');
    }

    let upstream: Response;
    try {
      upstream = await fetchImpl(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
        // Rebuilt, not copied: nothing but these three fields reaches Tray.
        body: JSON.stringify({ query, variables: variables ?? {}, operationName: allowedName }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        return failure(new TrayServerError(504, 'timeout', `Tray did not answer ${allowedName} within ${timeoutMs} ms.`), [token]);
      }
      return failure(new TrayServerError(502, 'network', `Could not reach Tray at ${endpoint} for ${allowedName}.`), [token]);
    }
    if (upstream.status === 401) sessions.forgetToken(user.externalUserId, token);
    const headers: Record<string, string> = {
      'content-type': upstream.headers.get('content-type') ?? 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    };
    const retryAfter = upstream.headers.get('retry-after');
    if (retryAfter) headers['retry-after'] = retryAfter;
    // Tray's status and body as they are: the widget reads Tray's own errors.
    return new Response(await upstream.arrayBuffer(), { status: upstream.status, headers });
  }

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
    const user = await currentUser(request, context);
    if (user instanceof Response) return user;
    try {
      return await route(request, user);
    } catch (error) {
      return failure(error, [bearerToken(request) ?? '']);
    }
  };

  return Object.assign(handler, { basePath, maxBodyBytes });
}
