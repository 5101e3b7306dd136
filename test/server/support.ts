/**
 * A host backend for the server tests: the real HTTP emulator, the handler
 * under test behind Node's http server (through toNodeListener), and a
 * recording fetch that shows which operations reached Tray with which token.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator } from '../../emulator/http.ts';
import { createTrayHandler, toNodeListener, type TrayHandlerOptions, type TrayLogEntry } from '../../src/server/index.ts';

export const MASTER_TOKEN = 'master-token-for-server-tests-0123456789';
/** The fixture's pre-seeded user and the instance it owns. */
export const DEMO_USER = { externalUserId: 'demo-user', name: 'Demo User', id: '7d3f5a10-5c1e-4e8b-9a52-0d3e6f1a2b01' };
export const DEMO_INSTANCE_ID = 'c0ffee00-1d2e-4f3a-9b8c-7d6e5f4a3b01';

export interface TrayCall {
  operationName: string;
  /** The bearer token the call carried. */
  token: string | null;
}

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The operation name inside a GraphQL document ("query Name(" / "mutation Name {"). */
function operationOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { query?: string; operationName?: string };
    return parsed.operationName ?? /\b(?:query|mutation)\s+(\w+)/.exec(parsed.query ?? '')?.[1] ?? '(anonymous)';
  } catch {
    return '(unparsable)';
  }
}

/** A fetch that records every call the handler makes to Tray. */
export function recordingFetch(calls: TrayCall[]): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    const token = /^Bearer (.+)$/.exec(headers.get('authorization') ?? '')?.[1] ?? null;
    calls.push({ operationName: operationOf(typeof init?.body === 'string' ? init.body : ''), token });
    return fetch(input, init);
  };
}

export interface Stack {
  emulator: Emulator;
  /** The host's origin; the handler is at /api/tray. */
  origin: string;
  calls: TrayCall[];
  logs: TrayLogEntry[];
  /** Every response body read through `post`, to check for leaks. */
  bodies: string[];
  clock: { now: number };
  post(path: string, init?: PostInit): Promise<{ status: number; headers: Headers; text: string; json: any }>;
  close(): Promise<void>;
}

export interface PostInit {
  /** The host's signed-in user (this test host reads it from a header its own login would set). */
  user?: string | null;
  token?: string;
  body?: unknown;
  raw?: string;
  method?: string;
  headers?: Record<string, string>;
}

/** Test host login: `x-test-user: <externalUserId>` stands in for a session cookie. */
export const headerUser: TrayHandlerOptions['getUser'] = (request) => {
  const id = request.headers.get('x-test-user');
  return id ? { externalUserId: id, name: `User ${id}` } : null;
};

export async function startStack(options: Partial<TrayHandlerOptions> = {}, emulatorArg?: Emulator): Promise<Stack> {
  const emulator = emulatorArg ?? (await startEmulator({ port: 0, dialogPort: 0, masterToken: MASTER_TOKEN }));
  const calls: TrayCall[] = [];
  const logs: TrayLogEntry[] = [];
  const bodies: string[] = [];
  const clock = { now: Date.parse('2030-01-01T00:00:00Z') };
  const handler = createTrayHandler({
    masterToken: MASTER_TOKEN,
    endpoint: emulator.graphqlUrl,
    getUser: headerUser,
    fetch: recordingFetch(calls),
    now: () => clock.now,
    log: (entry) => logs.push(entry),
    ...options,
  });
  const server = createServer(toNodeListener(handler));
  const origin = await listen(server);

  return {
    emulator,
    origin,
    calls,
    logs,
    bodies,
    clock,
    async post(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.user !== null) headers['x-test-user'] = init.user ?? 'alice';
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      let body: string | undefined = init.raw;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['content-type'] = 'application/json';
      }
      const method = init.method ?? 'POST';
      const response = await fetch(`${origin}/api/tray${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      bodies.push(text);
      let json: unknown = undefined;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, text, json };
    },
    async close() {
      await closeServer(server);
      if (!emulatorArg) await emulator.close();
    },
  };
}

/** Calls Tray (the emulator) directly, as the partner would with the master token. */
export async function trayDirect(emulator: Emulator, token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(emulator.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, text: await response.text() };
}

/**
 * A POST with exactly these headers, over node:http: fetch would add or
 * refuse some of them (Origin, Sec-Fetch-Site, Host), which browsers set and
 * these tests must choose.
 */
export function rawPost(
  origin: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; json: any }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, origin), { method: 'POST', headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, json });
      });
    });
    request.once('error', reject);
    request.end(body);
  });
}
