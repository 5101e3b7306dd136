/**
 * The Tray emulator as one Fetch-API handler: `fetch(Request) → Response`.
 * Node's HTTP server (emulator/http.ts) and msw in the browser
 * (test/support/msw-tray.ts) both call this same function, so they cannot
 * drift apart. No Node-only imports here.
 */
import defaultFixtureJson from './default-fixture.json';
import { loadFixture, type Fixture } from './fixture.ts';
import { prepare, run, type Caller, type GraphQLBody } from './graphql.ts';
import { dialogErrorPage, dialogFinishPage, dialogFormPage } from './dialog.ts';
import { html, json } from './responses.ts';
import { serveWizard, WIZARD_PATH } from './wizard.ts';
import { Store, toService, type InstanceRecord } from './store.ts';
import type { FixtureAuthSlot, FixtureSolution } from './fixture.ts';

export const DEFAULT_MASTER_TOKEN = 'emulator-master-token';
export const DEFAULT_EMBEDDED_ID = 'emulator';

export interface RateLimit {
  perSecond: number;
  burst: number;
}

export interface EmulatorOptions {
  /** Parsed fixture JSON; validated, and a FixtureError says what to fix. Defaults to the built-in fixture. */
  fixture?: unknown;
  masterToken?: string;
  /** Injectable clock (ms since epoch) for token and code expiry, the 2-second rule and the rate limit. */
  now?: () => number;
  /** Origin the dialog is served from (informational in the core; the HTTP server serves it). */
  dialogOrigin?: string;
  /** Origin trigger URLs point at; defaults to the origin of each GraphQL request. */
  apiOrigin?: string;
  /** The partner's embedded id the dialog URL must carry; when unset any id is accepted. */
  embeddedId?: string;
  /** Enabling earlier than this after creation is refused (default 2000). */
  enableDelayMs?: number;
  /** Per-token token bucket (default 30/s, burst 50); `false` switches it off. */
  rateLimit?: RateLimit | false;
  /** Delay before each GraphQL answer (default 0). */
  latencyMs?: number;
  /**
   * The auth dialog's Allow creates the auth but never posts
   * `tray.authpopup.finish` (the window just closes), as when an OAuth
   * provider's Cross-Origin-Opener-Policy severs `window.opener`. Default false.
   */
  dropAuthFinish?: boolean;
  /**
   * `createExternalUser` creates another user for an `externalUserId` that
   * already has one, instead of refusing with `user_already_exists` as Tray
   * documents: for testing that a server creates each user once on its own.
   * Default false.
   */
  acceptDuplicateUsers?: boolean;
}

export type TokenKind = 'master' | 'user' | 'none' | 'invalid';

/** One GraphQL request as the emulator saw it. Never holds a token or code. */
export interface RequestLogEntry {
  operationName: string | null;
  rootFields: string[];
  token: TokenKind;
  /** The user a user token belongs to. */
  userId?: string;
  status: number;
  /** 'fault' when an injected fault answered. */
  outcome: 'ok' | 'errors' | 'rejected' | 'rate-limited' | 'fault';
}

export type FaultKind = 'http500' | 'malformed-json' | 'timeout' | 'rate-limit';

export interface Faults {
  /** The next `count` GraphQL requests fail this way (queued after any earlier ones). */
  failNext(count: number, kind: FaultKind): void;
  clear(): void;
  /** Faults still queued. */
  readonly pending: number;
}

export interface Emulator {
  readonly masterToken: string;
  /** The configured embedded id, or a suggested one (any id is accepted unless `embeddedId` was given). */
  readonly embeddedId: string;
  readonly dialogOrigin: string | undefined;
  readonly apiOrigin: string | undefined;
  fetch(request: Request): Promise<Response>;
  /** Back to the fixture's state: new store, no tokens/codes, empty log, no faults, fresh rate buckets. */
  reset(): void;
  /** GraphQL requests so far, oldest first (a copy). */
  readonly requests: readonly RequestLogEntry[];
  readonly faults: Faults;
  setLatency(ms: number): void;
  /** Switches the auth dialog's drop-finish behaviour (see `EmulatorOptions.dropAuthFinish`) until `reset()`. */
  setDropAuthFinish(on: boolean): void;
  /** Test helper: the id of the user with this externalUserId, created when missing. */
  ensureUser(externalUserId: string, name?: string): string;
  /** Test helper: a fresh user token (as `authorize` gives), creating the user when missing. */
  userToken(externalUserId?: string): string;
  /** Test helper: a fresh one-time dialog code (as `generateAuthorizationCode` gives). */
  authCode(externalUserId?: string): string;
  /** The live state, for assertions in tests; change it only through the API. */
  readonly store: Store;
}

