// Two host processes (two handlers, each with its own Redis connection and
// its own in-process sharing) sign in the same new user at the same moment,
// against a Tray that accepts duplicate users: the store's lock still has
// the user created once, and both hand out tokens for that one user.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createEmulator, DEFAULT_MASTER_TOKEN, type Emulator } from '../../emulator/core/index.ts';
import { startRedis, type RunningRedis } from '../../bench/redis-server.ts';
import { createTrayHandler, memoryStore, redisStore, type TrayStore } from '../../src/server/index.ts';
import { headerUser } from './support.ts';

const RACES = 30;

let redis: RunningRedis;
before(async () => {
  redis = await startRedis();
});
after(() => redis.stop());

/** The emulator as Tray, but creating a second user for an id that already has one. */
function duplicateAcceptingTray(): Emulator {
  return createEmulator({ acceptDuplicateUsers: true, rateLimit: false });
}

function host(tray: Emulator, store: TrayStore) {
  const handler = createTrayHandler({
    masterToken: DEFAULT_MASTER_TOKEN,
    endpoint: 'http://tray.test/graphql',
    fetch: (input, init) => tray.fetch(new Request(input, init)),
    store,
    getUser: headerUser,
    masterTokenRate: { perSecond: 1000, burst: 1000 },
    userRateLimit: false,
    log: () => undefined,
  });
  return async (user: string) => {
    const response = await handler(new Request('http://host.test/api/tray/session', { method: 'POST', headers: { 'x-test-user': user } }));
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as { userId: string };
  };
}

async function race(tray: Emulator, stores: [TrayStore, TrayStore], prefix: string) {
  const [first, second] = stores.map((store) => host(tray, store));
  for (let i = 0; i < RACES; i++) {
    const user = `${prefix}-${i}`;
    const [a, b] = await Promise.all([first!(user), second!(user)]);
    const created = [...tray.store.users.values()].filter((u) => u.externalUserId === user);
    assert.equal(created.length, 1, `${user} created once in Tray`);
    assert.equal(a.userId, created[0]!.id);
    assert.equal(b.userId, created[0]!.id, 'both processes hand out tokens for the same Tray user');
  }
}

test('the emulator option does accept a duplicate (so the test below can fail)', () => {
  const tray = duplicateAcceptingTray();
  tray.store.createUser('A', 'twice');
  tray.store.createUser('A', 'twice');
  assert.equal([...tray.store.users.values()].filter((u) => u.externalUserId === 'twice').length, 2);
});

test('two processes sharing Redis: each new user is created once, whatever Tray accepts', async () => {
  const tray = duplicateAcceptingTray();
  await race(tray, [redisStore(await redis.client(), { prefix: 'once-a:' }), redisStore(await redis.client(), { prefix: 'once-a:' })], 'redis-user');
});

test('two handlers sharing one memory store: the same, with the memory store\'s lock', async () => {
  const tray = duplicateAcceptingTray();
  const shared = memoryStore();
  await race(tray, [shared, shared], 'memory-user');
});

test('without the lock (a store that has none), the race does create duplicates: the lock is what prevents them', async () => {
  const tray = duplicateAcceptingTray();
  const { lock: _lock, unlock: _unlock, ...noLock } = memoryStore();
  const [first, second] = [host(tray, noLock), host(tray, noLock)];
  let duplicated = 0;
  for (let i = 0; i < RACES; i++) {
    const user = `nolock-user-${i}`;
    await Promise.all([first(user), second(user)]);
    if ([...tray.store.users.values()].filter((u) => u.externalUserId === user).length > 1) duplicated++;
  }
  assert.ok(duplicated > 0, 'the two handlers really do race');
});
