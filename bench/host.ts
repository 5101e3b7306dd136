/**
 * The bench's host app: one Node server that serves a bare page with the
 * built script-tag bundle, and mounts tray-integrations/server at /api/tray
 * behind a counting wrapper, so every call the browser makes to the host
 * backend is recorded. Tray's side is counted by the emulator's own log.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTrayHandler, toNodeListener, type TrayHandler, type TrayUser } from '../src/server/index.ts';
import type { RunningEmulator } from '../emulator/http.ts';
import { benchBundle } from './esbuild.ts';

export interface HostCall {
  method: string;
  /** The path below /api/tray, e.g. `session`, `auth-code`, `graphql`. */
  endpoint: string;
  /** For `graphql`: the operation the browser asked for. */
  operationName?: string;
  /** When it arrived and when it was answered (performance.now() in this process). */
  at?: number;
  answeredAt?: number;
}

/** A Fetch handler that records each call before passing it on. */
export function countingHandler(handler: TrayHandler, calls: HostCall[]): TrayHandler {
  const counted = async (request: Request, context?: unknown) => {
    const path = new URL(request.url).pathname;
    const call: HostCall = { method: request.method, endpoint: path.startsWith(`${handler.basePath}/`) ? path.slice(handler.basePath.length + 1) : path };
    if (call.endpoint === 'graphql' && request.method === 'POST') {
      try {
        const body = (await request.clone().json()) as { operationName?: unknown };
        if (typeof body.operationName === 'string') call.operationName = body.operationName;
      } catch {
        // Not JSON: the handler answers it; the call still counts.
      }
    }
    call.at = performance.now();
    calls.push(call);
    const answer = await handler(request, context);
    call.answeredAt = performance.now();
    return answer;
  };
  return Object.assign(counted, { basePath: handler.basePath, maxBodyBytes: handler.maxBodyBytes, bufferBudget: handler.bufferBudget, bodyTimeoutMs: handler.bodyTimeoutMs });
}

export interface BenchHost {
  origin: string;
  /** Every call to /api/tray/*, oldest first. */
  calls: HostCall[];
  /** A new tray-integrations/server instance (empty token cache), for the given signed-in user. */
  restartBackend(user: TrayUser): void;
  close(): Promise<void>;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script type="module" src="/assets/tray-integrations.js"></script>
</head><body></body></html>`;

export async function startBenchHost(emulator: RunningEmulator, distDir: string, user: TrayUser): Promise<BenchHost> {
  // Read on first request, so the counting backend works without a build (the bench's own test).
  const assets = new Map<string, Buffer>();
  const calls: HostCall[] = [];
  let floorScript: Promise<Uint8Array> | undefined;
  let listener: ReturnType<typeof toNodeListener>;
  const restartBackend = (who: TrayUser) => {
    const handler = createTrayHandler({
      masterToken: emulator.masterToken,
      endpoint: emulator.graphqlUrl,
      getUser: () => who,
      log: () => {},
    });
    listener = toNodeListener(countingHandler(handler, calls));
  };
  restartBackend(user);
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://bench.invalid').pathname;
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(PAGE);
      return;
    }
    // The speed bench's floor element (bench/floor-element.ts), bundled on first use.
    if (path === '/assets/floor.js') {
      floorScript ??= benchBundle({ file: join(import.meta.dirname, 'floor-element.ts') });
      floorScript.then(
        (body) => res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'max-age=3600' }).end(body),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
      return;
    }
    // The script-tag bundle and the chunk it imports (the search UI), side by side as a host deploys them.
    const asset = /^\/assets\/(tray-integrations(?:-[a-z-]+)?\.js)$/.exec(path)?.[1];
    if (asset) {
      let body = assets.get(asset);
      if (!body) {
        try {
          body = readFileSync(join(distDir, 'cdn', asset));
        } catch {
          res.writeHead(404).end();
          return;
        }
        assets.set(asset, body);
      }
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'max-age=3600' }).end(body);
      return;
    }
    void listener(req, res, () => {
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    calls,
    restartBackend,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
