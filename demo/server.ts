/**
 * `npm run demo`: the whole journey on one port.
 *
 *   - the Tray emulator (emulator/http.ts) on ephemeral ports, unless
 *     TRAY_MASTER_TOKEN, TRAY_REGION and TRAY_EMBEDDED_ID point at real Tray;
 *   - a demo host backend: `tray-integrations/server` mounted at /api/tray
 *     (the signed-in user is always `demo-user`), plus /demo/config and
 *     /demo/run for the page's "Run and test" panel;
 *   - Vite serving the host page (demo/index.html, demo/main.ts).
 *
 * Options: --port <n> or DEMO_PORT (default 5173), --host <name>; for the
 * emulator, --fixture <file.json> (another catalogue: big, hostile…) and
 * --latency <ms> (a delay before every GraphQL answer, as a distant Tray).
 */
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { createTrayHandler, toNodeListener, type TrayHandler } from '../src/server/index.ts';
import { crossSiteRefusal } from '../src/server/csrf.ts';
import { DOCUMENTS } from '../src/services/documents.ts';
import { REGIONS, isRegion, type Region } from '../src/services/regions.ts';
import type { SolutionInstance } from '../src/services/types.ts';
import { startEmulator } from '../emulator/http.ts';
import { readFixtureFile } from '../emulator/fixture-file.ts';

const DEMO_DIR = import.meta.dirname;
export const DEFAULT_PORT = 5173;
export const DEMO_USER = { externalUserId: 'demo-user', name: 'Demo User' } as const;

export interface DemoOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Where the emulator's GraphQL and dialog servers listen; 0 (default) picks free ports. */
  emulatorPort?: number;
  dialogPort?: number;
  /** TRAY_MASTER_TOKEN / TRAY_REGION / TRAY_EMBEDDED_ID; default process.env. */
  env?: Record<string, string | undefined>;
  /** Vite's dependency cache; tests use a temporary one. */
  cacheDir?: string;
  /** No hot reload (tests). */
  hmr?: boolean;
  /** Silence Vite and the backend (tests). */
  quiet?: boolean;
  /** The emulator's fixture (parsed JSON), instead of its built-in one. */
  fixture?: unknown;
  /** The emulator's delay before each GraphQL answer, in ms (default 0). */
  latencyMs?: number;
}

export interface Demo {
  /** The host page, e.g. http://localhost:5173/ */
  url: string;
  mode: 'emulator' | 'tray';
  /** Where the auth dialog is served from. */
  dialogOrigin: string;
  close(): Promise<void>;
}

/** What the page needs to configure the widget: nothing secret. */
interface PageConfig {
  mode: Demo['mode'];
  embeddedId: string;
  dialogOrigin: string;
  region: Region | null;
  user: string;
}

interface Upstream {
  mode: Demo['mode'];
  handler: TrayHandler;
  page: PageConfig;
  /** The emulator's record of workflow runs, when there is one. */
  runsFor?: (workflowId: string) => Promise<unknown[]>;
  close(): Promise<void>;
}

type Env = Record<string, string | undefined>;

/** Real Tray needs all three settings; a partial set is a mistake worth naming. */
function realTraySettings(env: Env): { masterToken: string; region: Region; embeddedId: string } | null {
  const names = ['TRAY_MASTER_TOKEN', 'TRAY_REGION', 'TRAY_EMBEDDED_ID'] as const;
  const set = names.filter((name) => env[name]);
  if (set.length === 0) return null;
  if (set.length < names.length) {
    const missing = names.filter((name) => !env[name]);
    throw new Error(`To run the demo against real Tray, also set ${missing.join(' and ')} (or unset ${set.join(', ')} to use the emulator).`);
  }
  const region = env.TRAY_REGION!.toLowerCase();
  if (!isRegion(region)) throw new Error(`TRAY_REGION="${env.TRAY_REGION}" is not a Tray region: use one of ${Object.keys(REGIONS).join(', ')}.`);
  return { masterToken: env.TRAY_MASTER_TOKEN!, region, embeddedId: env.TRAY_EMBEDDED_ID! };
}

