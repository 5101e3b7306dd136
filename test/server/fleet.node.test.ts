// Three host processes (bench/fleet-worker.ts, each its own Node process)
// sharing one real redis-server, against the emulator with Tray's own rate
// limit: one master-token budget, one set of Tray user ids, one per-user
// limit for the whole fleet.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { redisStore } from '../../src/server/index.ts';
import { measureFleet, startFleetRig, type FleetRig } from '../../bench/fleet.ts';

describe('a fleet of three processes sharing Redis', () => {
  test('90 new users at once: all signed in with a code from another process, each created in Tray once, no lookup repeated', async () => {
    const result = await measureFleet({ processes: 3, users: 90 });
    assert.equal(result.trayUsersCreated, 90);
    // users, createExternalUser, authorize on one process; the code on the next needs no lookup: the id is in Redis.
    assert.equal(result.trayCallsAccepted, 90 * 4);
    assert.equal(result.trayCallsPerUser, 4);
    assert.deepEqual([result.usersFailed, result.usersErrored], [0, 0]);
  });

  test('one master-token budget for all three: a burst of 3 is 3 calls in all, the rest told when to retry', async () => {
    const prefix = 'budget:';
    // One call every 100 s after a burst of 3, no waiting: what passes is decided by the shared bucket alone.
    const rig = await startFleetRig({ prefix, masterTokenRate: { perSecond: 0.01, burst: 3, maxWaitMs: 0 } });
    const { redis, tray, fleet } = rig;
    try {
      // Six users Tray already knows, their ids saved: each /auth-code is exactly one master-token call.
      const store = redisStore(await redis.client(), { prefix });
      const users = ['b-0', 'b-1', 'b-2', 'b-3', 'b-4', 'b-5'];
      for (const user of users) await store.userIds.set(user, tray.emulator.ensureUser(user));
      const answers = await Promise.all(users.map((user, i) => fetch(`${fleet.origins[i % 3]}/api/tray/auth-code`, { method: 'POST', headers: { 'x-fleet-user': user } })));
      const statuses = answers.map((answer) => answer.status).sort();
      assert.deepEqual(statuses, [200, 200, 200, 429, 429, 429], 'unshared, each process would have let 3 through');
      assert.equal(tray.masterCalls.length, 3);
      for (const answer of answers.filter((a) => a.status === 429)) {
        assert.ok(Number(answer.headers.get('retry-after')) > 60, 'told to come back when the bucket has room');
        assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'busy');
      }
    } finally {
      await rig.stop();
    }
  });

  describe('one user calling /auth-code on every process', () => {
    let rig: FleetRig;
    before(async () => {
      rig = await startFleetRig({ prefix: 'limit:' });
    });
    after(() => rig?.stop());

    test('is held to 20 a minute in all, not 20 per process, while another user is served', async () => {
      const post = (i: number, user: string) => fetch(`${rig.fleet.origins[i % 3]}/api/tray/auth-code`, { method: 'POST', headers: { 'x-fleet-user': user } });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await post(i, 'loop-user')).status);
      assert.deepEqual(statuses.filter((s) => s === 200).length, 20);
      assert.deepEqual(statuses.slice(20), Array(10).fill(429));
      const refused = await post(0, 'loop-user');
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.match(((await refused.json()) as { error: { message: string } }).error.message, /at most 20 in 60 s\); try again in \d+ s/);
      assert.equal((await post(1, 'someone-else')).status, 200);
    });
  });
});
