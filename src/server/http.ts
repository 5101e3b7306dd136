/**
 * Small Fetch API helpers shared by the handler: JSON answers, error bodies,
 * and reading a request body without ever holding more than the limit.
 */

/** Every answer from this package carries tokens or user data: never cache it. */
const NO_STORE = { 'cache-control': 'no-store' } as const;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...NO_STORE, ...headers },
  });
}

/**
 * An error answer. `error` is for people and plain fetch callers; `errors`
 * has GraphQL's shape so a GraphQL client (the widget) surfaces the message
 * instead of "unexpected response".
 */
export function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return json({ error: { code, message }, errors: [{ message, extensions: { code } }] }, status, headers);
}

/** `Retry-After` in whole seconds, at least 1. */
export function retryAfter(ms: number): Record<string, string> {
  return { 'retry-after': String(Math.max(1, Math.ceil(ms / 1000))) };
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

export class BufferFullError extends Error {
  constructor() {
    super('Too many request bodies are being read at once.');
    this.name = 'BufferFullError';
  }
}

export class BodyTooSlowError extends Error {
  constructor(readonly withinMs: number) {
    super(`The request body did not arrive within ${withinMs} ms.`);
    this.name = 'BodyTooSlowError';
  }
}

/** Where one body's bytes are booked while it is read. */
export interface Booking {
  /** Books `bytes`, or throws BufferFullError (nothing booked). */
  take(bytes: number): void;
  give(bytes: number): void;
}

/**
 * The bytes of request bodies held in memory at once, across all concurrent
 * requests: each body is bounded by itself, this bounds their sum, so many
 * slow uploads at once cannot exhaust the process's memory. Each signed-in
 * user books through `share`, so no one user can hold all of it.
 */
export class ByteBudget implements Booking {
  private used = 0;
  private readonly byOwner = new Map<string, number>();
  constructor(readonly max: number) {}

  /** The budget as `owner` may use it: at most `ownerMax` of the bytes held at once are theirs. */
  share(owner: string, ownerMax: number): Booking {
    return {
      take: (bytes) => {
        const held = this.byOwner.get(owner) ?? 0;
        if (held + bytes > ownerMax) throw new BufferFullError();
        this.take(bytes);
        this.byOwner.set(owner, held + bytes);
      },
      give: (bytes) => {
        this.give(bytes);
        const left = (this.byOwner.get(owner) ?? 0) - bytes;
        if (left > 0) this.byOwner.set(owner, left);
        else this.byOwner.delete(owner);
      },
    };
  }

  /** Bytes booked now (for a host's metrics, and the tests). */
  get inUse(): number {
    return this.used;
  }

  /** Books `bytes`, or throws BufferFullError when that would pass the bound (nothing booked). */
  take(bytes: number): void {
    if (this.used + bytes > this.max) throw new BufferFullError();
    this.used += bytes;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

/** Requests whose bytes an adapter has already read and booked (see toNodeListener). */
export const prebuffered = new WeakSet<Request>();

/** The answer when the byte budget is spent: nothing wrong with the request, come back in a moment. */
export function bufferFullResponse(): Response {
  return errorResponse(503, 'server-busy', 'The server is reading too many requests at once; try again in a moment.', { 'retry-after': '1' });
}

/** The answer to a body that came too slowly; the connection is closed after it. */
export function bodyTooSlowResponse(withinMs: number): Response {
  return errorResponse(408, 'body-too-slow', `The request body did not arrive within ${withinMs / 1000} s; send it again, all at once.`, { connection: 'close' });
}

/** The next chunk, or BodyTooSlowError once `deadline` (epoch ms) has passed. */
function readBefore(reader: ReadableStreamDefaultReader<Uint8Array>, deadline: number, withinMs: number): Promise<ReadableStreamReadResult<Uint8Array>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new BodyTooSlowError(withinMs)), Math.max(0, deadline - Date.now()));
    reader.read().then(
      (result) => {
        clearTimeout(timer);
        resolve(result);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Reads the body, refusing as soon as it passes `limit` bytes: a declared
 * Content-Length is checked before reading, a streamed body chunk by chunk,
 * so an oversize upload is never buffered whole. Each chunk is booked in
 * `budget` as it arrives; on failure the booking is given back here, on
 * success the caller gives back `body.byteLength` once done with it. A body
 * that has not all arrived within `withinMs` is refused (BodyTooSlowError):
 * a trickle must not hold its bytes, or its connection, for long.
 */
export async function readBodyLimited(request: Request, limit: number, budget?: Booking, withinMs = Infinity): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw new BodyTooLargeError(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const deadline = Date.now() + withinMs;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = Number.isFinite(withinMs) ? await readBefore(reader, deadline, withinMs) : await reader.read();
    } catch (error) {
      budget?.give(total);
      await reader.cancel().catch(() => undefined);
      throw error;
    }
    const { done, value } = next;
    if (done) break;
    try {
      if (total + value.byteLength > limit) throw new BodyTooLargeError(limit);
      budget?.take(value.byteLength);
    } catch (error) {
      budget?.give(total);
      await reader.cancel().catch(() => undefined);
      throw error;
    }
    total += value.byteLength;
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * Whether JSON text nests arrays/objects deeper than `max`. A scan, not a
 * parse: deep nesting is refused before any parser (here, or Tray's) has to
 * recurse through it.
 */
export function jsonTooDeep(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** `Bearer <token>` → token; anything else → null. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  if (!header) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match ? match[1]! : null;
}

/**
 * Compares secrets without stopping at the first differing character, so
 * response timing does not reveal how much of a guess was right. Plain JS
 * because edge runtimes have no node:crypto.
 */
export function secretsEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return diff === 0;
}
