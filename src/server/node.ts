/**
 * `toNodeListener`: runs a Fetch API handler under Node's `http` server,
 * Express or connect. Node-only (imports nothing from node:*, but uses the
 * IncomingMessage/ServerResponse objects those servers pass in).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorResponse, prebuffered, type ByteBudget } from './http.ts';
import { DEFAULT_BODY_TIMEOUT_MS, DEFAULT_MAX_BODY_BYTES } from './options.ts';

/** What Express and connect add to the request; plain `http` has none of it. */
interface FrameworkRequest extends IncomingMessage {
  /** Express/connect keep the full path here when the app is mounted under a prefix. */
  originalUrl?: string;
  /** Set by a body parser (express.json(), body-parser …) that ran first. */
  body?: unknown;
  /** body-parser's marker that it consumed the stream. */
  _body?: boolean;
}

export type NodeNext = (error?: unknown) => void;
export type NodeListener = (req: IncomingMessage, res: ServerResponse, next?: NodeNext) => Promise<void>;

/** What the adapter passes as the handler's second argument (and so to `getUser`). */
export interface NodeContext {
  req: IncomingMessage;
  res: ServerResponse;
}

type FetchHandler = ((request: Request, context?: NodeContext) => Promise<Response>) & {
  basePath?: string;
  maxBodyBytes?: number;
  bufferBudget?: ByteBudget;
  bodyTimeoutMs?: number;
};

class TooLarge extends Error {}

/** A host name or IP literal with an optional port: anything else cannot be part of a URL. */
const VALID_HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::\d{1,5})?$/;

/**
 * The request stream as a Fetch body that reads nothing until the handler
 * asks for it (high-water mark 0): the handler identifies the user from the
 * headers first, and only a signed-in user's body is ever read, and booked,
 * at all.
 */
function lazyBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.pause();
        req.on('data', (chunk: Buffer) => {
          if (settled) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          // Only as fast as the reader reads: the bytes wait in the socket, not here.
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => {
          if (settled) return;
          settled = true;
          controller.close();
        });
        const fail = (error: Error) => {
          if (settled) return;
          settled = true;
          controller.error(error);
        };
        req.once('error', fail);
        // A client that hangs up mid-body must not leave the read pending forever.
        req.once('close', () => {
          if (!req.complete) fail(new Error('The client closed the connection before sending the whole body.'));
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        settled = true;
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * After the answer: a body the handler never read (refused before it, or
 * cut off) is drained and dropped, never held, and a client still sending
 * it when `deadline` passes loses the connection, so nobody holds a
 * connection open by trickling bytes nobody wants.
 */
function dropUnreadBody(req: IncomingMessage, deadline: number): void {
  if (req.complete || req.destroyed) return;
  const socket = req.socket;
  const timer = setTimeout(() => socket?.destroy(), Math.max(0, deadline - Date.now()));
  // Only there to cut a connection off: it must not keep a stopping process alive.
  timer.unref();
  // An answered request no longer hears its socket close; the timer must not outlive it.
  // The socket's listener goes with the timer: a kept-alive socket serves many requests.
  const done = () => {
    clearTimeout(timer);
    socket?.off('close', done);
  };
  req.once('end', done);
  req.once('close', done);
  socket?.once('close', done);
  req.removeAllListeners('data');
  req.resume();
}

/**
 * A body parser (express.json(), body-parser …) that ran first has already
 * read the stream: its result is used, a Buffer or string as is, a parsed
 * object re-serialized as JSON (the allow-list compares the `query` string,
 * which survives that). Null when the stream is still unread.
 */
function parsedBody(req: FrameworkRequest, limit: number): Uint8Array<ArrayBuffer> | null {
  const consumed = req._body === true || req.readableEnded;
  if (!consumed) return null;
  const parsed = req.body;
  let bytes: Uint8Array<ArrayBuffer>;
  if (parsed === undefined || parsed === null) bytes = new Uint8Array(0);
  else if (parsed instanceof Uint8Array) bytes = new Uint8Array(parsed);
  else if (typeof parsed === 'string') bytes = new TextEncoder().encode(parsed);
  else bytes = new TextEncoder().encode(JSON.stringify(parsed));
  if (bytes.byteLength > limit) throw new TooLarge();
  return bytes;
}

function toRequest(req: FrameworkRequest, body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> | undefined): Request {
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const host = req.headers.host || 'localhost';
  const url = new URL(req.originalUrl ?? req.url ?? '/', `${encrypted ? 'https' : 'http'}://${host}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (":path") are not valid Fetch header names.
    if (value === undefined || name.startsWith(':')) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  // The bytes handed over are final; the stream's own length and encoding no longer apply.
  headers.delete('content-length');
  headers.delete('transfer-encoding');
  const method = req.method ?? 'GET';
  // `duplex: 'half'` is how Node's fetch takes a streamed request body.
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (body && method !== 'GET' && method !== 'HEAD') {
    init.body = body;
    if (body instanceof ReadableStream) init.duplex = 'half';
  }
  return new Request(url, init);
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!res.write(value)) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
}

function inBasePath(pathname: string, basePath: string | undefined): boolean {
  if (basePath === undefined) return true;
  return pathname === basePath || pathname.startsWith(`${basePath}/`);
}

/**
 * Adapts a Fetch handler (such as `createTrayHandler(...)`) to
 * `(req, res, next?)`, for `http.createServer`, `app.use` (Express) or
 * connect. With `next`, requests outside the handler's `basePath` go on to
 * the next middleware untouched (body unread). The body limit is the
 * handler's `maxBodyBytes`.
 */
export function toNodeListener(handler: FetchHandler): NodeListener {
  const limit = handler.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const bodyTimeoutMs = handler.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  return async (req, res, next) => {
    const framework = req as FrameworkRequest;
    const deadline = Date.now() + bodyTimeoutMs;
    let handled = false;
    try {
      const pathname = new URL(framework.originalUrl ?? req.url ?? '/', 'http://localhost').pathname;
      if (next && !inBasePath(pathname, handler.basePath)) {
        next();
        return;
      }
      handled = true;
      if (req.headers.host && !VALID_HOST.test(req.headers.host)) {
        res.setHeader('connection', 'close');
        await writeResponse(res, errorResponse(400, 'bad-host', 'The Host header is not a valid host name (with an optional port).'));
        return;
      }
      let body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> | undefined;
      let parsed = false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        try {
          const declared = Number(req.headers['content-length']);
          if (Number.isFinite(declared) && declared > limit) throw new TooLarge();
          const bytes = parsedBody(framework, limit);
          parsed = bytes !== null;
          body = bytes ?? lazyBody(req);
        } catch (error) {
          if (!(error instanceof TooLarge)) throw error;
          res.setHeader('connection', 'close');
          await writeResponse(res, errorResponse(413, 'body-too-large', `The request body is larger than ${limit} bytes.`));
          return;
        }
      }
      const request = toRequest(framework, body);
      // Already in memory (a body parser read it): not booked again.
      if (parsed) prebuffered.add(request);
      await writeResponse(res, await handler(request, { req, res }));
    } catch (error) {
      if (next) {
        next(error);
        return;
      }
      if (!res.headersSent) {
        await writeResponse(res, errorResponse(500, 'internal', 'The integrations backend failed unexpectedly.'));
      } else {
        res.destroy();
      }
    } finally {
      if (handled) dropUnreadBody(req, deadline);
    }
  };
}
