/**
 * The fleet run of `npm run bench`: several host processes
 * (bench/fleet-worker.ts) sharing one Redis, against the emulator with
 * Tray's own rate limit (30 calls a second, bursts to 50). A crowd of new
 * users signs in at once, each then fetching one auth code from another
 * process; every user waits out a busy answer (429 or 503 with
 * `Retry-After`) with the busy-wait policy (src/services/busy-wait.ts):
 * as told, for at most 30 s in all per request; past that the person
 * would see the failure and a Retry. What
 * Tray saw is counted where it arrives, so `maxTrayCallsPerSecond` is the
 * most master-token calls in any one second (sliding), as Tray counts them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createEmulator, DEFAULT_MASTER_TOKEN, type Emulator } from '../emulator/core/index.ts';
import { fetchListener } from '../emulator/http.ts';
import type { PacingRule, UserCreation } from '../src/server/index.ts';
import { BUSY_BOUND_MS, busyFor, whileBusy } from '../src/services/busy-wait.ts';
import { startRedis, type RunningRedis } from './redis-server.ts';

export interface FleetResult {
  processes: number;
  users: number;
  /** How the workers create Tray users (`createTrayHandler`'s `userCreation`). */
  userCreation: UserCreation;
  /** Tray users the run created: one per user, however many processes raced for it. */
  trayUsersCreated: number;
  /** Most master-token calls that reached Tray in any one second. */
  maxTrayCallsPerSecond: number;
  /** Most master-token calls the fleet sent in any one second: its pacing, before network and scheduling delays. */
  maxSentPerSecond: number;
  /** Busy answers (429, or 503 with Retry-After) the users' widgets got and waited out or gave up on. */
  userFacing429: number;
  /**
   * Users whose widget gave up: a request still busy after waiting 30 s in
   * all (BUSY_BOUND_MS), so the person saw the failure and a Retry button.
   */
  usersFailed: number;
  /**
   * Users whose request failed outright (a fetch that threw, an answer
   * neither served nor busy): counted, and the run goes on without them.
   */
  usersErrored: number;
  /** The first few distinct reasons of those failures, to say what went wrong. */
  errors: string[];
  /** Per user who got served, from its first /session request to holding its auth code. */
  p50Ms: number;
  p95Ms: number;
  /** Master-token calls Tray itself refused for its rate limit (0 when the fleet paces them and nothing stalls). */
  trayRateLimited: number;
  /** Master-token calls Tray answered (not refused for its rate limit). */
  trayCallsAccepted: number;
  /**
   * Master-token calls Tray answered per Tray user created: finding or
   * creating the user, `authorize` and one code (the calls of users who gave
   * up on the way count too, so it is an upper bound when any did).
   */
  trayCallsPerUser: number;
}

export interface FleetOptions {
  processes?: number;
  users?: number;
  /** Default `lookup-first`, the handler's own default. */
  userCreation?: UserCreation;
  onProgress?: (line: string) => void;
}

export interface CountingTray {
  graphqlUrl: string;
  emulator: Emulator;
  /** performance.now() of each master-token call as it arrived. */
  masterCalls: number[];
  close(): Promise<void>;
}

/** The emulator's core over HTTP, noting when each master-token call arrives. */
export async function startCountingTray(): Promise<CountingTray> {
  const emulator = createEmulator();
  const masterCalls: number[] = [];
  const server = createServer(
    fetchListener(async (request) => {
      if (request.headers.get('authorization') === `Bearer ${DEFAULT_MASTER_TOKEN}`) masterCalls.push(performance.now());
      return emulator.fetch(request);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    graphqlUrl: `http://localhost:${port}/graphql`,
    emulator,
    masterCalls,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface Fleet {
  /** One origin per process. */
  origins: string[];
  /** When each process sent each call to Tray (epoch ms, one clock: the same machine). */
  sentTimes(): Promise<number[]>;
  /** Per process: still running (not exited, not killed by a signal). */
  alive(): boolean[];
  stop(): Promise<void>;
}

/** Sends an IPC message and resolves with the child's answer. */
function ask<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (answer) => resolve(answer as T));
    child.send(message);
  });
}

