/**
 * The emulator over real HTTP, on two origins like Tray: the API
 * (`http://localhost:<port>`: /graphql, trigger URLs, /runs) and the dialog
 * (`http://127.0.0.1:<dialogPort>`: /external/auth/create/…). Both servers
 * hand each request to the core's `fetch`, so Node and msw serve the same thing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator, type EmulatorOptions } from './core/index.ts';

export interface StartEmulatorOptions extends Omit<EmulatorOptions, 'apiOrigin' | 'dialogOrigin'> {
  /** API port; 0 (default) picks a free one. */
  port?: number;
  /** Dialog port; 0 (default) picks a free one. */
  dialogPort?: number;
  /** Interface both servers listen on (default 127.0.0.1). */
  host?: string;
  /** Host name in the API origin (default `localhost`, so it differs from the dialog's 127.0.0.1). */
  apiHostname?: string;
  /** Host name in the dialog origin (default `127.0.0.1`). */
  dialogHostname?: string;
}

export interface RunningEmulator {
  /** `{apiOrigin}/graphql`. */
  graphqlUrl: string;
  apiOrigin: string;
  dialogOrigin: string;
  masterToken: string;
  embeddedId: string;
  emulator: Emulator;
  /** Same as `emulator`, under the name of the folder it comes from (`emulator/core`). */
  core: Emulator;
  close(): Promise<void>;
}

const DIALOG_PREFIX = '/external/';

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  let body: string | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    body = Buffer.concat(chunks).toString("utf8");
  }
  return new Request(new URL(req.url ?? '/', origin), { method, headers, body, signal });
}

/**
 * A Node `request` listener that answers with a Fetch-API handler. `origin`
 * gives requests their absolute URL (default: from the Host header).
 */
export function fetchListener(fetchHandler: (request: Request) => Promise<Response>, origin?: string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    // The core's 'timeout' fault waits on this signal: abort it when the client goes away.
    const aborter = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) aborter.abort();
    });
    try {
      const base = origin ?? `http://${req.headers.host ?? 'localhost'}`;
      const response = await fetchHandler(await toRequest(req, base, aborter.signal));
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      res.writeHead(response.status, headers);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      if (aborter.signal.aborted || res.headersSent) {
        res.destroy();
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      res.writeHead(500, { 'content-type': 'application/json' }).end(
        JSON.stringify({ data: null, errors: [{ message: `Internal error: ${message}`, extensions: { name: 'InternalError', errorId: crypto.randomUUID() } }] }),
      );
    }
  };
}

function handler(getEmulator: () => Emulator, origin: string, accept: (path: string) => boolean) {
  return fetchListener(async (request) => {
    const path = new URL(request.url).pathname;
    if (!accept(path)) {
      return new Response(JSON.stringify({ error: `Not found on this origin: ${path}` }), { status: 404, headers: { 'content-type': 'application/json' } });
    }
    return getEmulator().fetch(request);
  }, origin);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts the API and dialog servers; `close()` stops both and releases held requests. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { port = 0, dialogPort = 0, host = '127.0.0.1', apiHostname = 'localhost', dialogHostname = '127.0.0.1', ...core } = options;
  let emulator: Emulator | undefined;
  const get = () => emulator as Emulator;
  const apiServer = createServer();
  const dialogServer = createServer();
  try {
    const apiPort = await listen(apiServer, port, host);
    const boundDialogPort = await listen(dialogServer, dialogPort, host);
    const apiOrigin = `http://${apiHostname}:${apiPort}`;
    const dialogOrigin = `http://${dialogHostname}:${boundDialogPort}`;
    emulator = createEmulator({ ...core, apiOrigin, dialogOrigin });
    apiServer.on('request', handler(get, apiOrigin, (path) => !path.startsWith(DIALOG_PREFIX)));
    dialogServer.on('request', handler(get, dialogOrigin, (path) => path.startsWith(DIALOG_PREFIX)));
    const running = emulator;
    return {
      graphqlUrl: `${apiOrigin}/graphql`,
      apiOrigin,
      dialogOrigin,
      masterToken: running.masterToken,
      embeddedId: running.embeddedId,
      emulator: running,
      core: running,
      async close() {
        running.reset();
        await Promise.all([closeServer(apiServer), closeServer(dialogServer)]);
      },
    };
  } catch (error) {
    await Promise.all([closeServer(apiServer), closeServer(dialogServer)]);
    throw error;
  }
}
