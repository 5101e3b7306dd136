/**
 * `toNodeListener`: runs a Fetch API handler under Node's `http` server,
 * Express or connect. Node-only (imports nothing from node:*, but uses the
 * IncomingMessage/ServerResponse objects those servers pass in).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorResponse } from './http.ts';
import { DEFAULT_MAX_BODY_BYTES } from './handler.ts';

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
};

class TooLarge extends Error {}

/** Reads the request stream up to `limit` bytes; past it, stops keeping bytes and drains the rest. */
function readStream(req: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(new TooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        req.off('data', onData);
        // Keep draining so the client finishes sending and can read the 413.
        req.resume();
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.once('error', reject);
    // A client that hangs up mid-body must not leave the request pending forever.
    req.once('close', () => {
      if (!req.complete) reject(new Error('The client closed the connection before sending the whole body.'));
    });
  });
}

/**
 * The body as bytes. If a body parser already consumed the stream, its
 * result is used: a Buffer or string as is, a parsed object re-serialized as
 * JSON (the allow-list compares the `query` string, which survives that).
 */
async function requestBody(req: FrameworkRequest, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const consumed = req._body === true || req.readableEnded;
  if (!consumed) return readStream(req, limit);
  const parsed = req.body;
  let bytes: Uint8Array<ArrayBuffer>;
  if (parsed === undefined || parsed === null) bytes = new Uint8Array(0);
  else if (parsed instanceof Uint8Array) bytes = new Uint8Array(parsed);
  else if (typeof parsed === 'string') bytes = new TextEncoder().encode(parsed);
  else bytes = new TextEncoder().encode(JSON.stringify(parsed));
  if (bytes.byteLength > limit) throw new TooLarge();
  return bytes;
}

function toRequest(req: FrameworkRequest, body: Uint8Array<ArrayBuffer> | undefined): Request {
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const host = req.headers.host ?? 'localhost';
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
  return async (req, res, next) => {
    const framework = req as FrameworkRequest;
    try {
      const pathname = new URL(framework.originalUrl ?? req.url ?? '/', 'http://localhost').pathname;
      if (next && !inBasePath(pathname, handler.basePath)) {
        next();
        return;
      }
      let body: Uint8Array<ArrayBuffer> | undefined;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        try {
          body = await requestBody(framework, limit);
        } catch (error) {
          if (!(error instanceof TooLarge)) throw error;
          res.setHeader('connection', 'close');
          await writeResponse(res, errorResponse(413, 'body-too-large', `The request body is larger than ${limit} bytes.`));
          return;
        }
      }
      await writeResponse(res, await handler(toRequest(framework, body), { req, res }));
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
    }
  };
}
