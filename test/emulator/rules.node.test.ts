/** Each emulator rule, proven over real HTTP with an injected clock. */
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENTS } from '../../src/services/documents.ts';
import { createEmulator, FixtureError, loadFixture } from '../../emulator/core/index.ts';
import { startEmulator } from '../../emulator/http.ts';
import {
  CRM_SYNC, DEMO_INSTANCE_ID, DEMO_USER_ID, SLACK_ALERTS, WEEKLY_REPORT,
  emulatorForTest, firstError, type TestEmulator,
} from './support.ts';

const CREATE = 'mutation ($s: ID!, $n: String!, $a: [AuthValue!], $c: [ConfigValue!]) { createSolutionInstance(input: {solutionId: $s, instanceName: $n, authValues: $a, configValues: $c}) { solutionInstance { id enabled authValues { externalId authId } configValues { externalId value } workflows { edges { node { id triggerUrl } } } } } }';
const UPDATE = 'mutation ($i: ID!, $e: Boolean, $a: [AuthValue!], $strict: Boolean) { updateSolutionInstance(input: {solutionInstanceId: $i, enabled: $e, authValues: $a, errorOnEnablingWithMissingValues: $strict}) { solutionInstance { id enabled authValues { externalId authId } } } }';
const SLACK_SERVICE = { id: 'service-slack', name: 'slack', title: 'Slack', icon: 'data:,', version: '8.2', authType: 'oauth' };

let emu: TestEmulator;
async function instanceOf(token: string, solutionId = SLACK_ALERTS): Promise<{ id: string; workflows: any }> {
  const { body } = await emu.gql(token, CREATE, { s: solutionId, n: 'Test' });
  assert.ok(body.data?.createSolutionInstance, JSON.stringify(body));
  return body.data.createSolutionInstance.solutionInstance;
}
const authFor = (userId: string) => emu.emulator.store.createAuthentication(userId, 'Slack', SLACK_SERVICE).id;

