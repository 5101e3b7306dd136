/**
 * `createTrayHandler({ onEvent })`: one plain object per event, over real
 * HTTP against the emulator. A full journey (sign-in, code, marketplace,
 * connect, enable, disable, remove, refusals, limits, Tray's faults) yields
 * every event type; none holds a token or a code; a throwing hook changes
 * no answer.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/http.ts';
import type { TrayServerEvent } from '../../src/server/index.ts';
import { DOCUMENTS } from '../../src/services/documents.ts';
import { MASTER_TOKEN, rawPost, startStack, type Emulator, type Stack } from './support.ts';

const SLACK_ALERTS = '3f6c1d0e-8a41-4c55-9d2b-1a0b9e7c5a01';

const MARKETPLACE_VARIABLES = { withSolutions: true, withInstances: true, withAuthentications: false };
const gql = (name: keyof typeof DOCUMENTS, variables: Record<string, unknown> = {}) => ({ query: DOCUMENTS[name], variables, operationName: name });

let emulator: Emulator;
before(async () => {
  // No 2-second wait before enabling: the journey enables at once.
  emulator = await startEmulator({ port: 0, dialogPort: 0, masterToken: MASTER_TOKEN, enableDelayMs: 0 });
});
after(() => emulator.close());

/** Everything a user and an attacker do in one stack, returning the secrets handed out on the way. */
async function journey(stack: Stack): Promise<{ secrets: string[]; instanceId: string; accountId: string }> {
  const secrets = [MASTER_TOKEN];
  const session = await stack.post('/session', { user: 'alice' });
  assert.equal(session.status, 200, session.text);
  const token = session.json.token as string;
  secrets.push(token);
  const code = await stack.post('/auth-code', { user: 'alice' });
  assert.equal(code.status, 200, code.text);
  secrets.push(code.json.code);

  assert.equal((await stack.post('/graphql', { user: 'alice', token, body: gql('Marketplace', MARKETPLACE_VARIABLES) })).status, 200);
  const created = await stack.post('/graphql', { user: 'alice', token, body: gql('CreateInstance', { solutionId: SLACK_ALERTS, instanceName: 'Slack alerts' }) });
  const instanceId = created.json.data.createSolutionInstance.solutionInstance.id as string;
  for (const enabled of [true, false]) {
    const updated = await stack.post('/graphql', { user: 'alice', token, body: gql('UpdateInstance', { solutionInstanceId: instanceId, enabled }) });
    assert.equal(updated.json.data.updateSolutionInstance.solutionInstance.enabled, enabled, updated.text);
  }
  // Only auth values: no enabled change, so no enable or disable event.
  await stack.post('/graphql', { user: 'alice', token, body: gql('UpdateInstance', { solutionInstanceId: instanceId, authValues: [] }) });
  const removed = await stack.post('/graphql', { user: 'alice', token, body: gql('RemoveInstance', { solutionInstanceId: instanceId }) });
  assert.equal(removed.status, 200, removed.text);
  // Removing it again: Tray refuses, so nothing was removed and no event says so.
  await stack.post('/graphql', { user: 'alice', token, body: gql('RemoveInstance', { solutionInstanceId: instanceId }) });

  // An account she connected, removed from the marketplace's accounts view; removing it again is refused by Tray.
  const tray = stack.emulator.emulator.store;
  const service = [...tray.authentications.values()][0]!.service;
  const accountId = tray.createAuthentication(session.json.userId as string, 'Alice on Slack', service).id;
  const unlinked = await stack.post('/graphql', { user: 'alice', token, body: gql('RemoveAuthentication', { authenticationId: accountId }) });
  assert.equal(unlinked.status, 200, unlinked.text);
  assert.equal(tray.authentications.has(accountId), false);
  await stack.post('/graphql', { user: 'alice', token, body: gql('RemoveAuthentication', { authenticationId: accountId }) });

  // Refusals.
  await rawPost(stack.origin, '/api/tray/session', { 'x-test-user': 'alice', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
  await stack.post('/graphql', { user: 'alice', token, body: { query: '{ users { edges { node { id } } } }' } });
  await stack.post('/graphql', { user: 'alice', token: MASTER_TOKEN, body: gql('Marketplace', MARKETPLACE_VARIABLES) });
  // Tray failing: a server error on a master-token call, its rate limit on one and on a forwarded call.
  stack.emulator.emulator.faults.failNext(1, 'http500');
  assert.equal((await stack.post('/auth-code', { user: 'alice' })).status, 502);
  stack.emulator.emulator.faults.failNext(1, 'rate-limit');
  assert.equal((await stack.post('/auth-code', { user: 'alice' })).status, 429);
  stack.emulator.emulator.faults.failNext(1, 'rate-limit');
  await stack.post('/graphql', { user: 'alice', token, body: gql('Marketplace', MARKETPLACE_VARIABLES) });
  // A second user's sign-in while the budget is tight: calls wait their turn.
  const bob = await stack.post('/session', { user: 'bob' });
  secrets.push(bob.json.token);
  // Alice over her own limit.
  for (let i = 0; i < 6; i++) {
    const more = await stack.post('/auth-code', { user: 'alice' });
    if (more.status === 200) secrets.push(more.json.code);
  }
  return { secrets, instanceId, accountId };
}

describe('onEvent', () => {
  let stack: Stack;
  const events: TrayServerEvent[] = [];
  let secrets: string[];
  let instanceId: string;
  let accountId: string;

  before(async () => {
    stack = await startStack(
      {
        onEvent: (event) => events.push(event),
        // Bursts of 1 at 20 a second: a sign-in's three master-token calls wait their turn.
        masterTokenRate: { perSecond: 20, burst: 1 },
        userRateLimit: { limit: 6, windowMs: 60_000 },
      },
      emulator,
    );
    ({ secrets, instanceId, accountId } = await journey(stack));
  });
  after(() => stack.close());

  const ofType = <T extends TrayServerEvent['type']>(type: T) => events.filter((event): event is Extract<TrayServerEvent, { type: T }> => event.type === type);

  test('a full journey yields every event the widget can cause, each a plain object with a type', () => {
    const seen = new Set(events.map((event) => event.type));
    for (const type of [
      'user-created', 'token-issued', 'code-issued', 'tray-call', 'rate-waited', 'rate-limited', 'user-limited',
      'cross-site-refused', 'proxy-refused', 'tray-error', 'instance-created', 'instance-enabled', 'instance-disabled', 'instance-removed', 'account-removed',
    ] as const) {
      assert.ok(seen.has(type), `no ${type} event in ${[...seen].join(', ')}`);
    }
    for (const event of events) assert.equal(Object.getPrototypeOf(event), Object.prototype);
  });

  test('no event holds a token or a code: every event of the journey scanned for every secret handed out', () => {
    assert.ok(secrets.length >= 6);
    const text = JSON.stringify(events);
    for (const secret of secrets) assert.ok(!text.includes(secret), `an event holds a secret: ${secret.slice(0, 4)}…`);
  });

  test('sign-ins: user-created once per new user, token-issued and code-issued with the Tray user id', () => {
    assert.deepEqual(ofType('user-created').map((event) => event.externalUserId).sort(), ['alice', 'bob']);
    const alice = ofType('user-created').find((event) => event.externalUserId === 'alice')!;
    assert.match(alice.userId, /^[0-9a-f-]{36}$/);
    const issued = ofType('token-issued').filter((event) => event.externalUserId === 'alice');
    assert.equal(issued.length, 1, 'the token is issued once, then cached');
    assert.equal(issued[0]!.userId, alice.userId);
    assert.ok(Date.parse(issued[0]!.expiresAt) > Date.now());
    assert.ok(ofType('code-issued').every((event) => event.externalUserId === 'alice' && event.userId === alice.userId));
    // Of alice's 6 a minute: the session, the first code, the one Tray failed (counted), three more; Tray's rate limit is not held against her.
    assert.equal(ofType('code-issued').length, 1 + 3);
  });

  test('tray-call: every call with its operation, token kind, duration and outcome', () => {
    const calls = ofType('tray-call');
    const ops = (token: string) => [...new Set(calls.filter((call) => call.token === token).map((call) => call.operation))].sort();
    assert.deepEqual(ops('master'), ['authorize', 'createExternalUser', 'generateAuthorizationCode', 'users']);
    assert.deepEqual(ops('user'), ['CreateInstance', 'Instance', 'Marketplace', 'RemoveAuthentication', 'RemoveInstance', 'UpdateInstance']);
    for (const call of calls) assert.ok(Number.isInteger(call.durationMs) && call.durationMs >= 0);
    const create = calls.find((call) => call.operation === 'CreateInstance')!;
    assert.deepEqual({ ...create, durationMs: 0 }, { type: 'tray-call', token: 'user', operation: 'CreateInstance', durationMs: 0, outcome: 'ok', status: 200, externalUserId: 'alice' });
    assert.ok(calls.some((call) => call.token === 'master' && call.outcome === 'error' && call.status === 500));
    assert.ok(calls.some((call) => call.operation === 'RemoveInstance' && call.outcome === 'error'), 'the second removal, refused by Tray');
    assert.equal(calls.filter((call) => call.outcome === 'rate-limited').length, 2);
  });

  test("what the user did, from Tray's answers: created, enabled, disabled, removed, each with user, solution and instance", () => {
    const userId = ofType('user-created').find((event) => event.externalUserId === 'alice')!.userId;
    const actions = events.filter((event) => event.type.startsWith('instance-'));
    const expected = (type: string) => ({ type, externalUserId: 'alice', userId, solutionId: SLACK_ALERTS, instanceId });
    assert.deepEqual(actions, [expected('instance-created'), expected('instance-enabled'), expected('instance-disabled'), expected('instance-removed')]);
  });

  test("an account removed, from Tray's answer to RemoveAuthentication: once, with the user and the account's id", () => {
    assert.deepEqual(ofType('account-removed'), [
      { type: 'account-removed', externalUserId: 'alice', userId: null, authenticationId: accountId, solutionId: null, instanceId: null },
    ]);
  });

  test('limits: rate-waited for the budget, rate-limited from Tray (master and user token), user-limited with its Retry-After', () => {
    assert.ok(ofType('rate-waited').every((event) => event.durationMs > 0 && typeof event.operation === 'string'));
    assert.deepEqual(
      ofType('rate-limited').map(({ source, operation, retryAfterMs }) => ({ source, operation, retryAfterMs })),
      [
        { source: 'tray', operation: 'generateAuthorizationCode', retryAfterMs: 1000 },
        { source: 'tray', operation: 'Marketplace', retryAfterMs: 1000 },
      ],
    );
    const limited = ofType('user-limited');
    assert.ok(limited.length >= 1);
    assert.equal(limited[0]!.externalUserId, 'alice');
    assert.equal(limited[0]!.endpoint, 'auth-code');
    assert.ok(limited[0]!.retryAfterMs > 0 && limited[0]!.retryAfterMs <= 60_000);
  });

  test('refusals say why: cross-site with the origin, the proxy with the code the browser got', () => {
    assert.deepEqual(
      ofType('cross-site-refused').map(({ path, origin }) => ({ path, origin })),
      [{ path: '/api/tray/session', origin: 'https://evil.example' }],
    );
    assert.deepEqual(
      ofType('proxy-refused').map(({ reason, status }) => ({ reason, status })),
      [
        { reason: 'operation-not-allowed', status: 400 },
        { reason: 'master-token-refused', status: 403 },
      ],
    );
  });

  test('tray-error: the code and status the browser got, a message safe to log, the user', () => {
    const errors = ofType('tray-error');
    assert.ok(errors.some((error) => error.status === 502 && error.externalUserId === 'alice' && /generateAuthorizationCode/.test(error.message)));
    assert.ok(errors.some((error) => error.code === 'rate-limited' && error.status === 429));
  });
});

describe('a hook that throws', () => {
  test('changes nothing: the same answers as without a hook, whether it throws or returns a rejected promise', async () => {
    const answers: string[][] = [];
    for (const onEvent of [undefined, () => { throw new Error('logger down'); }, () => Promise.reject(new Error('metrics down'))]) {
      const stack = await startStack({ ...(onEvent ? { onEvent: onEvent as () => void } : {}) }, emulator);
      try {
        const user = `hook-${answers.length}`;
        const session = await stack.post('/session', { user });
        const code = await stack.post('/auth-code', { user });
        const created = await stack.post('/graphql', { user, token: session.json.token, body: gql('CreateInstance', { solutionId: SLACK_ALERTS, instanceName: 'x' }) });
        const refused = await stack.post('/graphql', { user, token: session.json.token, body: { query: '{ viewer { details { name } } }' } });
        answers.push([
          `${session.status} ${Object.keys(session.json).sort()}`,
          `${code.status} ${typeof code.json.code}`,
          `${created.status} ${created.json.data.createSolutionInstance.solutionInstance.solution.id}`,
          `${refused.status} ${refused.json.error.code}`,
        ]);
        assert.deepEqual(stack.logs, [], 'nothing to log: the hook failing is not a failure of the handler');
      } finally {
        await stack.close();
      }
    }
    assert.deepEqual(answers[1], answers[0]);
    assert.deepEqual(answers[2], answers[0]);
    assert.deepEqual(answers[0], ['200 expiresAt,token,userId', '200 string', `200 ${SLACK_ALERTS}`, '400 operation-not-allowed']);
  });
});