async function startUpstream(options: DemoOptions, log: (entry: { code: string; message: string }) => void): Promise<Upstream> {
  const getUser = () => DEMO_USER;
  const real = realTraySettings(options.env ?? process.env);
  if (real) {
    return {
      mode: 'tray',
      handler: createTrayHandler({ masterToken: real.masterToken, region: real.region, basePath: '/api/tray', getUser, log }),
      page: { mode: 'tray', embeddedId: real.embeddedId, dialogOrigin: REGIONS[real.region].dialogOrigin, region: real.region, user: DEMO_USER.externalUserId },
      close: async () => {},
    };
  }
  const emulator = await startEmulator({
    port: options.emulatorPort ?? 0,
    dialogPort: options.dialogPort ?? 0,
    ...(options.fixture !== undefined ? { fixture: options.fixture } : {}),
    latencyMs: options.latencyMs ?? 0,
  });
  return {
    mode: 'emulator',
    handler: createTrayHandler({ masterToken: emulator.masterToken, endpoint: emulator.graphqlUrl, basePath: '/api/tray', getUser, log }),
    page: { mode: 'emulator', embeddedId: emulator.embeddedId, dialogOrigin: emulator.dialogOrigin, region: null, user: DEMO_USER.externalUserId },
    runsFor: async (workflowId) => emulatorRuns(emulator, workflowId),
    close: () => emulator.close(),
  };
}

/** The emulator's runs listing for one workflow instance. */
async function emulatorRuns(emulator: Awaited<ReturnType<typeof startEmulator>>, workflowId: string): Promise<unknown[]> {
  const response = await fetch(new URL(`/runs?workflowId=${encodeURIComponent(workflowId)}`, emulator.apiOrigin));
  if (!response.ok) return [];
  const body = (await response.json()) as { runs?: unknown[] } | unknown[];
  return Array.isArray(body) ? body : (body.runs ?? []);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16 * 1024) throw new Error('body too large');
    chunks.push(chunk);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

/**
 * "Run and test": the browser names an instance, never a URL. The backend
 * reads that instance as the signed-in user (through the same handler the
 * widget uses), so it can only call trigger URLs Tray gave this user.
 */
async function runInstance(upstream: Upstream, instanceId: string): Promise<{ status: number; body: unknown }> {
  const call = (path: string, init: RequestInit) => upstream.handler(new Request(new URL(path, 'http://demo.invalid'), { method: 'POST', ...init }));
  const session = await call('/api/tray/session', {});
  if (!session.ok) return { status: 502, body: { message: 'Could not get a user token for the demo user.' } };
  const { token } = (await session.json()) as { token: string };
  const read = await call('/api/tray/graphql', {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: DOCUMENTS.Instance, variables: { id: instanceId } }),
  });
  const data = (await read.json()) as { data?: { viewer?: { solutionInstances?: { edges: Array<{ node: SolutionInstance }> } } } };
  const instance = data.data?.viewer?.solutionInstances?.edges[0]?.node;
  if (!instance) return { status: 404, body: { message: 'No such integration for the demo user.' } };
  if (!instance.enabled) return { status: 409, body: { message: `${instance.name} is disabled: enable it first.` } };
  const workflow = instance.workflows.edges.map((edge) => edge.node).find((node) => node.triggerUrl);
  if (!workflow?.triggerUrl) return { status: 409, body: { message: `${instance.name} has no workflow with a trigger URL.` } };

  const started = new Date().toISOString();
  const trigger = await fetch(workflow.triggerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ source: 'tray-integrations demo', event: 'order.created', at: started }),
  });
  await trigger.arrayBuffer();
  const runs = upstream.runsFor ? await upstream.runsFor(workflow.id) : null;
  return {
    status: trigger.ok ? 200 : 502,
    body: { instance: instance.name, workflow: workflow.sourceWorkflowName, triggerStatus: trigger.status, started, runs },
  };
}

/**
 * The server's own cross-site check, on the demo's Node request: /demo/run
 * acts for the signed-in demo user, so a page on another site (a form post,
 * a fetch) must not make the user's browser run a workflow. Hosts copy this.
 */