describe('emulator rules', () => {
  beforeEach(async () => {
    emu = await emulatorForTest({ rateLimit: false });
  });
  afterEach(() => emu.close());

  describe('tokens and permissions', () => {
    test('master-only operations refuse a user token with access_not_allowed', async () => {
      const { userId, token } = await emu.newUser('alice');
      const cases: Array<[string, string, Record<string, unknown>?]> = [
        ['users', '{ users { edges { node { id } } } }'],
        ['createExternalUser', 'mutation { createExternalUser(input: {name: "x", externalUserId: "x"}) { userId } }'],
        ['removeExternalUser', 'mutation ($u: ID!) { removeExternalUser(input: {userId: $u}) { clientMutationId } }', { u: userId }],
        ['authorize', 'mutation ($u: ID!) { authorize(input: {userId: $u}) { accessToken } }', { u: userId }],
        ['generateAuthorizationCode', 'mutation ($u: ID!) { generateAuthorizationCode(input: {userId: $u}) { authorizationCode } }', { u: userId }],
        ['solutionInstances', 'query ($o: String) { viewer { solutionInstances(criteria: {owner: $o}) { totalCount } } }', { o: userId }],
      ];
      for (const [name, query, variables] of cases) {
        const { status, body } = await emu.gql(token, query, variables);
        assert.equal(status, 200, name);
        assert.equal(firstError(body).code, 'access_not_allowed', name);
        assert.equal(firstError(body).name, 'PreconditionError', name);
        assert.match(firstError(body).message, /master token/, name);
      }
    });

    test('user-token operations refuse the master token', async () => {
      const cases: Array<[string, string]> = [
        ['createSolutionInstance', `mutation { createSolutionInstance(input: {solutionId: "${SLACK_ALERTS}", instanceName: "x"}) { solutionInstance { id } } }`],
        ['updateSolutionInstance', `mutation { updateSolutionInstance(input: {solutionInstanceId: "${DEMO_INSTANCE_ID}", enabled: false}) { solutionInstance { id } } }`],
        ['upgradeSolutionInstance', `mutation { upgradeSolutionInstance(input: {solutionInstanceId: "${DEMO_INSTANCE_ID}"}) { solutionInstance { id } } }`],
        ['removeSolutionInstance', `mutation { removeSolutionInstance(input: {solutionInstanceId: "${DEMO_INSTANCE_ID}"}) { clientMutationId } }`],
      ];
      for (const [name, query] of cases) {
        const { body } = await emu.gql(emu.masterToken, query);
        assert.equal(firstError(body).code, 'access_not_allowed', name);
        assert.match(firstError(body).message, /needs a user token/, name);
      }
      // Nothing changed: the demo instance is still there.
      const list = await emu.gql(emu.masterToken, '{ viewer { solutionInstances { totalCount } } }');
      assert.equal(list.body.data.viewer.solutionInstances.totalCount, 1);
    });

    test('authentications, as Tray documents them: a user lists and removes their own, the master token lists none of theirs and removes any', async () => {
      const LIST = '{ viewer { authentications { edges { node { id service { title } } } pageInfo { hasNextPage hasPreviousPage } } } }';
      const REMOVE = 'mutation ($a: ID!) { removeAuthentication(input: {authenticationId: $a}) { clientMutationId } }';
      const alice = await emu.newUser('alice');
      const bob = await emu.newUser('bob');
      const [a1, a2, b1] = [authFor(alice.userId), authFor(alice.userId), authFor(bob.userId)];
      const ids = async (token: string) => (await emu.gql(token, LIST)).body.data.viewer.authentications.edges.map((e: any) => e.node.id).sort();
      assert.deepEqual(await ids(alice.token), [a1, a2].sort());
      // The master token lists the organisation's own auths, never an end user's.
      assert.deepEqual(await ids(emu.masterToken), []);
      // Another user's auth does not exist for alice; nothing is removed.
      const foreign = await emu.gql(alice.token, REMOVE, { a: b1 });
      assert.equal(firstError(foreign.body).code, 'resource_does_not_exist');
      assert.deepEqual(await ids(bob.token), [b1]);
      // An auth an instance uses is removed all the same: Tray documents no refusal.
      const instance = await instanceOf(alice.token);
      await emu.gql(alice.token, UPDATE, { i: instance.id, a: [{ externalId: 'external_slack_authentication', authId: a1 }] });
      const removed = await emu.gql(alice.token, REMOVE, { a: a1 });
      assert.deepEqual(removed.body, { data: { removeAuthentication: { clientMutationId: null } } });
      assert.deepEqual(await ids(alice.token), [a2]);
      // The master token removes any auth.
      assert.deepEqual((await emu.gql(emu.masterToken, REMOVE, { a: b1 })).body.errors, undefined);
      assert.deepEqual(await ids(bob.token), []);
      const gone = await emu.gql(emu.masterToken, REMOVE, { a: b1 });
      assert.equal(firstError(gone.body).code, 'resource_does_not_exist');
    });

    test('a missing, unknown or expired token is an HTTP 401 in Tray\'s error shape', async () => {
      const { token } = await emu.newUser('bob');
      const query = '{ viewer { solutions { edges { node { id } } } } }';
      for (const bad of [null, 'not-a-token']) {
        const { status, body } = await emu.gql(bad, query);
        assert.equal(status, 401);
        assert.deepEqual(Object.keys(body), ['data', 'errors']);
        assert.equal(body.data, null);
        assert.deepEqual(body.errors[0].extensions, { name: 'PreconditionError', code: 'access_not_allowed' });
      }
      emu.clock.now += 2 * 24 * 3600_000 - 1;
      assert.equal((await emu.gql(token, query)).status, 200, 'valid just under 2 days');
      emu.clock.now += 1;
      const expired = await emu.gql(token, query);
      assert.equal(expired.status, 401);
      assert.match(firstError(expired.body).message, /expired/);
      assert.equal((await emu.gql(emu.masterToken, query)).status, 200, 'the master token does not expire');
    });

    test('the request log names operations and token kinds, never token values', async () => {
      const { token } = await emu.newUser('carol');
      await emu.gql(token, DOCUMENTS.Instance, { id: 'x' });
      await emu.gql('bogus-token-value', DOCUMENTS.Instance, { id: 'x' });
      const log = emu.emulator.requests;
      assert.deepEqual(log.map((r) => [r.operationName ?? r.rootFields[0], r.token, r.status]), [
        ['createExternalUser', 'master', 200],
        ['authorize', 'master', 200],
        ['Instance', 'user', 200],
        ['Instance', 'invalid', 401],
      ]);
      const text = JSON.stringify(log);
      assert.ok(!text.includes(token) && !text.includes('bogus-token-value') && !text.includes(emu.masterToken));
    });
  });

  describe('instances', () => {
    test('a user token sees and touches only its own instances; a foreign one does not exist', async () => {
      const alice = await emu.newUser('alice');
      const bob = await emu.newUser('bob');
      const mine = await instanceOf(alice.token);
      await instanceOf(bob.token);
      const list = await emu.gql(alice.token, '{ viewer { solutionInstances { totalCount edges { node { id owner } } } } }');
      assert.deepEqual(list.body.data.viewer.solutionInstances, { totalCount: 1, edges: [{ node: { id: mine.id, owner: alice.userId } }] });
      const byId = await emu.gql(bob.token, DOCUMENTS.Instance, { id: mine.id });
      assert.deepEqual(byId.body.data.viewer.solutionInstances.edges, []);
      for (const query of [UPDATE, DOCUMENTS.RemoveInstance, DOCUMENTS.UpgradeInstance]) {
        const { body } = await emu.gql(bob.token, query, { i: mine.id, solutionInstanceId: mine.id, e: false });
        assert.equal(firstError(body).code, 'resource_does_not_exist');
        assert.equal(firstError(body).message, `Solution instance "${mine.id}" does not exist.`);
      }
      const missing = await emu.gql(alice.token, UPDATE, { i: 'no-such-instance', e: false });
      assert.equal(firstError(missing.body).code, 'resource_does_not_exist');
      const master = await emu.gql(emu.masterToken, 'query ($s: String) { viewer { solutionInstances(criteria: {solutionId: $s}) { totalCount } } }', { s: SLACK_ALERTS });
      assert.equal(master.body.data.viewer.solutionInstances.totalCount, 2);
    });

    test('instances start disabled; enabling earlier than 2 s after creation is refused, at 2 s it works', async () => {
      const { token } = await emu.newUser('dave');
      const instance = await instanceOf(token);
      emu.clock.now += 1999;
      const early = await emu.gql(token, UPDATE, { i: instance.id, e: true });
      assert.deepEqual(early.body.data, { updateSolutionInstance: null });
      assert.equal(firstError(early.body).name, 'PreconditionError');
      assert.equal(firstError(early.body).code, 'instance_not_ready');
      assert.match(firstError(early.body).message, /wait at least 2000 ms after createSolutionInstance/);
      emu.clock.now += 1;
      const onTime = await emu.gql(token, UPDATE, { i: instance.id, e: true });
      assert.equal(onTime.body.data.updateSolutionInstance.solutionInstance.enabled, true);
    });

    test('errorOnEnablingWithMissingValues refuses to enable with an empty auth slot; without it Tray enables anyway', async () => {
      const { userId, token } = await emu.newUser('erin');
      const instance = await instanceOf(token, CRM_SYNC);
      emu.clock.now += 2000;
      const salesforce = emu.emulator.store.createAuthentication(userId, 'SF', { ...SLACK_SERVICE, name: 'salesforce' }).id;
      const refused = await emu.gql(token, UPDATE, { i: instance.id, e: true, strict: true, a: [{ externalId: 'external_salesforce_authentication', authId: salesforce }] });
      assert.equal(firstError(refused.body).code, 'missing_values');
      assert.match(firstError(refused.body).message, /external_hubspot_authentication/);
      const reread = await emu.gql(token, DOCUMENTS.Instance, { id: instance.id });
      assert.deepEqual(reread.body.data.viewer.solutionInstances.edges[0].node.authValues, [], 'a refused update changes nothing');
      const lenient = await emu.gql(token, UPDATE, { i: instance.id, e: true });
      assert.equal(lenient.body.data.updateSolutionInstance.solutionInstance.enabled, true);
    });

    test('authValues merge by externalId, and an authId must be one of the owner\'s authentications', async () => {
      const alice = await emu.newUser('alice');
      const bob = await emu.newUser('bob');
      const instance = await instanceOf(alice.token, CRM_SYNC);
      const [a1, a2, a3] = [authFor(alice.userId), authFor(alice.userId), authFor(alice.userId)];
      await emu.gql(alice.token, UPDATE, { i: instance.id, a: [{ externalId: 'external_salesforce_authentication', authId: a1 }] });
      await emu.gql(alice.token, UPDATE, { i: instance.id, a: [{ externalId: 'external_hubspot_authentication', authId: a2 }] });
      const replaced = await emu.gql(alice.token, UPDATE, { i: instance.id, a: [{ externalId: 'external_salesforce_authentication', authId: a3 }] });
      assert.deepEqual(replaced.body.data.updateSolutionInstance.solutionInstance.authValues, [
        { externalId: 'external_salesforce_authentication', authId: a3 },
        { externalId: 'external_hubspot_authentication', authId: a2 },
      ]);
      const foreign = await emu.gql(alice.token, UPDATE, { i: instance.id, a: [{ externalId: 'external_hubspot_authentication', authId: authFor(bob.userId) }] });
      assert.equal(firstError(foreign.body).code, 'resource_does_not_exist');
      assert.match(firstError(foreign.body).message, /Authentication .* does not exist for the owner/);
      const badSlot = await emu.gql(alice.token, UPDATE, { i: instance.id, a: [{ externalId: 'external_nope', authId: a1 }] });
      assert.match(firstError(badSlot.body).message, /has no auth slot "external_nope"/);
    });

    test('config values are strings holding JSON; slots left out take their defaults', async () => {
      const { token } = await emu.newUser('fay');
      const made = await emu.gql(token, CREATE, { s: WEEKLY_REPORT, n: 'Report', c: [{ externalId: 'external_spreadsheet_name', value: '"Sales"' }] });
      assert.deepEqual(made.body.data.createSolutionInstance.solutionInstance.configValues, [
        { externalId: 'external_spreadsheet_name', value: '"Sales"' },
        { externalId: 'external_include_refunds', value: 'false' },
        { externalId: 'external_day_of_week', value: '1' },
      ]);
      const bad = await emu.gql(token, CREATE, { s: WEEKLY_REPORT, n: 'Report', c: [{ externalId: 'external_spreadsheet_name', value: 'Sales' }] });
      assert.match(firstError(bad.body).message, /is not JSON text/);
    });

    test('a newer version needing user input: its new slot is refused by update, filled by upgrade, which clears the flags', async () => {
      const token = emu.emulator.userToken('demo-user');
      const before = await emu.gql(token, DOCUMENTS.Instance, { id: DEMO_INSTANCE_ID });
      assert.deepEqual(before.body.data.viewer.solutionInstances.edges[0].node.solutionVersionFlags, {
        hasNewerVersion: true, requiresUserInputToUpdateVersion: true, requiresSystemInputToUpdateVersion: false,
      });
      const qb = emu.emulator.store.createAuthentication(DEMO_USER_ID, 'QB', { ...SLACK_SERVICE, name: 'quickbooks' }).id;
      const value = [{ externalId: 'external_quickbooks_authentication', authId: qb }];
      const viaUpdate = await emu.gql(token, UPDATE, { i: DEMO_INSTANCE_ID, a: value });
      assert.match(firstError(viaUpdate.body).message, /exists only in a newer version.*upgradeSolutionInstance/);
      const upgraded = await emu.gql(token, DOCUMENTS.UpgradeInstance, { solutionInstanceId: DEMO_INSTANCE_ID, authValues: value });
      const node = upgraded.body.data.upgradeSolutionInstance.solutionInstance;
      assert.deepEqual(node.solutionVersionFlags, { hasNewerVersion: false, requiresUserInputToUpdateVersion: false, requiresSystemInputToUpdateVersion: false });
      assert.deepEqual(node.authValues.map((v: any) => v.externalId), ['external_stripe_authentication', 'external_quickbooks_authentication']);
    });

    test('trigger URLs: a disabled instance refuses, an enabled one records a run, listed by /runs', async () => {
      const { token } = await emu.newUser('gus');
      const instance = await instanceOf(token);
      const triggerUrl = instance.workflows.edges[0].node.triggerUrl as string;
      assert.ok(triggerUrl.startsWith(`${emu.apiOrigin}/triggers/`));
      const refused = await fetch(triggerUrl, { method: 'POST', body: '{}' });
      assert.equal(refused.status, 409);
      assert.match((await refused.json()).error, /disabled/);
      emu.clock.now += 2000;
      await emu.gql(token, UPDATE, { i: instance.id, e: true });
      const ran = await fetch(triggerUrl);
      assert.equal(ran.status, 200);
      const { runs } = await (await fetch(`${emu.apiOrigin}/runs?solutionInstanceId=${instance.id}`)).json();
      assert.equal(runs.length, 1);
      assert.equal(runs[0].workflowInstanceId, instance.workflows.edges[0].node.id);
      assert.equal(runs[0].at, new Date(emu.clock.now).toISOString());
      assert.equal((await fetch(`${emu.apiOrigin}/triggers/unknown`)).status, 404);
    });
  });

  describe('pagination', () => {
    const PAGE = 'query ($first: Int, $after: String, $last: Int, $before: String) { viewer { solutions(first: $first, after: $after, last: $last, before: $before) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }';
    test('first/after walks every solution once with opaque cursors; last/before walks back', async () => {
      const { token } = await emu.newUser('hal');
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const { body }: { body: any } = await emu.gql(token, PAGE, { first: 4, after });
        const conn = body.data.viewer.solutions;
        seen.push(...conn.edges.map((e: any) => e.node.id));
        for (const e of conn.edges) assert.ok(!e.cursor.includes(e.node.id), 'cursors are opaque');
        assert.equal(conn.pageInfo.hasPreviousPage, pages > 0);
        pages += 1;
        if (!conn.pageInfo.hasNextPage) break;
        after = conn.pageInfo.endCursor;
      }
      assert.equal(pages, 2);
      assert.equal(new Set(seen).size, 7);
      const back = await emu.gql(token, PAGE, { last: 2, before: (await emu.gql(token, PAGE, { first: 3 })).body.data.viewer.solutions.pageInfo.endCursor });
      assert.deepEqual(back.body.data.viewer.solutions.edges.map((e: any) => e.node.id), [seen[0], seen[1]]);
      const bad = await emu.gql(token, PAGE, { first: 2, after: 'bm90LWEtY3Vyc29y' });
      assert.match(firstError(bad.body).message, /not a cursor of this connection/);
    });

    test('solutionInstances pages carry the total count of all matches', async () => {
      const { token } = await emu.newUser('ivy');
      for (let i = 0; i < 3; i++) await instanceOf(token);
      const { body } = await emu.gql(token, '{ viewer { solutionInstances(first: 2) { totalCount edges { node { id } } pageInfo { hasNextPage } } } }');
      assert.equal(body.data.viewer.solutionInstances.totalCount, 3);
      assert.equal(body.data.viewer.solutionInstances.edges.length, 2);
      assert.equal(body.data.viewer.solutionInstances.pageInfo.hasNextPage, true);
    });
  });

  describe('HTTP surface', () => {
    test('/graphql sends no CORS headers, so browsers are refused as by Tray', async () => {
      const { token } = await emu.newUser('jo');
      const post = await fetch(emu.graphqlUrl, {
        method: 'POST',
        headers: { origin: 'http://localhost:5173', authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ viewer { details { name } } }' }),
      });
      assert.equal(post.status, 200);
      assert.equal(post.headers.get('access-control-allow-origin'), null);
      const preflight = await fetch(emu.graphqlUrl, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });
      assert.equal(preflight.headers.get('access-control-allow-origin'), null);
      assert.notEqual(preflight.status, 204);
    });

    test('the API and the dialog are two origins; each serves only its own paths', async () => {
      assert.notEqual(new URL(emu.apiOrigin).host, new URL(emu.dialogOrigin).host);
      assert.equal((await fetch(`${emu.dialogOrigin}/graphql`, { method: 'POST' })).status, 404);
      assert.equal((await fetch(`${emu.apiOrigin}/external/auth/create/e/i/s?code=x`)).status, 404);
    });

    test('faults: http500, malformed JSON, rate-limit and a timeout that never answers', async () => {
      const { token } = await emu.newUser('kim');
      const query = '{ viewer { details { name } } }';
      emu.emulator.faults.failNext(1, 'http500');
      emu.emulator.faults.failNext(1, 'malformed-json');
      emu.emulator.faults.failNext(1, 'rate-limit');
      const e500 = await emu.gql(token, query);
      assert.equal(e500.status, 500);
      assert.equal(e500.body.errors[0].extensions.name, 'InternalError');
      const malformed = await fetch(emu.graphqlUrl, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
      await assert.rejects(malformed.json(), SyntaxError);
      const limited = await emu.gql(token, query);
      assert.deepEqual(limited.body.errors[0], { message: 'Rate limit exceeded', extensions: { name: 'PreconditionError', code: 'access_not_allowed' } });
      emu.emulator.faults.failNext(1, 'timeout');
      await assert.rejects(
        fetch(emu.graphqlUrl, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ query }), signal: AbortSignal.timeout(300) }),
        (error: Error) => error.name === 'TimeoutError',
      );
      assert.equal(emu.emulator.faults.pending, 0);
      assert.equal((await emu.gql(token, query)).status, 200, 'faults are used up');
    });
  });
});

