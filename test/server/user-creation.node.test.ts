// `userCreation`: how a first sign-in finds or makes the user's Tray user.
// Lookup-first (the default) asks Tray for the user and creates them only if
// Tray has none; create-first creates and looks up only when Tray answers
// `user_already_exists`. Counted here as the master-token calls that reach
// the emulator, for a new user and for a user Tray already has; and raced
// from several handlers on one Redis, against a Tray that refuses
// duplicates and one that accepts them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createEmulator, DEFAULT_MASTER_TOKEN, type Emulator } from '../../emulator/core/index.ts';
import { startRedis, type RunningRedis } from '../../bench/redis-server.ts';
import { createTrayHandler, memoryStore, redisStore, type TrayServerEvent, type TrayStore, type UserCreation } from '../../src/server/index.ts';
import { headerUser } from './support.ts';

const RACES = 20;
const HANDLERS = 3;

let redis: RunningRedis;
before(async () => {
  redis = await startRedis();
});
after(() => redis.stop());

interface Host {
  signIn(user: string): Promise<{ userId: string }>;
  /** The master-token operations this host sent to Tray, in order. */
  calls: string[];
  events: TrayServerEvent[];
}

function host(tray: Emulator, store: TrayStore, userCreation?: UserCreation): Host {
  const calls: string[] = [];
  const events: TrayServerEvent[] = [];
  const handler = createTrayHandler({
    masterToken: DEFAULT_MASTER_TOKEN,
    endpoint: 'http://tray.test/graphql',
    fetch: (input, init) => {
      const body = JSON.parse(String(init?.body)) as { query: string };
      calls.push(/\{\s*(\w+)/.exec(body.query.replace(/^[^{]*/, ''))?.[1] ?? '?');
      return tray.fetch(new Request(input, init));
    },
    store,
    getUser: headerUser,
    masterTokenRate: { perSecond: 1000, burst: 1000 },
    userRateLimit: false,
    log: () => undefined,
    onEvent: (event) => events.push(event),
    ...(userCreation ? { userCreation } : {}),
  });
  return {
    calls,
    events,
    async signIn(user) {
      const response = await handler(new Request('http://host.test/api/tray/session', { method: 'POST', headers: { 'x-test-user': user } }));
      assert.equal(response.status, 200, await response.clone().text());
      return (await response.json()) as { userId: string };
    },
  };
}

const trayUsers = (tray: Emulator, externalUserId: string) => [...tray.store.users.values()].filter((user) => user.externalUserId === externalUserId);

describe('master-token calls for one sign-in', () => {
  test('a new user: lookup-first looks up, creates, authorizes; create-first creates and authorizes', async () => {
    const tray = createEmulator({ rateLimit: false });
    const lookupFirst = host(tray, memoryStore());
    const createFirst = host(tray, memoryStore(), 'create-first');
    await lookupFirst.signIn('new-a');
    await createFirst.signIn('new-b');
    assert.deepEqual(lookupFirst.calls, ['users', 'createExternalUser', 'authorize']);
    assert.deepEqual(createFirst.calls, ['createExternalUser', 'authorize']);
    for (const [h, user] of [[lookupFirst, 'new-a'], [createFirst, 'new-b']] as const) {
      assert.equal(trayUsers(tray, user).length, 1);
      assert.deepEqual(
        h.events.filter((event) => event.type === 'user-created').map((event) => event.externalUserId),
        [user],
      );
    }
  });

  test('a user Tray already has, whose id the store does not know: create-first is refused, then looks up', async () => {
    const tray = createEmulator({ rateLimit: false });
    const existing = tray.store.createUser('Known', 'known').id;
    const lookupFirst = host(tray, memoryStore());
    const createFirst = host(tray, memoryStore(), 'create-first');
    assert.equal((await lookupFirst.signIn('known')).userId, existing);
    assert.equal((await createFirst.signIn('known')).userId, existing);
    assert.deepEqual(lookupFirst.calls, ['users', 'authorize']);
    assert.deepEqual(createFirst.calls, ['createExternalUser', 'users', 'authorize']);
    assert.equal(trayUsers(tray, 'known').length, 1, 'no second Tray user');
    assert.equal(createFirst.events.filter((event) => event.type === 'user-created').length, 0, 'nobody was created');
  });

  test('a saved id costs neither mode a lookup or a create', async () => {
    const tray = createEmulator({ rateLimit: false });
    for (const userCreation of ['lookup-first', 'create-first'] as const) {
      const store = memoryStore();
      const h = host(tray, store, userCreation);
      const { token } = (await h.signIn(`saved-${userCreation}`)) as { userId: string; token: string };
      // The token dropped (refused by Tray, say), the id kept: only a new token is asked for.
      await store.deleteToken(`saved-${userCreation}`, token);
      h.calls.length = 0;
      await h.signIn(`saved-${userCreation}`);
      assert.deepEqual(h.calls, ['authorize'], userCreation);
    }
  });

  test('any other value is a configuration error', () => {
    assert.throws(
      () => createTrayHandler({ masterToken: DEFAULT_MASTER_TOKEN, getUser: () => null, userCreation: 'create' as UserCreation }),
      /userCreation must be "lookup-first" or "create-first", not "create"/,
    );
  });
});

/** `HANDLERS` hosts on one Redis prefix, each with its own client, signing in each new user at the same moment. */
async function race(tray: Emulator, userCreation: UserCreation, prefix: string): Promise<Host[]> {
  const hosts = await Promise.all(
    Array.from({ length: HANDLERS }, async () => host(tray, redisStore(await redis.client(), { prefix }), userCreation)),
  );
  for (let i = 0; i < RACES; i++) {
    const user = `${prefix}user-${i}`;
    const answers = await Promise.all(hosts.map((h) => h.signIn(user)));
    const created = trayUsers(tray, user);
    assert.equal(created.length, 1, `${user} created once in Tray`);
    for (const answer of answers) assert.equal(answer.userId, created[0]!.id, 'every process hands out tokens for the one Tray user');
  }
  return hosts;
}

describe(`${HANDLERS} handlers on one Redis signing in the same new users at once`, () => {
  for (const userCreation of ['lookup-first', 'create-first'] as const) {
    test(`${userCreation}, against a Tray that refuses duplicates: one Tray user each`, async () => {
      await race(createEmulator({ rateLimit: false }), userCreation, `race-${userCreation}-strict:`);
    });

    test(`${userCreation}, against a Tray that accepts duplicates: still one each, the store's lock has one handler create`, async () => {
      const hosts = await race(createEmulator({ rateLimit: false, acceptDuplicateUsers: true }), userCreation, `race-${userCreation}-lax:`);
      const creates = hosts.flatMap((h) => h.calls).filter((call) => call === 'createExternalUser').length;
      assert.equal(creates, RACES, 'one create per user, across all handlers');
    });
  }

  test('create-first saves one master-token call per new user across the fleet', async () => {
    const counts: Record<UserCreation, number> = { 'lookup-first': 0, 'create-first': 0 };
    for (const userCreation of ['lookup-first', 'create-first'] as const) {
      const hosts = await race(createEmulator({ rateLimit: false }), userCreation, `count-${userCreation}:`);
      counts[userCreation] = hosts.flatMap((h) => h.calls).filter((call) => call !== 'authorize').length;
    }
    assert.deepEqual(counts, { 'lookup-first': 2 * RACES, 'create-first': RACES });
  });
});

test('what the lock cannot cover: a store that lost the id, against a Tray that accepts duplicates', async () => {
  // Lookup-first finds the user Tray has; create-first makes a second one. Real Tray
  // refuses duplicates (`user_already_exists`), which create-first relies on here.
  const tray = createEmulator({ rateLimit: false, acceptDuplicateUsers: true });
  await host(tray, memoryStore(), 'lookup-first').signIn('forgotten-a');
  await host(tray, memoryStore(), 'lookup-first').signIn('forgotten-a');
  assert.equal(trayUsers(tray, 'forgotten-a').length, 1);
  await host(tray, memoryStore(), 'create-first').signIn('forgotten-b');
  await host(tray, memoryStore(), 'create-first').signIn('forgotten-b');
  assert.equal(trayUsers(tray, 'forgotten-b').length, 2);
});
