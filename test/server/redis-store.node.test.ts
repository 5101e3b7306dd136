// The Redis store against a real redis-server: two handlers sharing one
// Redis stand for two host processes (the multi-process runs are in
// fleet.node.test.ts). Nothing about Redis is mocked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryStore, redisStore, type TrayStore } from '../../src/server/index.ts';
import { startEmulator } from '../../emulator/http.ts';
import { DOCUMENTS } from '../../src/services/documents.ts';
import { MASTER_TOKEN, startStack, trayDirect, type Emulator, type Stack } from './support.ts';
import { startRedis, type RunningRedis } from '../../bench/redis-server.ts';

let redis: RunningRedis;
let emulator: Emulator;
before(async () => {
  redis = await startRedis();
  emulator = await startEmulator({ port: 0, dialogPort: 0, masterToken: MASTER_TOKEN });
});
after(async () => {
  await redis.stop();
  await emulator.close();
});

const trayUsersNamed = (externalUserId: string) => [...emulator.emulator.store.users.values()].filter((user) => user.externalUserId === externalUserId);

describe('two processes sharing a Redis store', () => {
  let a: Stack;
  let b: Stack;
  before(async () => {
    const prefix = `shared-${Date.now()}:`;
    a = await startStack({ store: redisStore(await redis.client(), { prefix }) }, emulator);
    b = await startStack({ store: redisStore(await redis.client(), { prefix }) }, emulator);
  });
  after(async () => {
    await a.close();
    await b.close();
  });

  test('a user signed in through one is known to the other: same token, no second lookup or create', async () => {
    const first = await a.post('/session', { user: 'shared-1' });
    assert.equal(first.status, 200);
    const second = await b.post('/session', { user: 'shared-1' });
    assert.equal(second.status, 200);
    assert.equal(second.json.token, first.json.token);
    assert.equal(b.calls.length, 0, 'the second process did not call Tray at all');

    const code = await b.post('/auth-code', { user: 'shared-1' });
    assert.equal(code.status, 200);
    assert.deepEqual(b.calls.map((call) => call.operationName), ['TrayServerAuthCode'], 'only the code was minted: the Tray user id came from Redis');
    assert.equal(trayUsersNamed('shared-1').length, 1);
  });

  test('the same new user signing in on both at once is created in Tray once', async () => {
    const answers = await Promise.all([a.post('/session', { user: 'race-1' }), b.post('/session', { user: 'race-1' })]);
    assert.deepEqual(answers.map((answer) => answer.status), [200, 200]);
    assert.equal(answers[0].json.userId, answers[1].json.userId);
    assert.equal(trayUsersNamed('race-1').length, 1);
  });

  test('a user removed in Tray: the token one process saw refused is dropped for both, and the user made anew once', async () => {
    const { json } = await a.post('/session', { user: 'removed-1' });
    const removed = await trayDirect(emulator, MASTER_TOKEN, 'mutation ($userId: ID!) { removeExternalUser(input: { userId: $userId }) { clientMutationId } }', { userId: json.userId });
    assert.equal(removed.status, 200, removed.text);
    const refused = await b.post('/graphql', {
      user: 'removed-1',
      token: json.token,
      body: { query: DOCUMENTS.Marketplace, variables: { first: 1, withSolutions: true, withInstances: false, withAuthentications: false } },
    });
    assert.equal(refused.status, 401);
    const fresh = await a.post('/session', { user: 'removed-1' });
    assert.equal(fresh.status, 200);
    assert.notEqual(fresh.json.token, json.token, 'process A no longer hands out the refused token');
    assert.notEqual(fresh.json.userId, json.userId);
    assert.equal(trayUsersNamed('removed-1').length, 1);
  });
});

