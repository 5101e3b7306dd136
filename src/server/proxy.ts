/**
 * The GraphQL proxy (`POST …/graphql`): reads the browser's request within
 * its bounds, lets through only the widget's own documents (compared on one line),
 * and forwards them to Tray with the user's own token. It needs no store:
 * it keeps serving while the store is away.
 */
import { DOCUMENTS, INSTANCE } from '../services/documents.ts';
import { oneLine } from '../services/one-line.ts';
import { isRateLimited } from '../services/errors.ts';
import { since, type EventSink } from './events.ts';
import {
  BodyTooLargeError,
  BodyTooSlowError,
  BufferFullError,
  bearerToken,
  bodyTooSlowResponse,
  bufferFullResponse,
  errorResponse,
  jsonTooDeep,
  prebuffered,
  readBodyLimited,
  secretsEqual,
  type ByteBudget,
} from './http.ts';
import type { TrayUser } from './options.ts';
import type { SessionStore } from './sessions.ts';
import { TrayServerError, isTimeout } from './tray-admin.ts';
import { userActions } from './user-actions.ts';

/**
 * query text on one line → operation name: the widget's documents are the
 * allow-list. Compared on one line, since the built widget sends them so and
 * a widget run from source indented; either way the document forwarded is
 * this server's own copy.
 */
const ALLOWED = new Map<string, keyof typeof DOCUMENTS>(Object.entries(DOCUMENTS).map(([name, query]) => [oneLine(query), name as keyof typeof DOCUMENTS]));

export interface ProxyOptions {
  endpoint: string;
  masterToken: string;
  fetch: typeof fetch;
  timeoutMs: number;
  maxBodyBytes: number;
  maxJsonDepth: number;
  bufferBudget: ByteBudget;
  /** Bytes one user's bodies may hold of `bufferBudget` at once. */
  maxBufferedBytesPerUser: number;
  /** A body must have arrived whole within this many milliseconds of the first read. */
  bodyTimeoutMs: number;
  sessions: SessionStore;
  /** Logs (with `secrets` removed) and turns a failure into the answer. */
  failure: (error: unknown, secrets?: string[], user?: TrayUser) => Response;
  /** Warns about something worth a host's attention. */
  report: (level: 'warn' | 'error', code: string, message: string) => void;
  /** The host's `onEvent`, made safe; when unset, Tray's answers are passed on unread. */
  events?: EventSink | undefined;
}

/** Tray's answer to one forwarded call: the bytes as they came, and the JSON when events need it. */
interface Answer {
  upstream: Response;
  bytes: ArrayBuffer;
  body: unknown;
}

