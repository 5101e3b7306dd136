/**
 * WTR plugin for e2e journeys: starts the real HTTP emulator (two origins,
 * ephemeral ports) for the test run and serves test-only helpers on the test
 * server's own origin (the browser cannot call the emulator's /graphql: like
 * Tray it sends no CORS headers).
 *
 *   GET  /__e2e/config                      {graphqlUrl, apiOrigin, dialogOrigin, embeddedId, hostEndpoint}
 *   POST /__e2e/user-token?externalUserId=  {userId, token}   (creates the user when missing)
 *   POST /__e2e/auth-code?externalUserId=   {userId, code}    (one-time dialog code)
 *   POST /__e2e/authentication?externalUserId=&solutionId=&slot=
 *                                           {authId}: a new auth of that slot's service for the
 *                                           user, as if they signed in elsewhere meanwhile
 *   POST /__e2e/graphql                     forwards {query, variables} with the request's
 *                                           Authorization header to the emulator's /graphql
 *   GET  /__e2e/requests                    the emulator's request log (no tokens)
 *   GET  /__e2e/runs?solutionInstanceId=    the emulator's trigger runs
 *   POST /__e2e/control?action=reset
 *                      ?action=fail&kind=http500|malformed-json|timeout|rate-limit&count=1
 *                      ?action=latency&ms=200
 *                      ?action=drop-auth-finish&on=1|0   (the auth dialog drops its finish message)
 *
 * Test-only: it hands out tokens to any page on the test server.
 */
import type { TestRunnerPlugin } from '@web/test-runner';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { fetchListener, startEmulator, type RunningEmulator } from '../../emulator/http.ts';
import type { FaultKind } from '../../emulator/core/index.ts';
import { toService } from '../../emulator/core/store.ts';
import { createTrayHandler, toNodeListener, type TrayHandler, type TrayUser } from '../../src/server/index.ts';

/** The embedded id the e2e emulator insists on (a wrong one gets the dialog's error page). */
export const E2E_EMBEDDED_ID = 'e2e-embedded';