const preconditionBody = (message: string, code: string): GraphQLBody => ({
  data: null,
  errors: [{ message, extensions: { name: 'PreconditionError', code } }],
});

const DIALOG_PATH = /^\/external\/auth\/create\/([^/]+)\/([^/]+)\/([^/]+)\/?$/;
const TRIGGER_PATH = /^\/triggers\/([^/]+)\/?$/;

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const fixture: Fixture = loadFixture(options.fixture ?? defaultFixtureJson, options.fixture ? 'fixture' : 'built-in fixture');
  const now = options.now ?? (() => Date.now());
  const masterToken = options.masterToken ?? DEFAULT_MASTER_TOKEN;
  const embeddedId = options.embeddedId ?? DEFAULT_EMBEDDED_ID;
  const strictEmbeddedId = options.embeddedId !== undefined;
  const enableDelayMs = options.enableDelayMs ?? 2000;
  const rateLimit = options.rateLimit === undefined ? { perSecond: 30, burst: 50 } : options.rateLimit;
  let latencyMs = options.latencyMs ?? 0;
  let dropAuthFinish = options.dropAuthFinish ?? false;
  const embeddedIdProblem = (embedded: string) =>
    strictEmbeddedId && embedded !== embeddedId ? `Unknown embedded id "${embedded}": this emulator serves "${embeddedId}".` : undefined;

  let store = new Store(fixture, now, options.acceptDuplicateUsers ?? false);
  let log: RequestLogEntry[] = [];
  let faultQueue: FaultKind[] = [];
  let buckets = new Map<string, { tokens: number; at: number }>();
  /** Requests held by a 'timeout' fault; reset() lets them go. */
  const held = new Set<() => void>();

  const takeToken = (token: string): boolean => {
    if (!rateLimit) return true;
    const t = now();
    const bucket = buckets.get(token) ?? { tokens: rateLimit.burst, at: t };
    bucket.tokens = Math.min(rateLimit.burst, bucket.tokens + ((t - bucket.at) / 1000) * rateLimit.perSecond);
    bucket.at = t;
    buckets.set(token, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };

  const wait = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (ms <= 0) return resolve();
      const timer = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason ?? new DOMException('The request was aborted.', 'AbortError'));
      }, { once: true });
    });

  const hang = (signal: AbortSignal) =>
    new Promise<never>((_, reject) => {
      const release = () => {
        held.delete(release);
        reject(signal.reason ?? new DOMException('The request was aborted.', 'AbortError'));
      };
      held.add(release);
      signal.addEventListener('abort', release, { once: true });
    });

  async function graphql(request: Request): Promise<Response> {
    const entry: RequestLogEntry = { operationName: null, rootFields: [], token: 'none', status: 200, outcome: 'ok' };
    log.push(entry);
    const answer = (response: Response, outcome: RequestLogEntry['outcome']) => {
      entry.status = response.status;
      entry.outcome = outcome;
      return response;
    };

    if (request.method !== 'POST') {
      return answer(json(preconditionBody('Send GraphQL requests with POST and a JSON body.', 'access_not_allowed'), 405, { allow: 'POST' }), 'rejected');
    }
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      body = undefined;
    }
    const parsed = body === undefined ? { errors: [{ message: 'The request body is not JSON.', extensions: { name: 'GraphQLError' } }] } : prepare(body);
    if ('document' in parsed) {
      entry.operationName = parsed.operationName;
      entry.rootFields = parsed.rootFields;
    }

    const header = request.headers.get('authorization') ?? '';
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    let caller: Caller | undefined;
    if (bearer === undefined) entry.token = 'none';
    else if (bearer === masterToken) {
      entry.token = 'master';
      caller = { kind: 'master' };
    } else {
      const record = store.tokenRecord(bearer);
      if (record) {
        entry.token = 'user';
        entry.userId = record.userId;
        caller = { kind: 'user', userId: record.userId };
      } else entry.token = 'invalid';
    }

    if (latencyMs > 0) await wait(latencyMs, request.signal);

    const fault = faultQueue.shift();
    if (fault === 'timeout') {
      entry.outcome = 'fault';
      entry.status = 0;
      return hang(request.signal);
    }
    if (fault === 'http500') {
      return answer(json({ data: null, errors: [{ message: 'Internal server error', extensions: { name: 'InternalError', errorId: crypto.randomUUID() } }] }, 500), 'fault');
    }
    if (fault === 'malformed-json') {
      return answer(new Response('{"data": {"viewer": {"solutions": ', { status: 200, headers: { 'content-type': 'application/json' } }), 'fault');
    }
    if (fault === 'rate-limit') return answer(json(preconditionBody('Rate limit exceeded', 'access_not_allowed')), 'fault');

    if (!caller) {
      const message =
        entry.token === 'none'
          ? 'No access token: send "Authorization: Bearer <token>".'
          : 'The access token is not valid: it is unknown or has expired (user tokens last 2 days). Get a new one with authorize.';
      return answer(json(preconditionBody(message, 'access_not_allowed'), 401), 'rejected');
    }
    if (!takeToken(bearer as string)) {
      return answer(json(preconditionBody('Rate limit exceeded', 'access_not_allowed')), 'rate-limited');
    }
    if (!('document' in parsed)) return answer(json({ data: null, ...parsed }, 400), 'errors');

    const result = await run(parsed, {
      store,
      caller,
      apiOrigin: options.apiOrigin ?? new URL(request.url).origin,
      enableDelayMs,
    });
    return answer(json(result), result.errors?.length ? 'errors' : 'ok');
  }

  async function dialog(request: Request, url: URL, match: RegExpExecArray): Promise<Response> {
    const [, embedded, instanceId, externalAuthId] = match.map((p) => decodeURIComponent(p ?? '')) as [string, string, string, string];
    const fail = (error: string, status: number) => html(dialogErrorPage(error), status);
    type Found = { instance: InstanceRecord; solution: FixtureSolution; slot: FixtureAuthSlot };
    const slotOf = (userId: string): Found | { error: string } => {
      const instance = store.instances.get(instanceId);
      if (!instance || instance.owner !== userId) return { error: `Solution instance "${instanceId}" does not exist for this user.` };
      const solution = store.solution(instance.solutionId);
      const slot = (solution.authSlots ?? []).find((s) => s.externalId === externalAuthId);
      if (!slot) return { error: `Solution "${solution.title}" has no auth slot "${externalAuthId}".` };
      return { instance, solution, slot };
    };

    const embeddedProblem = embeddedIdProblem(embedded);
    if (embeddedProblem) return fail(embeddedProblem, 404);

    if (request.method === 'GET') {
      const code = url.searchParams.get('code');
      if (!code) return fail('The dialog URL has no code: generate one with generateAuthorizationCode and pass it as ?code=.', 400);
      const used = store.consumeCode(code);
      if ('error' in used) return fail(used.error, 403);
      const found = slotOf(used.userId);
      if ('error' in found) return fail(found.error, 404);
      const user = store.requireUser(used.userId);
      const session = store.openDialogSession({ userId: used.userId, solutionInstanceId: instanceId, externalAuthId });
      return html(
        dialogFormPage({
          serviceTitle: found.slot.service.title,
          serviceIcon: found.slot.service.icon,
          slotTitle: found.slot.title,
          solutionTitle: found.solution.title,
          userName: user.name,
          session,
          action: url.pathname,
        }),
      );
    }

    if (request.method === 'POST') {
      const form = new URLSearchParams(await request.text());
      const session = store.takeDialogSession(form.get('session') ?? '');
      if (!session || session.solutionInstanceId !== instanceId || session.externalAuthId !== externalAuthId) {
        return fail('This dialog has expired or was already used. Close it and start the connection again.', 403);
      }
      const found = slotOf(session.userId);
      if ('error' in found) return fail(found.error, 404);
      const service = toService(found.slot.service);
      const name = (form.get('name') ?? '').trim().slice(0, 120) || `${service.title} account`;
      const auth = store.createAuthentication(session.userId, name, service);
      return html(dialogFinishPage(service.title, service.authType, auth.id, !dropAuthFinish));
    }
    return new Response('Method not allowed', { status: 405, headers: { allow: 'GET, POST' } });
  }

  function trigger(request: Request, workflowInstanceId: string): Response {
    // Emulator-only endpoints answer any origin so a test page can read them.
    const cors = { 'access-control-allow-origin': '*' };
    const found = store.findWorkflowInstance(workflowInstanceId);
    if (!found) return json({ error: `No workflow instance "${workflowInstanceId}": the trigger URL is wrong or its instance was removed.` }, 404, cors);
    if (!found.instance.enabled) {
      return json({ error: `Solution instance "${found.instance.id}" is disabled: enable it before triggering its workflows.` }, 409, cors);
    }
    const runRecord = store.recordRun(found.instance, found.workflow, request.method);
    return json({ run: runRecord }, 200, cors);
  }

  async function fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname;
    if (path === '/graphql') return graphql(request);
    const dialogMatch = DIALOG_PATH.exec(path);
    if (dialogMatch) return dialog(request, url, dialogMatch);
    const wizardMatch = WIZARD_PATH.exec(path);
    if (wizardMatch) return serveWizard(request, url, wizardMatch, { store, embeddedIdProblem });
    const triggerMatch = TRIGGER_PATH.exec(path);
    if (triggerMatch) return trigger(request, decodeURIComponent(triggerMatch[1] as string));
    if (path === '/runs' && request.method === 'GET') {
      const id = url.searchParams.get('solutionInstanceId');
      const workflowId = url.searchParams.get('workflowId');
      const runs = store.runs.filter((r) => (id === null || r.solutionInstanceId === id) && (workflowId === null || r.workflowInstanceId === workflowId));
      return json({ runs }, 200, { 'access-control-allow-origin': '*' });
    }
    return json({ error: `Not found: ${request.method} ${path}` }, 404);
  }

  const userIdFor = (externalUserId: string, name?: string) => {
    for (const u of store.users.values()) if (u.externalUserId === externalUserId) return u.id;
    return store.createUser(name ?? externalUserId, externalUserId).id;
  };

  return {
    masterToken,
    embeddedId,
    dialogOrigin: options.dialogOrigin,
    apiOrigin: options.apiOrigin,
    fetch,
    reset() {
      store = new Store(fixture, now, options.acceptDuplicateUsers ?? false);
      log = [];
      faultQueue = [];
      buckets = new Map();
      for (const release of [...held]) release();
      latencyMs = options.latencyMs ?? 0;
      dropAuthFinish = options.dropAuthFinish ?? false;
    },
    get requests() {
      return log.map((e) => ({ ...e, rootFields: [...e.rootFields] }));
    },
    faults: {
      failNext(count: number, kind: FaultKind) {
        if (!['http500', 'malformed-json', 'timeout', 'rate-limit'].includes(kind)) {
          throw new Error(`Unknown fault "${kind}": use http500, malformed-json, timeout or rate-limit.`);
        }
        for (let i = 0; i < count; i++) faultQueue.push(kind);
      },
      clear() {
        faultQueue = [];
      },
      get pending() {
        return faultQueue.length;
      },
    },
    setLatency(ms: number) {
      latencyMs = Math.max(0, ms);
    },
    setDropAuthFinish(on: boolean) {
      dropAuthFinish = on;
    },
    ensureUser: userIdFor,
    userToken(externalUserId = 'test-user') {
      return store.issueToken(userIdFor(externalUserId));
    },
    authCode(externalUserId = 'test-user') {
      return store.issueCode(userIdFor(externalUserId));
    },
    get store() {
      return store;
    },
  };
}
