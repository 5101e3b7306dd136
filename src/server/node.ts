/**
 * `toNodeListener`: runs a Fetch API handler under Node's `http` server,
 * Express or connect. Node-only (imports nothing from node:*, but uses the
 * IncomingMessage/ServerResponse objects those servers pass in).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BufferFullError, bufferFullResponse, errorResponse, prebuffered, type ByteBudget } from './http.ts';
import { DEFAULT_MAX_BODY_BYTES } from './options.ts';

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
};

class TooLarge extends Error {}

/** A host name or IP literal with an optional port: anything else cannot be part of a URL. */
const VALID_HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::\d{1,5})?$/;

/**
 * Reads the request stream up to `limit` bytes; past it, stops keeping bytes
 * and drains the rest. Every chunk kept is booked in `budget`; on failure the
 * booking is given back here, on success by the caller.
 */
function readStream(req: IncomingMessage, limit: number, budget: ByteBudget | undefined): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(new TooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      budget?.give(total);
      // Keep draining so the client finishes sending and can read the answer.
      req.resume();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      if (total + chunk.length > limit) return fail(new TooLarge());
      try {
        budget?.take(chunk.length);
      } catch (error) {
        return fail(error as Error);
      }
      total += chunk.length;
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      if (settled) return;
      settled = true;
      resolve(new Uint8Array(Buffer.concat(chunks)));
    });
    req.once('error', fail);
    // A client that hangs up mid-body must not leave the request pending forever.
    req.once('close', () => {
      if (!req.complete) fail(new Error('The client closed the connection before sending the whole body.'));
    });
  });
}

/**
 * The body as bytes. If a body parser already consumed the stream, its
 * result is used: a Buffer or string as is, a parsed object re-serialized as
 * JSON (the allow-list compares the `query` string, which survives that).
 */
async function requestBody(req: FrameworkRequest, limit: number, budget: ByteBudget | undefined): Promise<{ bytes: Uint8Array<ArrayBuffer>; booked: boolean }> {
  const consumed = req._body === true || req.readableEnded;
  if (!consumed) return { bytes: await readStream(req, limit, budget), booked: budget !== undefined };
  const parsed = req.body;
  let bytes: Uint8Array<ArrayBuffer>;
  if (parsed === undefined || parsed === null) bytes = new Uint8Array(0);
  else if (parsed instanceof Uint8Array) bytes = new Uint8Array(parsed);
  else if (typeof parsed === 'string') bytes = new TextEncoder().encode(parsed);
  else bytes = new TextEncoder().encode(JSON.stringify(parsed));
  if (bytes.byteLength > limit) throw new TooLarge();
  return { bytes, booked: false };
}

function toRequest(req: FrameworkRequest, body: Uint8Array<ArrayBuffer> | undefined): Request {
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
  const init: RequestInit = { method, headers };
  if (body && method !== 'GET' && method !== 'HEAD') init.body = body;
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
  const budget = handler.bufferBudget;
  return async (req, res, next) => {
    const framework = req as FrameworkRequest;
    let body: Uint8Array<ArrayBuffer> | undefined;
    let booked = false;
    try {
      const pathname = new URL(framework.originalUrl ?? req.url ?? '/', 'http://localhost').pathname;
      if (next && !inBasePath(pathname, handler.basePath)) {
        next();
        return;
      }
      if (req.headers.host && !VALID_HOST.test(req.headers.host)) {
        res.setHeader('connection', 'close');
        await writeResponse(res, errorResponse(400, 'bad-host', 'The Host header is not a valid host name (with an optional port).'));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        try {
          ({ bytes: body, booked } = await requestBody(framework, limit, budget));
        } catch (error) {
          if (!(error instanceof TooLarge) && !(error instanceof BufferFullError)) throw error;
          res.setHeader('connection', 'close');
          const answer = error instanceof TooLarge ? errorResponse(413, 'body-too-large', `The request body is larger than ${limit} bytes.`) : bufferFullResponse();
          await writeResponse(res, answer);
          return;
        }
      }
      const request = toRequest(framework, body);
      if (budget) prebuffered.add(request);
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
      if (body && booked) budget?.give(body.byteLength);
    }
  };
}