type FetchHandler = (request: Request) => Promise<Response>;

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function e2ePlugin(): TestRunnerPlugin {
  let running: RunningEmulator | undefined;

  // ---- HOST SERVER MOUNT POINT ---------------------------------------------
  // The real host backend (src/server, createTrayHandler) at /api/tray, on
  // `running`. The signed-in user is `e2e-user` unless a test picks another
  // with an `x-e2e-user` header or an `e2e-user` cookie (the cookie reaches
  // the widget's own requests); the value `anonymous` means signed out (401).
  const HOST_BASE_PATH = '/api/tray';
  const e2eUser = (request: Request): TrayUser | null => {
    const cookie = /(?:^|;\s*)e2e-user=([^;]*)/.exec(request.headers.get('cookie') ?? '')?.[1];
    const id = request.headers.get('x-e2e-user') ?? (cookie === undefined ? 'e2e-user' : decodeURIComponent(cookie));
    return id && id !== 'anonymous' ? { externalUserId: id, name: `E2E ${id}` } : null;
  };
  let trayHandler: TrayHandler | undefined;
  let trayStore: unknown;
  const mountTray: FetchHandler = (request) => {
    const emulator = running as RunningEmulator;
    // Rebuilt after /__e2e/control?action=reset (a new store), so no token or
    // user id cached from before the reset leaks into the next test.
    if (!trayHandler || trayStore !== emulator.emulator.store) {
      trayStore = emulator.emulator.store;
      trayHandler = createTrayHandler({
        masterToken: emulator.masterToken,
        endpoint: emulator.graphqlUrl,
        basePath: HOST_BASE_PATH,
        getUser: e2eUser,
      });
    }
    return trayHandler(request);
  };
  // Mounted the way a host mounts it on Node, so e2e runs the real adapter too.
  const hostListener = toNodeListener(mountTray);
  const isHostPath = (path: string) => path === HOST_BASE_PATH || path.startsWith(`${HOST_BASE_PATH}/`);
  // ---------------------------------------------------------------------------

  const helpers = async (request: Request): Promise<Response> => {
    const emulator = running as RunningEmulator;
    const url = new URL(request.url);
    const q = url.searchParams;
    const route = `${request.method} ${url.pathname}`;
    switch (route) {
      case 'GET /__e2e/config':
        return json({
          graphqlUrl: emulator.graphqlUrl,
          apiOrigin: emulator.apiOrigin,
          dialogOrigin: emulator.dialogOrigin,
          embeddedId: emulator.embeddedId,
          hostEndpoint: `${HOST_BASE_PATH}/graphql`,
        });
      case 'POST /__e2e/user-token': {
        const externalUserId = q.get('externalUserId') ?? 'e2e-user';
        const userId = emulator.emulator.ensureUser(externalUserId, q.get('name') ?? undefined);
        return json({ userId, token: emulator.emulator.userToken(externalUserId) });
      }
      case 'POST /__e2e/auth-code': {
        const externalUserId = q.get('externalUserId') ?? 'e2e-user';
        const userId = emulator.emulator.ensureUser(externalUserId);
        return json({ userId, code: emulator.emulator.authCode(externalUserId) });
      }
      case 'POST /__e2e/authentication': {
        const userId = emulator.emulator.ensureUser(q.get('externalUserId') ?? 'e2e-user');
        const solution = emulator.emulator.store.solutions.find((candidate) => candidate.id === q.get('solutionId'));
        const slot = solution?.authSlots?.find((candidate) => candidate.externalId === q.get('slot'));
        if (!slot) return json({ error: 'solutionId and slot must name an auth slot of the fixture' }, 400);
        const service = toService(slot.service);
        return json({ authId: emulator.emulator.store.createAuthentication(userId, `Another ${service.title} account`, service).id });
      }
      case 'POST /__e2e/graphql':
        return emulator.emulator.fetch(
          new Request(emulator.graphqlUrl, { method: 'POST', headers: request.headers, body: await request.text() }),
        );
      case 'GET /__e2e/requests':
        return json(emulator.emulator.requests);
      case 'GET /__e2e/runs':
        return emulator.emulator.fetch(new Request(`${emulator.apiOrigin}/runs${url.search}`));
      case 'POST /__e2e/control': {
        const action = q.get('action');
        if (action === 'reset') emulator.emulator.reset();
        else if (action === 'fail') emulator.emulator.faults.failNext(Number(q.get('count') ?? 1), q.get('kind') as FaultKind);
        else if (action === 'latency') emulator.emulator.setLatency(Number(q.get('ms') ?? 0));
        else if (action === 'drop-auth-finish') emulator.emulator.setDropAuthFinish(q.get('on') !== '0');
        else return json({ error: 'action must be reset, fail (kind, count), latency (ms) or drop-auth-finish (on)' }, 400);
        return json({ ok: true });
      }
      default:
        return json({ error: `No e2e helper at ${route}` }, 404);
    }
  };

  return {
    name: 'tray-e2e',
    async serverStart({ server }) {
      running = await startEmulator({ port: 0, dialogPort: 0, embeddedId: E2E_EMBEDDED_ID });
      const ours = fetchListener(async (request) => {
        try {
          return await helpers(request);
        } catch (error) {
          return json({ error: error instanceof Error ? error.message : String(error) }, 500);
        }
      });
      // Answer our paths before the dev server's own (Koa) handler sees them,
      // so statuses and bodies pass through untouched.
      const httpServer = server as unknown as Server;
      const devServer = httpServer.listeners('request') as RequestListener[];
      httpServer.removeAllListeners('request');
      httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
        const path = (req.url ?? '/').split('?')[0] as string;
        if (isHostPath(path)) void hostListener(req, res);
        else if (path.startsWith('/__e2e/')) void ours(req, res);
        else for (const listener of devServer) listener.call(httpServer, req, res);
      });
    },
    async serverStop() {
      await running?.close();
      running = undefined;
    },
  };
}