describe('rate limit (30/s, burst 50, per token)', () => {
  let rl: TestEmulator;
  before(async () => {
    rl = await emulatorForTest();
  });
  after(() => rl.close());

  test('the 51st request in the same instant is refused; another token is unaffected; 100 ms refills 3', async () => {
    const { token } = await rl.newUser('busy');
    const other = (await rl.newUser('calm')).token;
    const query = '{ viewer { details { name } } }';
    const results = [];
    for (let i = 0; i < 51; i++) results.push(await rl.gql(token, query));
    assert.ok(results.slice(0, 50).every((r) => r.body.data?.viewer), 'a burst of 50 is allowed');
    assert.deepEqual(results[50]!.body, { data: null, errors: [{ message: 'Rate limit exceeded', extensions: { name: 'PreconditionError', code: 'access_not_allowed' } }] });
    assert.ok((await rl.gql(other, query)).body.data.viewer, 'buckets are per token');
    rl.clock.now += 100;
    const refill = [];
    for (let i = 0; i < 4; i++) refill.push((await rl.gql(token, query)).body.data !== null);
    assert.deepEqual(refill, [true, true, true, false]);
    assert.equal(rl.emulator.requests.filter((r) => r.outcome === 'rate-limited').length, 2);
  });
});

describe('dialog over HTTP (codes)', () => {
  let d: TestEmulator;
  before(async () => {
    d = await emulatorForTest({ rateLimit: false, embeddedId: 'partner-1' });
  });
  after(() => d.close());

  const code = async (userId: string) =>
    (await d.gql(d.masterToken, 'mutation ($u: ID!) { generateAuthorizationCode(input: {userId: $u}) { authorizationCode } }', { u: userId })).body.data.generateAuthorizationCode.authorizationCode as string;
  const open = (instanceId: string, c: string, embedded = 'partner-1', slot = 'external_slack_authentication') =>
    fetch(`${d.dialogOrigin}/external/auth/create/${embedded}/${instanceId}/${slot}?code=${c}`);

  test('a code opens the dialog once; Allow creates an authentication for the code\'s user', async () => {
    const { userId, token } = await d.newUser('lee');
    const instance = (await d.gql(token, CREATE, { s: SLACK_ALERTS, n: 'x' })).body.data.createSolutionInstance.solutionInstance;
    const c = await code(userId);
    const page = await open(instance.id, c);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const html = await page.text();
    assert.match(html, /<button type="submit">Allow<\/button>/);
    assert.match(html, /<button type="button" id="cancel">Cancel<\/button>/);
    assert.ok(!html.includes(c), 'the code is not echoed into the page');
    const reused = await open(instance.id, c);
    assert.equal(reused.status, 403);
    assert.match(await reused.text(), /already been used[\s\S]*tray\.authPopup\.error/);

    const session = /name="session" value="([^"]+)"/.exec(html)![1]!;
    const finish = await fetch(`${d.dialogOrigin}/external/auth/create/partner-1/${instance.id}/external_slack_authentication`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ session, name: 'Team Slack <b>' }),
    });
    const finished = await finish.text();
    const auths = await d.gql(token, '{ viewer { authentications { edges { node { id name service { name } } } } } }');
    const [auth] = auths.body.data.viewer.authentications.edges.map((e: any) => e.node);
    assert.deepEqual(auth.name, 'Team Slack <b>');
    assert.ok(finished.includes(`{"type":"tray.authpopup.finish","authType":"oauth","authId":"${auth.id}"}`));
    assert.ok(finished.includes(`postMessage({"type":"tray.authpopup.finish","authType":"oauth","authId":"${auth.id}"}, '*')`), 'posted with target *, as Tray does');
    const replay = await fetch(finish.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ session }) });
    assert.equal(replay.status, 403, 'a dialog submits once');
  });

  test('codes expire after 5 minutes', async () => {
    const { userId, token } = await d.newUser('max');
    const instance = (await d.gql(token, CREATE, { s: SLACK_ALERTS, n: 'x' })).body.data.createSolutionInstance.solutionInstance;
    const fresh = await code(userId);
    const stale = await code(userId);
    d.clock.now += 5 * 60_000 - 1;
    assert.equal((await open(instance.id, fresh)).status, 200);
    d.clock.now += 1;
    const expired = await open(instance.id, stale);
    assert.equal(expired.status, 403);
    assert.match(await expired.text(), /expired/);
  });

  test('a wrong embedded id, someone else\'s instance or an unknown slot shows an error', async () => {
    const a = await d.newUser('ned');
    const b = await d.newUser('ola');
    const instance = (await d.gql(a.token, CREATE, { s: SLACK_ALERTS, n: 'x' })).body.data.createSolutionInstance.solutionInstance;
    assert.match(await (await open(instance.id, await code(a.userId), 'other-partner')).text(), /Unknown embedded id/);
    assert.match(await (await open(instance.id, await code(b.userId))).text(), /does not exist for this user/);
    assert.match(await (await open(instance.id, await code(a.userId), 'partner-1', 'external_nope')).text(), /has no auth slot/);
  });

  test('hostile fixture text is escaped in the dialog', async () => {
    const fixture = {
      solutions: [{ id: 's', title: '<script>alert(1)</script>', authSlots: [{ externalId: 'a', title: 'A', service: { name: 'x', title: '"><img src=x onerror=alert(1)>', icon: 'data:,', version: '1' } }] }],
      users: [{ id: 'u', name: 'U', externalUserId: 'u' }],
      instances: [{ id: 'i', solutionId: 's', owner: 'u', name: 'n' }],
    };
    const hostile = await startEmulator({ fixture });
    try {
      const html = await (await fetch(`${hostile.dialogOrigin}/external/auth/create/e/i/a?code=${hostile.emulator.authCode('u')}`)).text();
      assert.ok(!html.includes('<script>alert(1)'));
      assert.ok(!html.includes('<img src=x'));
      assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    } finally {
      await hostile.close();
    }
  });
});