// The same contract for both stores: with Redis, "one" and "two" are two
// clients (two processes); in memory, one process's store.
const kinds: Array<[string, () => Promise<[TrayStore, TrayStore]>]> = [
  [
    'redisStore',
    async () => {
      const prefix = `budget-${Date.now()}:`;
      return [redisStore(await redis.client(), { prefix }), redisStore(await redis.client(), { prefix })];
    },
  ],
  [
    'memoryStore',
    async () => {
      const store = memoryStore();
      return [store, store];
    },
  ],
];

for (const [kind, make] of kinds) describe(`${kind} budgets`, () => {
  let one: TrayStore;
  let two: TrayStore;
  before(async () => {
    [one, two] = await make();
  });

  test('one master-token bucket for every client: a burst of 3 is 3 in all, then a refusal saying when to retry', async () => {
    // A slow refill (one call a minute) so the test does not depend on timing.
    const rule = { perSecond: 1 / 60, burst: 3, maxWaitMs: 0 };
    const turns = [await one.pace('m', rule), await two.pace('m', rule), await one.pace('m', rule)];
    assert.deepEqual(turns, [
      { granted: true, waitMs: 0 },
      { granted: true, waitMs: 0 },
      { granted: true, waitMs: 0 },
    ]);
    const refused = await two.pace('m', rule);
    assert.equal(refused.granted, false);
    assert.ok(!refused.granted && refused.retryAfterMs > 50_000 && refused.retryAfterMs <= 60_000, `retry in about a minute, got ${JSON.stringify(refused)}`);
  });

  test('a call may book a turn ahead, up to the wait bound', async () => {
    const rule = { perSecond: 1 / 60, burst: 1, maxWaitMs: 90_000 };
    assert.deepEqual(await one.pace('ahead', rule), { granted: true, waitMs: 0 });
    const next = await two.pace('ahead', rule);
    assert.ok(next.granted && next.waitMs > 50_000 && next.waitMs <= 60_000, `booked about a minute ahead, got ${JSON.stringify(next)}`);
    const third = await one.pace('ahead', rule);
    assert.equal(third.granted, false, 'two minutes ahead is past the 90 s bound');
  });

  test('calls refused together are told to come back one interval apart, not all at once', async () => {
    const rule = { perSecond: 1, burst: 1, maxWaitMs: 0 };
    assert.equal((await one.pace('crowd', rule)).granted, true);
    const refused = [await two.pace('crowd', rule), await one.pace('crowd', rule), await two.pace('crowd', rule)];
    const after = refused.map((turn) => (turn.granted ? -1 : turn.retryAfterMs));
    assert.ok(after[0]! > 0 && after[0]! <= 1000, `first refusal: about a second, got ${after[0]}`);
    assert.ok(after[1]! - after[0]! >= 900 && after[2]! - after[1]! >= 900, `one interval apart, got ${after.join(', ')}`);
  });

  test('the per-user window counts across clients, and a taken-back event frees its place', async () => {
    const rule = { limit: 2, windowMs: 60_000 };
    const first = await one.count('u', rule);
    const second = await two.count('u', rule);
    assert.ok(first.granted && second.granted);
    const third = await one.count('u', rule);
    assert.ok(!third.granted && third.retryAfterMs > 50_000, `refused for about a minute, got ${JSON.stringify(third)}`);
    await two.uncount('u', second.id);
    assert.equal((await one.count('u', rule)).granted, true);
  });

  test('a saved user id is dropped only if it is still the one Tray refused', async () => {
    await one.userIds.set('x', 'tray-1');
    await two.userIds.delete('x', 'tray-other');
    assert.equal(await one.userIds.get('x'), 'tray-1');
    await two.userIds.delete('x', 'tray-1');
    assert.equal(await one.userIds.get('x'), null);
  });

  test('tokens are kept until their keep-until time and not past it', async () => {
    const token = { token: 't-1', userId: 'u-1', expiresAtMs: Date.now() + 120_000 };
    await one.setToken('kept', token, Date.now() + 60_000);
    assert.deepEqual(await two.getToken('kept'), token);
    await one.setToken('stale', token, Date.now() - 1);
    assert.equal(await two.getToken('stale'), null);
  });
});