function refusedAsCrossSite(req: IncomingMessage): string | null {
  const headers = new Headers();
  for (const name of ['origin', 'sec-fetch-site']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  try {
    return crossSiteRefusal(new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`), { headers }), new Set());
  } catch {
    return 'This endpoint refuses a request whose Host header is not a host name.';
  }
}

function demoBackend(upstream: Upstream, quiet: boolean): Plugin {
  const tray = toNodeListener(upstream.handler);
  return {
    name: 'tray-demo-backend',
    configureServer(server: ViteDevServer) {
      server.middlewares.use((req, res, next) => {
        const path = new URL(req.url ?? '/', 'http://demo.invalid').pathname;
        if (path === '/demo/config' && req.method === 'GET') return sendJson(res, 200, upstream.page);
        if (path === '/demo/run' && req.method === 'POST') {
          const refusal = refusedAsCrossSite(req);
          if (refusal) return sendJson(res, 403, { code: 'cross-site', message: refusal });
          void (async () => {
            try {
              const body = (await readJson(req)) as { instanceId?: unknown };
              if (typeof body.instanceId !== 'string' || !body.instanceId) {
                return sendJson(res, 400, { message: 'Send {"instanceId": "…"}.' });
              }
              const result = await runInstance(upstream, body.instanceId);
              sendJson(res, result.status, result.body);
            } catch (error) {
              if (!quiet) console.error('[demo] run failed:', error instanceof Error ? error.message : error);
              sendJson(res, 500, { message: 'The run failed; see the demo server log.' });
            }
          })();
          return;
        }
        void tray(req, res, next);
      });
    },
  };
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const quiet = options.quiet ?? false;
  const log = (entry: { code: string; message: string }) => {
    if (!quiet) console.warn(`[tray-integrations/server] ${entry.code}: ${entry.message}`);
  };
  const upstream = await startUpstream(options, log);
  let vite: ViteDevServer | undefined;
  try {
    vite = await createServer({
      configFile: false,
      root: DEMO_DIR,
      publicDir: false,
      cacheDir: options.cacheDir ?? join(DEMO_DIR, '..', 'node_modules', '.vite-demo'),
      logLevel: quiet ? 'silent' : 'info',
      clearScreen: false,
      appType: 'spa',
      server: {
        port: options.port ?? DEFAULT_PORT,
        host: options.host ?? 'localhost',
        strictPort: options.port === 0,
        hmr: options.hmr ?? true,
        // Vite's default CORS answers any localhost page: in front of /api/tray
        // that would let any local page read the demo user's token. Hosts copy
        // the demo, so it serves the API the way a host should: no CORS at all.
        cors: false,
        // The page imports the widget's sources from ../src.
        fs: { allow: [resolve(DEMO_DIR, '..')] },
      },
      plugins: [demoBackend(upstream, quiet)],
    });
    await vite.listen();
  } catch (error) {
    await vite?.close();
    await upstream.close();
    throw error;
  }
  const address = vite.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : options.port ?? DEFAULT_PORT;
  const host = options.host ?? 'localhost';
  const server = vite;
  return {
    url: `http://${host}:${port}/`,
    mode: upstream.mode,
    dialogOrigin: upstream.page.dialogOrigin,
    close: async () => {
      await server.close();
      await upstream.close();
    },
  };
}

/** The command line's options, or an error that says which flag to fix. */
export async function demoOptionsFromArgs(args: string[], env: Env = process.env): Promise<DemoOptions> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, host: { type: 'string' }, fixture: { type: 'string' }, latency: { type: 'string' } },
  });
  const raw = values.port ?? env.DEMO_PORT ?? String(DEFAULT_PORT);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port/DEMO_PORT "${raw}" is not a port number.`);
  const options: DemoOptions = { port, ...(values.host ? { host: values.host } : {}) };
  if (values.latency !== undefined) {
    const latencyMs = Number(values.latency);
    if (values.latency.trim() === '' || !Number.isInteger(latencyMs) || latencyMs < 0) {
      throw new Error(`--latency "${values.latency}": give the emulator's delay per request in whole milliseconds, e.g. --latency 100.`);
    }
    options.latencyMs = latencyMs;
  }
  if (values.fixture !== undefined) options.fixture = await readFixtureFile(values.fixture);
  if ((options.fixture !== undefined || options.latencyMs !== undefined) && realTraySettings(env)) {
    throw new Error('--fixture and --latency change the emulator: unset TRAY_MASTER_TOKEN, TRAY_REGION and TRAY_EMBEDDED_ID to use it.');
  }
  return options;
}

async function main(): Promise<void> {
  const demo = await startDemo(await demoOptionsFromArgs(process.argv.slice(2)));
  process.stdout.write(
    `\n  tray-integrations demo (${demo.mode === 'emulator' ? 'local Tray emulator' : 'real Tray'})\n` +
      `  page:   ${demo.url}\n  dialog: ${demo.dialogOrigin}\n  Ctrl-C stops everything.\n\n`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    demo.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