/** The first error of a GraphQL body, if any. */
function firstError(body: unknown): { message?: unknown } | undefined {
  const errors = (body as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? (errors[0] as { message?: unknown } | undefined) : undefined;
}

/** The checked `{query, variables, operationName}` of a request, or the answer refusing it. */
type Operation = { query: string; variables: unknown; name: string };

export function createGraphqlProxy(options: ProxyOptions): (request: Request, user: TrayUser) => Promise<Response> {
  const { endpoint, masterToken, timeoutMs, maxBodyBytes, maxJsonDepth, bufferBudget, maxBufferedBytesPerUser, bodyTimeoutMs, sessions, failure, report, events } = options;
  const fetchImpl = options.fetch;

  /**
   * The body, read within the size limit, the time floor and the user's
   * share of the byte budget, as text. Only a signed-in user with a token
   * gets here: nobody else's bytes are ever read into the budget.
   */
  async function readText(request: Request, user: TrayUser): Promise<string | Response> {
    const booking = prebuffered.has(request) ? undefined : bufferBudget.share(user.externalUserId, maxBufferedBytesPerUser);
    let raw: Uint8Array;
    try {
      raw = await readBodyLimited(request, maxBodyBytes, booking, bodyTimeoutMs);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return errorResponse(413, 'body-too-large', `The request body is larger than ${maxBodyBytes} bytes.`);
      }
      if (error instanceof BufferFullError) return bufferFullResponse();
      if (error instanceof BodyTooSlowError) return bodyTooSlowResponse(bodyTimeoutMs);
      return errorResponse(400, 'bad-request', 'The request body could not be read.');
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      return errorResponse(400, 'malformed-json', 'The body must be UTF-8 JSON: {"query": "...", "variables": {...}}.');
    } finally {
      // Decoded (or refused): the bytes themselves are no longer held.
      booking?.give(raw.byteLength);
    }
  }

  /** The allow-list: one JSON object holding one of the widget's documents (its whitespace aside). */
  function allowedOperation(text: string): Operation | Response {
    if (jsonTooDeep(text, maxJsonDepth)) {
      return errorResponse(400, 'too-deep', `The body nests arrays/objects more than ${maxJsonDepth} levels deep; the widget's requests never do.`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
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
    const allowedName = ALLOWED.get(oneLine(query));
    if (allowedName === undefined) {
      return errorResponse(
        400,
        'operation-not-allowed',
        `This endpoint forwards only the widget's own GraphQL documents (${[...ALLOWED.values()].join(', ')}), sent as the widget sends them; this query is not one of them.`,
      );
    }
    if (operationName !== undefined && operationName !== null && operationName !== allowedName) {
      return errorResponse(400, 'operation-not-allowed', `operationName must be "${allowedName}" for this document.`);
    }
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
      return errorResponse(400, 'bad-request', '"variables" must be a JSON object.');
    }
    return { query: DOCUMENTS[allowedName], variables: variables ?? {}, name: allowedName };
  }

  /**
   * One call to Tray with the user's token: the answer, or the failure to
   * answer the browser with. Told to `onEvent` as a `tray-call`.
   */
  async function send(name: string, query: string, variables: unknown, token: string, user: TrayUser): Promise<Answer | Response> {
    const start = performance.now();
    const call = (outcome: 'ok' | 'error' | 'rate-limited' | 'token-refused' | 'timeout' | 'network', status?: number) =>
      events?.({ type: 'tray-call', token: 'user', operation: name, durationMs: since(start), outcome, ...(status ? { status } : {}), externalUserId: user.externalUserId });
    let upstream: Response;
    try {
      upstream = await fetchImpl(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
        // Rebuilt, not copied: nothing but these three fields reaches Tray.
        body: JSON.stringify({ query, variables, operationName: name }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (isTimeout(error)) {
        call('timeout');
        return failure(new TrayServerError(504, 'timeout', `Tray did not answer ${name} within ${timeoutMs} ms.`), [token], user);
      }
      call('network');
      return failure(new TrayServerError(502, 'network', `Could not reach Tray at ${endpoint} for ${name}.`), [token], user);
    }
    const bytes = await upstream.arrayBuffer();
    if (!events) return { upstream, bytes, body: undefined };
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      body = undefined;
    }
    const first = firstError(body);
    if (isRateLimited(upstream.status, typeof first?.message === 'string' ? first.message : '')) {
      call('rate-limited', upstream.status);
      const seconds = Number(upstream.headers.get('retry-after'));
      events({ type: 'rate-limited', source: 'tray', operation: name, retryAfterMs: seconds > 0 ? seconds * 1000 : 1000, externalUserId: user.externalUserId });
    } else if (upstream.status === 401) call('token-refused', upstream.status);
    else call(first || !upstream.ok ? 'error' : 'ok', upstream.status);
    return { upstream, bytes, body };
  }

  /** The owner and solution of an instance about to be removed: its removal's answer names neither. */
  async function beforeRemoval(variables: unknown, token: string, user: TrayUser): Promise<{ userId: string | null; solutionId: string | null } | null> {
    const id = (variables as { solutionInstanceId?: unknown }).solutionInstanceId;
    if (typeof id !== 'string') return null;
    const read = await send('Instance', INSTANCE, { id }, token, user).catch(() => null);
    if (!read || read instanceof Response) return null;
    const node = (read.body as { data?: { viewer?: { solutionInstances?: { edges?: Array<{ node?: { owner?: unknown; solution?: { id?: unknown } } }> } } } })?.data?.viewer
      ?.solutionInstances?.edges?.[0]?.node;
    if (!node) return null;
    return { userId: typeof node.owner === 'string' ? node.owner : null, solutionId: typeof node.solution?.id === 'string' ? node.solution.id : null };
  }

  /** Sends the operation to Tray with the user's token; Tray's status and body come back as they are. */
  async function forward(operation: Operation, token: string, user: TrayUser): Promise<Response> {
    const removed = events && operation.name === 'RemoveInstance' ? await beforeRemoval(operation.variables, token, user) : undefined;
    const answer = await send(operation.name, operation.query, operation.variables, token, user);
    if (answer instanceof Response) return answer;
    const { upstream, bytes, body } = answer;
    if (events) {
      for (const event of userActions(operation.name, operation.variables as Record<string, unknown>, body, user.externalUserId, removed)) events(event);
    }
    // Best effort: without the store, the next /session may hand out the refused token once more.
    if (upstream.status === 401) await sessions.forgetToken(user.externalUserId, token).catch(() => undefined);
    const headers: Record<string, string> = {
      'content-type': upstream.headers.get('content-type') ?? 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    };
    const upstreamRetryAfter = upstream.headers.get('retry-after');
    if (upstreamRetryAfter) headers['retry-after'] = upstreamRetryAfter;
    // Tray's status and body as they are: the widget reads Tray's own errors.
    return new Response(bytes, { status: upstream.status, headers });
  }

  /** A refusal before Tray, told to `onEvent` as a `proxy-refused` with the code the browser gets. */
  async function refused(response: Response, user: TrayUser): Promise<Response> {
    if (events) {
      const code = await response
        .clone()
        .json()
        .then((body: { error?: { code?: unknown } }) => body?.error?.code, () => undefined);
      events({ type: 'proxy-refused', reason: typeof code === 'string' ? code : 'refused', status: response.status, externalUserId: user.externalUserId });
    }
    return response;
  }

  return async (request, user) => {
    // Refused before a byte of the body is read: no token, no use of the byte budget.
    const token = bearerToken(request);
    if (!token) {
      return refused(errorResponse(401, 'unauthenticated', 'Send the user token from POST /session as "Authorization: Bearer <token>".'), user);
    }
    if (secretsEqual(token, masterToken)) {
      report('error', 'master-token-from-browser', 'A request to the GraphQL proxy carried the master token; the master token has leaked to a client and should be rotated.');
      return refused(errorResponse(403, 'master-token-refused', 'This proxy never forwards the master token; use the user token from POST /session.'), user);
    }
    const text = await readText(request, user);
    if (text instanceof Response) return refused(text, user);
    const operation = allowedOperation(text);
    if (operation instanceof Response) return refused(operation, user);
    return forward(operation, token, user);
  };
}