/** A bench/ script as a child process (with IPC), resolved once it prints its first JSON line. */
function startChild<T>(script: string, env: Record<string, string>): { child: ChildProcess; ready: Promise<T> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // The workers log every refusal; keep only the tail, for a child that fails to start.
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
  const ready = new Promise<T>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!) as T);
    });
    child.once('exit', (code) => reject(new Error(`bench/${script} exited (${code}) before it was ready:\n${errors}`)));
  });
  return { child, ready };
}

function stopChildren(children: ChildProcess[]): Promise<void> {
  return Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  ).then(() => undefined);
}

/** Starts `processes` host processes sharing the Redis at `redisUrl`. */
export async function startFleet(options: {
  processes: number;
  redisUrl: string;
  endpoint: string;
  masterToken: string;
  prefix: string;
  masterTokenRate?: Partial<PacingRule>;
  userCreation?: UserCreation;
}): Promise<Fleet> {
  const started = Array.from({ length: options.processes }, () =>
    startChild<{ port: number }>('fleet-worker.ts', {
      FLEET_REDIS_URL: options.redisUrl,
      FLEET_TRAY_ENDPOINT: options.endpoint,
      FLEET_MASTER_TOKEN: options.masterToken,
      FLEET_REDIS_PREFIX: options.prefix,
      ...(options.masterTokenRate ? { FLEET_MASTER_TOKEN_RATE: JSON.stringify(options.masterTokenRate) } : {}),
      ...(options.userCreation ? { FLEET_USER_CREATION: options.userCreation } : {}),
    }),
  );
  const stop = () => stopChildren(started.map((s) => s.child));
  try {
    const ports = await Promise.all(started.map((s) => s.ready));
    const sentTimes = async () => (await Promise.all(started.map((s) => ask<number[]>(s.child, 'sent')))).flat();
    const alive = () => started.map(({ child }) => child.exitCode === null && child.signalCode === null);
    return { origins: ports.map(({ port }) => `http://127.0.0.1:${port}`), sentTimes, alive, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Three host processes, their own redis-server and the counting Tray in this process: what the server tests drive, stopped as one. */
export interface FleetRig {
  redis: RunningRedis;
  tray: CountingTray;
  fleet: Fleet;
  stop(): Promise<void>;
}

export async function startFleetRig(options: { prefix: string; masterTokenRate?: Partial<PacingRule> }): Promise<FleetRig> {
  const redis = await startRedis();
  let tray: CountingTray | undefined;
  try {
    tray = await startCountingTray();
    const fleet = await startFleet({ processes: 3, redisUrl: redis.url, endpoint: tray.graphqlUrl, masterToken: DEFAULT_MASTER_TOKEN, ...options });
    const running = tray;
    return {
      redis,
      tray,
      fleet,
      stop: async () => {
        await fleet.stop();
        await running.close();
        await redis.stop();
      },
    };
  } catch (error) {
    await tray?.close();
    await redis.stop();
    throw error;
  }
}

type TrayReport = Pick<FleetResult, 'trayUsersCreated' | 'maxTrayCallsPerSecond' | 'trayRateLimited' | 'trayCallsAccepted'>;

/** bench/fleet-tray.ts in its own process. */
async function startTrayProcess(): Promise<{ graphqlUrl: string; report(): Promise<TrayReport>; stop(): Promise<void> }> {
  const { child, ready } = startChild<{ graphqlUrl: string }>('fleet-tray.ts', {});
  const { graphqlUrl } = await ready.catch(async (error: unknown) => {
    await stopChildren([child]);
    throw error;
  });
  return {
    graphqlUrl,
    report: () => ask<TrayReport>(child, 'report'),
    stop: () => stopChildren([child]),
  };
}

/** The most timestamps (ms, ascending) that fall within any one-second window. */
export function maxPerSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= 1000) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** A busy answer: what `whileBusy` waits out. */
class BusyAnswer extends Error {
  constructor(
    readonly retryAfter: number,
    what: string,
  ) {
    super(`${what}: still busy after ${BUSY_BOUND_MS / 1000} s of waiting`);
  }
}

/** One user's POST, with busy answers waited out by the policy; throws a BusyAnswer once it gives up. */
async function postAsTheWidget(origin: string, path: string, user: string, onBusy: () => void): Promise<Record<string, unknown>> {
  return whileBusy(async () => {
    const response = await fetch(`${origin}/api/tray${path}`, { method: 'POST', headers: { 'x-fleet-user': user } });
    const text = await response.text();
    if (response.status === 200) return JSON.parse(text) as Record<string, unknown>;
    const wait = busyFor(response);
    if (wait === undefined) throw new Error(`${path} for ${user}: HTTP ${response.status} ${text}`);
    onBusy();
    throw new BusyAnswer(wait, `${path} for ${user}`);
  });
}

/** How a crowd of users fared: who was served (and how long it took), who gave up, whose request failed. */
export interface CrowdOutcome {
  durations: number[];
  gaveUp: number;
  errored: number;
  errors: string[];
}

/** Reasons kept of the failures, distinct: enough to say what went wrong, not a log. */
const REASONS_KEPT = 5;

/**
 * Runs every user's journey at once. A journey that throws a BusyAnswer is a
 * person who gave up (the widget showed the failure and a Retry); any other
 * throw (under load, a fetch can fail on a reset connection) is counted with
 * its reason: one failed request is one user not served, never the end of
 * the run.
 */
export async function runCrowd(users: number, journey: (i: number) => Promise<void>, onDone: (done: number) => void = () => undefined): Promise<CrowdOutcome> {
  const outcome: CrowdOutcome = { durations: [], gaveUp: 0, errored: 0, errors: [] };
  let done = 0;
  await Promise.all(
    Array.from({ length: users }, async (_, i) => {
      const started = performance.now();
      try {
        await journey(i);
        outcome.durations.push(performance.now() - started);
      } catch (error) {
        if (error instanceof BusyAnswer) outcome.gaveUp++;
        else {
          outcome.errored++;
          const reason = describeFailure(error);
          if (outcome.errors.length < REASONS_KEPT && !outcome.errors.includes(reason)) outcome.errors.push(reason);
        }
      } finally {
        onDone(++done);
      }
    }),
  );
  return outcome;
}

/** An error and its cause (undici's "fetch failed" names the socket error only there). */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${(error.cause as Error & { code?: string }).code ?? error.cause.message}` : '';
  return `${error.message}${cause}`;
}

export async function measureFleet(options: FleetOptions = {}): Promise<FleetResult> {
  const processes = options.processes ?? 3;
  const users = options.users ?? 500;
  const userCreation = options.userCreation ?? 'lookup-first';
  const say = options.onProgress ?? (() => undefined);
  const redis = await startRedis();
  let tray: Awaited<ReturnType<typeof startTrayProcess>> | undefined;
  let fleet: Fleet | undefined;
  try {
    tray = await startTrayProcess();
    fleet = await startFleet({ processes, redisUrl: redis.url, endpoint: tray.graphqlUrl, masterToken: DEFAULT_MASTER_TOKEN, prefix: `fleet-${Date.now()}:`, userCreation });
    const { origins } = fleet;
    say(`${processes} processes up (${userCreation}); ${users} users signing in at once`);
    let userFacing429 = 0;
    const crowd = await runCrowd(
      users,
      async (i) => {
        const user = `fleet-user-${i}`;
        const session = await postAsTheWidget(origins[i % processes]!, '/session', user, () => userFacing429++);
        if (typeof session.token !== 'string') throw new Error(`/session for ${user} answered without a token`);
        const code = await postAsTheWidget(origins[(i + 1) % processes]!, '/auth-code', user, () => userFacing429++);
        if (typeof code.code !== 'string') throw new Error(`/auth-code for ${user} answered without a code`);
      },
      (done) => done % 100 === 0 && say(`${done} of ${users} users served, given up or failed`),
    );
    const durations = crowd.durations;
    const seen = await tray.report();
    const maxSentPerSecond = maxPerSecond(await fleet.sentTimes());
    return {
      processes,
      users,
      userCreation,
      trayUsersCreated: seen.trayUsersCreated,
      maxTrayCallsPerSecond: seen.maxTrayCallsPerSecond,
      maxSentPerSecond,
      userFacing429,
      usersFailed: crowd.gaveUp,
      usersErrored: crowd.errored,
      errors: crowd.errors,
      p50Ms: Math.round(percentile(durations, 50)),
      p95Ms: Math.round(percentile(durations, 95)),
      trayRateLimited: seen.trayRateLimited,
      trayCallsAccepted: seen.trayCallsAccepted,
      trayCallsPerUser: seen.trayUsersCreated ? Math.round((seen.trayCallsAccepted / seen.trayUsersCreated) * 100) / 100 : 0,
    };
  } finally {
    await fleet?.stop();
    await tray?.stop();
    await redis.stop();
  }
}