describe('fixtures', () => {
  test('a broken fixture is refused with every problem and its path', () => {
    const broken = {
      solutions: [{ id: 's1', title: '', authSlots: [{ externalId: 'a', title: 'A', service: { name: 'x' } }], configSlots: [{ externalId: 'c', title: 'C', defaultValue: 'text' }] }],
      instances: [{ id: 'i', solutionId: 'nope', owner: 'ghost', name: 'n' }],
      extra: true,
    };
    assert.throws(() => loadFixture(broken), (error: FixtureError) => {
      const expected = [
        'extra: unknown top-level key',
        'fixture.solutions[0].title: expected a non-empty string',
        'fixture.solutions[0].authSlots[0].service.title: expected a non-empty string',
        'fixture.solutions[0].configSlots[0].defaultValue: "text" is not JSON text',
        'fixture.instances[0].solutionId: no solution with id "nope"',
        'fixture.instances[0].owner: no user with id "ghost"',
      ];
      for (const e of expected) assert.ok(error.problems.some((p) => p.startsWith(e)), `missing: ${e}\n${error.message}`);
      return error instanceof FixtureError && error.message.includes('fix these');
    });
    assert.throws(() => createEmulator({ fixture: { solutions: [] } }), /solutions: expected a non-empty array/);
  });

  test('startEmulator with a bad fixture rejects and leaves no server listening', async () => {
    await assert.rejects(startEmulator({ port: 0, fixture: { nope: 1 } }), FixtureError);
  });
});
