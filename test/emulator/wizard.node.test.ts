/** The configuration wizard's rules over real HTTP: codes, owners, what Finish writes, what is refused. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WEEKLY_REPORT, emulatorForTest, type TestEmulator } from './support.ts';

const CREATE = 'mutation ($s: ID!, $c: [ConfigValue!]) { createSolutionInstance(input: {solutionId: $s, instanceName: "Weekly", configValues: $c}) { solutionInstance { id } } }';
const READ = 'query ($i: String) { viewer { solutionInstances(criteria: {id: $i}) { edges { node { authValues { externalId authId } configValues { externalId value } } } } } }';
const SHEETS = 'external_google_sheets_authentication';

let d: TestEmulator;
const code = async (userId: string) =>
  (await d.gql(d.masterToken, 'mutation ($u: ID!) { generateAuthorizationCode(input: {userId: $u}) { authorizationCode } }', { u: userId })).body.data.generateAuthorizationCode.authorizationCode as string;
const wizardPath = (instanceId: string, embedded = 'partner-1') => `/external/solutions/${embedded}/configure/${instanceId}`;
const open = (instanceId: string, c: string, embedded?: string) => fetch(`${d.dialogOrigin}${wizardPath(instanceId, embedded)}?code=${c}`);
/** What the page's own script sends: same-origin JSON. */
const call = (instanceId: string, what: 'allow' | 'finish', body: unknown, origin = d.dialogOrigin) =>
  fetch(`${d.dialogOrigin}${wizardPath(instanceId)}/${what}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(body),
  });
const sessionOf = (html: string) => /"session":"([0-9a-f]+)"/.exec(html)![1]!;

async function weeklyInstance(name: string, configValues?: unknown) {
  const user = await d.newUser(name);
  const created = await d.gql(user.token, CREATE, { s: WEEKLY_REPORT, c: configValues ?? null });
  return { ...user, instanceId: created.body.data.createSolutionInstance.solutionInstance.id as string };
}
const read = async (token: string, instanceId: string) => (await d.gql(token, READ, { i: instanceId })).body.data.viewer.solutionInstances.edges[0].node;

describe('configuration wizard over HTTP', () => {
  before(async () => {
    d = await emulatorForTest({ rateLimit: false, embeddedId: 'partner-1' });
  });
  after(() => d.close());

  test('a code opens the wizard once, with a labelled input per config slot holding the current value or the default', async () => {
    const { userId, instanceId } = await weeklyInstance('wendy', [{ externalId: 'external_spreadsheet_name', value: '"Sales 2025"' }]);
    const c = await code(userId);
    const page = await open(instanceId, c);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'nonce-[0-9a-f]+'/);
    assert.ok(!/unsafe-inline|unsafe-eval/.test(csp), csp);
    const html = await page.text();
    assert.ok(!html.includes(c), 'the code is not echoed into the page');
    assert.match(html, /<label for="config-0">Spreadsheet name<\/label><input type="text" id="config-0"[^>]* value="Sales 2025">/);
    assert.match(html, /<label for="config-2">Day of the week \(1 = Monday\)<\/label><input type="number" id="config-2"[^>]* value="1">/);
    assert.match(html, /<label class="check" for="config-1"><input type="checkbox" id="config-1"[^>]*>Include refunded orders<\/label>/);
    assert.match(html, /<button type="button" id="auth-0"[^>]*>Allow Google account<\/button>/);
    assert.match(html, /<button type="button" id="finish">Finish<\/button>/);
    assert.match(html, /<button type="button" id="cancel">Cancel<\/button>/);
    assert.match(html, /"externalValidation":true/, 'the fixture turns external validation on for this solution');

    const reused = await open(instanceId, c);
    assert.equal(reused.status, 403);
    const text = await reused.text();
    assert.match(text, /already been used/);
    assert.match(text, /"type":"tray\.configPopup\.error","err":"This authorization code is not valid or has already been used/);
  });

  test('codes expire after 5 minutes', async () => {
    const { userId, instanceId } = await weeklyInstance('xavier');
    const stale = await code(userId);
    d.clock.now += 5 * 60_000;
    const expired = await open(instanceId, stale);
    assert.equal(expired.status, 403);
    assert.match(await expired.text(), /expired/);
  });

  test("another user's instance, a wrong embedded id or a missing code is refused", async () => {
    const mine = await weeklyInstance('yara');
    const other = await d.newUser('zeke');
    const foreign = await open(mine.instanceId, await code(other.userId));
    assert.equal(foreign.status, 404);
    assert.match(await foreign.text(), /does not exist for this user/);
    assert.match(await (await open(mine.instanceId, await code(mine.userId), 'other-partner')).text(), /Unknown embedded id/);
    assert.equal((await fetch(`${d.dialogOrigin}${wizardPath(mine.instanceId)}`)).status, 400);
  });

  test('Allow signs an auth slot in; Finish writes configValues and authValues, then the session is spent', async () => {
    const { token, instanceId, userId } = await weeklyInstance('amir');
    const session = sessionOf(await (await open(instanceId, await code(userId))).text());

    const early = await call(instanceId, 'finish', { session, configValues: {} });
    assert.equal(early.status, 400);
    assert.deepEqual(await early.json(), { errors: { [SHEETS]: 'Connect Google Sheets first: choose "Allow Google account".' } });

    const allowed = await (await call(instanceId, 'allow', { session, slot: SHEETS })).json();
    const finish = await call(instanceId, 'finish', {
      session,
      configValues: { external_spreadsheet_name: '"Orders"', external_day_of_week: '5' },
    });
    assert.deepEqual(await finish.json(), { solutionInstanceId: instanceId });

    const node = await read(token, instanceId);
    assert.deepEqual(node.authValues, [{ externalId: SHEETS, authId: allowed.authId }]);
    const values = Object.fromEntries(node.configValues.map((v: { externalId: string; value: string }) => [v.externalId, v.value]));
    assert.equal(values.external_spreadsheet_name, '"Orders"');
    assert.equal(values.external_day_of_week, '5');
    assert.equal(values.external_include_refunds, 'false', 'a slot the wizard left alone keeps its default');

    const again = await call(instanceId, 'finish', { session, configValues: {} });
    assert.equal(again.status, 403, 'a finished wizard cannot write again');
    assert.match((await again.json()).error, /expired or was already finished/);
  });

  test('a request from another origin, or not JSON, is refused and writes nothing', async () => {
    const { token, instanceId, userId } = await weeklyInstance('bea');
    const session = sessionOf(await (await open(instanceId, await code(userId))).text());
    const crossSite = await call(instanceId, 'allow', { session, slot: SHEETS }, 'https://evil.example');
    assert.equal(crossSite.status, 403);
    const form = await fetch(`${d.dialogOrigin}${wizardPath(instanceId)}/allow`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: d.dialogOrigin },
      body: new URLSearchParams({ session, slot: SHEETS }),
    });
    assert.equal(form.status, 403);
    const forged = await call(instanceId, 'finish', { session: 'f'.repeat(40), configValues: {} });
    assert.equal(forged.status, 403);
    const auths = await d.gql(token, '{ viewer { authentications { edges { node { id } } } } }');
    assert.deepEqual(auths.body.data.viewer.authentications.edges, []);
    assert.deepEqual((await read(token, instanceId)).authValues, []);
  });

  test('a config value that is not JSON text is refused with what to fix', async () => {
    const { instanceId, userId } = await weeklyInstance('cleo');
    const session = sessionOf(await (await open(instanceId, await code(userId))).text());
    await call(instanceId, 'allow', { session, slot: SHEETS });
    const bad = await call(instanceId, 'finish', { session, configValues: { external_spreadsheet_name: 'Orders' } });
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).error, /is not JSON text/);
  });

  test('the auth dialog drops its finish message while the switch is on, and still creates the auth', async () => {
    const { token, instanceId, userId } = await weeklyInstance('dana');
    const allowOnce = async () => {
      const html = await (await fetch(`${d.dialogOrigin}/external/auth/create/partner-1/${instanceId}/${SHEETS}?code=${await code(userId)}`)).text();
      const session = /name="session" value="([^"]+)"/.exec(html)![1]!;
      const finished = await fetch(`${d.dialogOrigin}/external/auth/create/partner-1/${instanceId}/${SHEETS}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ session }),
      });
      return finished.text();
    };
    d.emulator.setDropAuthFinish(true);
    try {
      const dropped = await allowOnce();
      assert.ok(!dropped.includes('tray.authpopup.finish'), 'no finish message');
      assert.match(dropped, /window\.close\(\)/);
    } finally {
      d.emulator.setDropAuthFinish(false);
    }
    assert.match(await allowOnce(), /tray\.authpopup\.finish/, 'switched off, finish is posted again');
    const auths = await d.gql(token, '{ viewer { authentications { edges { node { id } } } } }');
    assert.equal(auths.body.data.viewer.authentications.edges.length, 2, 'both dialogs created their auth');
  });
});
