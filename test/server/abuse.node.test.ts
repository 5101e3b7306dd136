// The measurements, repeated against the HTTP emulator (which
// enforces Tray's own limit: 30 master-token calls a second, bursts to 50):
// one user hammering /auth-code, and a crowd of new users signing in at
// once. Every other user must still be served, and Tray must never have to
// refuse a master-token call.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startStack, type Stack } from './support.ts';

type Answer = Awaited<ReturnType<Stack['post']>>;

/** Master-token calls Tray refused for its rate limit: none, when the server paces them. */
const trayRefusals = (stack: Stack) => stack.emulator.emulator.requests.filter((entry) => entry.outcome === 'rate-limited').length;

function assertRetryAfter(answer: Answer): number {
  assert.equal(answer.status, 429, answer.text);
  const seconds = Number(answer.headers.get('retry-after'));
  assert.ok(Number.isInteger(seconds) && seconds >= 1, `Retry-After is whole seconds, got ${answer.headers.get('retry-after')}`);
  assert.match(answer.json.error.message, /try again in \d+ s/);
  return seconds;
}

describe('one user looping POST /auth-code, 10 requests in parallel', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  test('is held to 20 a minute with 429 + Retry-After, while every other user is served', async () => {
    const others = ['other-1', 'other-2', 'other-3', 'other-4', 'other-5'];
    for (const user of others) assert.equal((await stack.post('/session', { user })).status, 200);

    const abuse: Answer[] = [];
    let stop = false;
    const loops = Array.from({ length: 10 }, async () => {
      while (!stop) abuse.push(await stack.post('/auth-code', { user: 'abuser' }));
    });
    const refused = () => abuse.filter((answer) => answer.status === 429).length;
    // The others arrive while the abuse is in full swing …
    while (refused() < 50) await sleep(5);
    const during = await Promise.all([
      ...others.map((user) => stack.post('/auth-code', { user })),
      ...['newcomer-1', 'newcomer-2', 'newcomer-3'].map((user) => stack.post('/session', { user })),
    ]);
    // … and it goes on after them.
    const until = abuse.length + 100;
    while (abuse.length < until) await sleep(5);
    stop = true;
    await Promise.all(loops);

    assert.deepEqual(during.map((answer) => answer.status), [200, 200, 200, 200, 200, 200, 200, 200]);
    assert.ok(during.slice(0, 5).every((answer) => typeof answer.json.code === 'string'));
    assert.ok(during.slice(5).every((answer) => typeof answer.json.token === 'string'));

    const served = abuse.filter((answer) => answer.status === 200);
    assert.equal(served.length, 20, 'the abuser got its 20 codes for the minute');
    for (const answer of abuse.filter((a) => a.status !== 200)) {
      assertRetryAfter(answer);
      assert.equal(answer.json.error.code, 'too-many-requests');
    }
    const codesMinted = stack.calls.filter((call) => call.operationName === 'TrayServerAuthCode').length;
    assert.equal(codesMinted, 20 + others.length, 'refused requests never reached Tray');
    assert.equal(trayRefusals(stack), 0);
  });

  test('Tray\'s own rate-limit answer reaches the browser as 429 with Retry-After, not a bare error', async () => {
    stack.emulator.emulator.faults.failNext(1, 'rate-limit');
    const answer = await stack.post('/auth-code', { user: 'other-1' });
    assertRetryAfter(answer);
    assert.equal(answer.json.error.code, 'rate-limited');
  });
});

describe('200 new users signing in at once', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  test('all are signed in, each created in Tray once; whoever must wait is told when to retry', async () => {
    const users = Array.from({ length: 200 }, (_, i) => `crowd-${i}`);
    const refusals: Answer[] = [];
    const tokens = await Promise.all(
      users.map(async (user) => {
        for (;;) {
          const answer = await stack.post('/session', { user });
          if (answer.status === 200) return answer.json.token as string;
          refusals.push(answer);
          await sleep(assertRetryAfter(answer) * 1000);
        }
      }),
    );
    assert.equal(new Set(tokens).size, 200, 'each user has a token of their own');
    const trayUsers = [...stack.emulator.emulator.store.users.values()].filter((user) => user.externalUserId.startsWith('crowd-'));
    assert.equal(trayUsers.length, 200, 'each user was created in Tray once');
    // Refused by the server's own pacing; Tray's refusals are not asserted here: a host process stalled
    // for seconds on a loaded machine sends its queued calls at once, as a real network can.
    for (const answer of refusals) assert.ok(['busy', 'rate-limited'].includes(answer.json.error.code), answer.text);
  });
});
