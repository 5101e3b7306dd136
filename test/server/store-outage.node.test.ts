// Redis killed (SIGKILL) for 8 s and started again, under steady load on
// three host processes (bench/fleet-worker.ts, set up as docs/server.md
// recommends): no process goes down, the endpoints that need the store
// answer at once with 503 store-unavailable, the GraphQL proxy keeps
// serving, Tray sees no master-token call while the shared budget is away,
// and each process serves again on its own once Redis is back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFleetRig, type FleetRig } from '../../bench/fleet.ts';
import { DOCUMENTS } from '../../src/services/documents.ts';

const OUTAGE_MS = 8000;
/** The bounds the outage must keep: an answer within 3 s, service back within 3 s of Redis. */
const ANSWER_WITHIN_MS = 3000;
const BACK_WITHIN_MS = 3000;
const LOOPS = 6;
const catalogue = JSON.stringify({ query: DOCUMENTS.Marketplace, variables: { first: 20 }, operationName: 'Marketplace' });

interface Outcome {
  path: '/session' | '/graphql';
  process: number;
  startedAt: number;
  endedAt: number;
  /** 0: no answer at all (connection failed or the client gave up after 15 s). */
  status: number;
  code?: string;
  retryAfter: string | null;
}

let rig: FleetRig;
before(async () => {
  rig = await startFleetRig({ prefix: 'outage:' });
});
after(() => rig?.stop());

async function call(process: number, path: Outcome['path'], user: string, token: string | undefined): Promise<Outcome & { token?: string }> {
  const startedAt = Date.now();
  const headers: Record<string, string> = { 'x-fleet-user': user, 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    const response = await fetch(`${rig.fleet.origins[process]}/api/tray${path}`, {
      method: 'POST',
      headers,
      body: path === '/graphql' ? catalogue : '{}',
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json()) as { token?: string; error?: { code?: string } };
    return { path, process, startedAt, endedAt: Date.now(), status: response.status, code: body.error?.code, retryAfter: response.headers.get('retry-after'), token: body.token };
  } catch {
    return { path, process, startedAt, endedAt: Date.now(), status: 0, retryAfter: null };
  }
}

test('Redis killed for 8 s under load: every process stays up, answers at once, and serves again when Redis is back', async () => {
  const outcomes: Outcome[] = [];
  let running = true;
  // Each loop is one signed-in user on one process, reloading the page: /session, then the catalogue with its token.
  const loops = Array.from({ length: LOOPS }, async (_, i) => {
    const process = i % 3;
    const user = `outage-user-${i}`;
    let token: string | undefined;
    while (running) {
      const session = await call(process, '/session', user, undefined);
      outcomes.push(session);
      if (session.token) token = session.token;
      if (token) outcomes.push(await call(process, '/graphql', user, token));
      await sleep(100);
    }
  });

  let killedAt: number;
  let restartedAt: number;
  let backAt: number;
  try {
    // Every loop served once before the outage (the workers' first requests also load their code).
    for (let waited = 0; outcomes.filter((o) => o.path === '/graphql' && o.status === 200).length < LOOPS * 2 && waited < 30_000; waited += 100) await sleep(100);
    assert.ok(outcomes.filter((o) => o.path === '/graphql' && o.status === 200).length >= LOOPS * 2, `the load is served before the outage: ${JSON.stringify(outcomes.slice(0, 4))}`);
    killedAt = Date.now();
    await rig.redis.kill();
    await sleep(OUTAGE_MS);
    restartedAt = Date.now();
    await rig.redis.restart();
    backAt = Date.now();
    await sleep(BACK_WITHIN_MS + 1000);
  } finally {
    running = false;
    await Promise.all(loops);
  }

  assert.deepEqual(rig.fleet.alive(), [true, true, true], 'no process went down');

  const during = outcomes.filter((o) => o.startedAt >= killedAt && o.startedAt < restartedAt);
  const answeredInTime = during.filter((o) => o.status !== 0 && o.status !== 500 && o.endedAt - o.startedAt <= ANSWER_WITHIN_MS);
  const share = answeredInTime.length / during.length;
  console.log(`outage: ${answeredInTime.length} of ${during.length} requests answered within ${ANSWER_WITHIN_MS} ms without a 500 (${(share * 100).toFixed(1)}%)`);
  assert.ok(during.length >= 30, `enough requests during the outage to judge (${during.length})`);
  assert.ok(share >= 0.95, `${(share * 100).toFixed(1)}% answered in time`);
  assert.equal(during.filter((o) => o.status === 500).length, 0, 'no 500');

  const sessionRefusals = during.filter((o) => o.path === '/session' && o.status !== 200);
  assert.ok(sessionRefusals.length > 0, '/session needs the store, so it is refused during the outage');
  for (const refusal of sessionRefusals) {
    assert.equal(refusal.status, 503);
    assert.equal(refusal.code, 'store-unavailable');
    assert.ok(Number(refusal.retryAfter) >= 1, 'told when to come back');
  }
  const proxied = during.filter((o) => o.path === '/graphql');
  assert.ok(proxied.length > 0);
  assert.deepEqual([...new Set(proxied.map((o) => o.status))], [200], 'the GraphQL proxy needs no store and keeps serving');

  // Pacing fails closed: with the shared budget away, no master-token call reaches Tray.
  const masterDuring = rig.tray.masterCalls.map((at) => performance.timeOrigin + at).filter((at) => at >= killedAt + 100 && at < backAt);
  assert.equal(masterDuring.length, 0, 'no master-token call without the shared budget');

  for (let process = 0; process < 3; process++) {
    const firstServed = outcomes.find((o) => o.process === process && o.path === '/session' && o.startedAt >= backAt && o.status === 200);
    assert.ok(firstServed, `process ${process} serves /session again`);
    const backInMs = firstServed.endedAt - backAt;
    console.log(`process ${process}: /session served again ${backInMs} ms after Redis was back`);
    assert.ok(backInMs <= BACK_WITHIN_MS, `process ${process} back within ${BACK_WITHIN_MS} ms (took ${backInMs})`);
  }
});
