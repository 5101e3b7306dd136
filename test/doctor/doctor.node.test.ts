/**
 * `tray-integrations doctor` against the emulator over real HTTP, with right
 * and wrong settings, and against local host pages that send
 * Cross-Origin-Opener-Policy and a strict Content-Security-Policy. The
 * command itself (exit status, output) runs as a child process, as a
 * partner runs it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../emulator/http.ts';
import { runDoctor, type DoctorSettings } from '../../src/doctor/doctor.ts';
import type { CheckResult } from '../../src/doctor/result.ts';

const CLI = join(import.meta.dirname, '../../src/doctor/cli.ts');
const MASTER_TOKEN = 'doctor-test-master-token-5f1c0a';
const EMBEDDED_ID = 'acme-embedded';

let tray: RunningEmulator;
let right: DoctorSettings;

before(async () => {
  tray = await startEmulator({ masterToken: MASTER_TOKEN, embeddedId: EMBEDDED_ID });
  right = { masterToken: MASTER_TOKEN, endpoint: tray.graphqlUrl, dialogOrigin: tray.dialogOrigin, embeddedId: EMBEDDED_ID };
});
after(() => tray.close());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The command as a partner runs it; the token comes from the environment unless the args name it. */
function doctor(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, 'doctor', ...args],
      { env: { ...process.env, TRAY_MASTER_TOKEN: '', TRAY_REGION: '', TRAY_EMBEDDED_ID: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const emulatorArgs = () => ['--endpoint', tray.graphqlUrl, '--dialog-origin', tray.dialogOrigin];
const byCheck = (results: readonly CheckResult[]) => Object.fromEntries(results.map((result) => [result.check, result]));

/** A host page answering with these headers and this HTML; closes after the test. */
async function hostPage(t: { after(fn: () => unknown): void }, headers: Record<string, string>, html: string): Promise<string> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/settings/integrations`;
}

test('right settings: every line is a ✓, the exit status 0, nothing is created in Tray, and the token is not printed', async () => {
  const before = tray.emulator.requests.length;
  const run = await doctor([...emulatorArgs(), '--embedded-id', EMBEDDED_ID], { TRAY_MASTER_TOKEN: MASTER_TOKEN });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const lines = run.stdout.split('\n').filter((line) => /^[✓✗⚠–] /.test(line));
  assert.equal(lines.length, 5, run.stdout);
  for (const line of lines) assert.match(line, /^✓ /);
  assert.match(run.stdout, /✓ Master token accepted/);
  assert.match(run.stdout, /✓ 7 solutions; 5 auth-only \("Slack alerts", .* and 1 more\); 2 need the configuration wizard.*"Weekly report to Google Sheets", "Daily orders digest to Slack"/);
  assert.match(run.stdout, /✓ Embedded id "acme-embedded" is set/);
  assert.match(run.stdout, /^Nothing failed\.$/m);
  assert.ok(!(run.stdout + run.stderr).includes(MASTER_TOKEN));
  const calls = tray.emulator.requests.slice(before);
  assert.deepEqual(calls.flatMap((call) => call.rootFields).sort(), ['__typename', 'users', 'viewer']);
  assert.equal(tray.emulator.store.users.size, 1, 'only the fixture\'s own user exists: the doctor created none');
});

test('a wrong master token: ✗ naming the master token and what to do, the solutions not checked, exit 1; neither token printed', async () => {
  const wrong = 'doctor-test-wrong-token-77aa31';
  const run = await doctor([...emulatorArgs(), '--embedded-id', EMBEDDED_ID, '--master-token', wrong]);
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^✗ Tray refused the master token: copy the master token again .* check --region too\.$/m);
  assert.match(run.stdout, /^– Not checked: the master token was not accepted\.$/m);
  assert.match(run.stdout, /^1 check failed: fix it and run the doctor again\.$/m);
  assert.ok(!(run.stdout + run.stderr).includes(wrong));
});

test('a user token passed as the master token is refused too (it cannot look users up)', async () => {
  const results = byCheck((await runDoctor({ ...right, masterToken: tray.emulator.userToken('someone') })).results);
  assert.equal(results['master-token']?.status, 'fail');
});

test('--json prints the same results for CI, with the exit status', async () => {
  const run = await doctor([...emulatorArgs(), '--json'], { TRAY_MASTER_TOKEN: MASTER_TOKEN });
  assert.equal(run.code, 1, 'no Embedded id is a failure');
  const json = JSON.parse(run.stdout);
  assert.equal(json.ok, false);
  assert.equal(json.endpoint, tray.graphqlUrl);
  assert.deepEqual(
    json.checks.map((check: CheckResult) => [check.check, check.status]),
    [['endpoint', 'ok'], ['master-token', 'ok'], ['solutions', 'ok'], ['dialog-origin', 'ok'], ['embedded-id', 'fail']],
  );
  assert.match(json.checks[4].message, /--embedded-id or set TRAY_EMBEDDED_ID/);
});

test('a wrong Embedded id is a warning naming it; the dialog origin still answers', async () => {
  const results = byCheck((await runDoctor({ ...right, embeddedId: 'acme-typo' })).results);
  assert.equal(results['dialog-origin']?.status, 'ok');
  assert.equal(results['embedded-id']?.status, 'warn');
  assert.match(results['embedded-id']!.message, /no dialog for Embedded id "acme-typo": check the id in your Tray dashboard/);
});

test('an endpoint or dialog origin where nothing listens, or that is not GraphQL: ✗ saying which setting to check', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));

  const nowhere = byCheck((await runDoctor({ ...right, endpoint: `http://127.0.0.1:${port}/graphql`, dialogOrigin: `http://127.0.0.1:${port}` })).results);
  assert.match(nowhere['endpoint']!.message, /^No answer from http:\/\/127\.0\.0\.1:\d+\/graphql: the connection was refused .* Check --region \(or --endpoint\)/);
  assert.equal(nowhere['master-token']?.status, 'skipped');
  assert.equal(nowhere['solutions']?.status, 'skipped');
  assert.match(nowhere['dialog-origin']!.message, /^No answer from the dialog origin .* Check --dialog-origin/);

  const notGraphql = byCheck((await runDoctor({ ...right, endpoint: `${tray.apiOrigin}/runs` })).results);
  assert.equal(notGraphql['endpoint']?.status, 'fail');
  assert.match(notGraphql['endpoint']!.message, /answers, but not as a GraphQL API: check --endpoint/);
});

test('settings that cannot be right: an unknown region, a dialog origin of another region, --endpoint without --dialog-origin, no token', async () => {
  // No network is needed for these verdicts: this fetch answers nothing, like a machine offline.
  const offline = { fetch: () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } })), timeoutMs: 1000 };
  const region = byCheck((await runDoctor({ region: 'mars', embeddedId: 'x' }, offline)).results);
  assert.match(region['region']!.message, /"mars" is not a Tray region: pass --region us, --region eu, --region ap/);

  const mixed = byCheck((await runDoctor({ region: 'us', dialogOrigin: 'https://embedded.eu1.tray.io', masterToken: MASTER_TOKEN, embeddedId: 'x' }, offline)).results);
  assert.match(mixed['dialog-origin']!.message, /is Tray's "eu" region, but the API is the "us" region's: use --dialog-origin https:\/\/embedded\.tray\.io/);
  assert.match(mixed['endpoint']!.message, /No answer from https:\/\/tray\.io\/graphql: the host name does not resolve/);

  const noDialog = byCheck((await runDoctor({ endpoint: tray.graphqlUrl, masterToken: MASTER_TOKEN, embeddedId: EMBEDDED_ID })).results);
  assert.match(noDialog['dialog-origin']!.message, /With --endpoint, pass --dialog-origin too/);

  const noToken = byCheck((await runDoctor({ ...right, masterToken: undefined })).results);
  assert.match(noToken['master-token']!.message, /No master token: pass --master-token or, better .* set TRAY_MASTER_TOKEN/);
  assert.equal(noToken['solutions']?.status, 'skipped');
});

test('solutions without a picture are a warning naming them; hostile titles cannot reach the terminal as escape codes', async (t) => {
  const bare = await startEmulator({
    masterToken: MASTER_TOKEN,
    fixture: {
      solutions: [
        { id: 'a', title: 'Plain \u001b[2Jsync', authSlots: [{ externalId: 's', title: 'Slack', service: { name: 'slack', title: 'Slack', icon: 'https://cdn.example.com/slack.svg', version: '1' } }] },
        { id: 'b', title: 'Pictured', customFields: [{ key: 'image', value: 'https://cdn.example.com/b.png' }] },
      ],
    },
  });
  t.after(() => bare.close());
  const results = byCheck((await runDoctor({ ...right, endpoint: bare.graphqlUrl, dialogOrigin: bare.dialogOrigin })).results);
  assert.equal(results['solutions']?.status, 'warn');
  assert.match(results['solutions']!.message, /^2 solutions; 2 auth-only .*; 1 without a picture \("Plain \[2Jsync"\): give each an "image" custom field/);
  assert.ok(!results['solutions']!.message.includes('\u001b'));
});

test('a page sending COOP same-origin and a strict CSP: ⚠ naming the header and its fix, ✗ for the script, the endpoints and the popup', async (t) => {
  const page = await hostPage(
    t,
    {
      'cross-origin-opener-policy': 'same-origin; report-to="coop"',
      'content-security-policy': "default-src 'self'; img-src 'self' data: https:; sandbox allow-scripts allow-same-origin",
    },
    `<!doctype html><script type="module" src="https://cdn.example.net/npm/tray-integrations/dist/cdn/tray-integrations.js"></script>
<tray-integrations endpoint="https://api.example.com/api/tray/graphql" session-endpoint="https://api.example.com/api/tray/session"></tray-integrations>`,
  );
  const run = await doctor([...emulatorArgs(), '--embedded-id', EMBEDDED_ID, '--page', page], { TRAY_MASTER_TOKEN: MASTER_TOKEN });
  assert.equal(run.code, 1);
  const line = (mark: string, pattern: RegExp) => assert.match(run.stdout, new RegExp(`^${mark} ${pattern.source}`, 'm'));
  line('✓', /The page http:\/\/127\.0\.0\.1:\d+\/settings\/integrations answers\./);
  line('⚠', /Cross-Origin-Opener-Policy: same-origin on the page cuts the Tray dialog off .* send Cross-Origin-Opener-Policy: same-origin-allow-popups instead/);
  line('✗', /Content-Security-Policy \(default-src\) blocks the widget's script https:\/\/cdn\.example\.net\/npm\/.*: add the directive script-src 'self' https:\/\/cdn\.example\.net\./);
  line('✗', /Content-Security-Policy \(default-src\) blocks the widget's endpoints at https:\/\/api\.example\.com\/api\/tray\/graphql: add the directive connect-src 'self' https:\/\/api\.example\.com\./);
  line('✗', /Content-Security-Policy's sandbox keeps the widget from opening the Tray dialog at http:\/\/127\.0\.0\.1:\d+: add allow-popups allow-popups-to-escape-sandbox to sandbox/);
  assert.match(run.stdout, /^3 checks failed \(1 warning: worth fixing, not blocking\)/m);
});

test("COOP same-origin alone is only a warning (exit 0); the README's policy with the bundle and endpoints on the page's origin passes", async (t) => {
  const coopOnly = await hostPage(t, { 'cross-origin-opener-policy': 'same-origin' }, '<tray-integrations></tray-integrations>');
  const run = await doctor([...emulatorArgs(), '--embedded-id', EMBEDDED_ID, '--page', coopOnly], { TRAY_MASTER_TOKEN: MASTER_TOKEN });
  assert.equal(run.code, 0, run.stdout);
  assert.match(run.stdout, /^⚠ Cross-Origin-Opener-Policy: same-origin/m);
  assert.match(run.stdout, /^✓ No Content-Security-Policy/m);

  const strictButRight = await hostPage(
    t,
    {
      'cross-origin-opener-policy': 'same-origin-allow-popups',
      'content-security-policy':
        "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data: https:; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
    '<script type="module" src="/assets/tray-integrations.js"></script><tray-integrations embedded-id="acme"></tray-integrations>',
  );
  const results = byCheck((await runDoctor({ ...right, page: strictButRight })).results);
  for (const check of ['page', 'page-coop', 'page-csp-script', 'page-csp-connect', 'page-csp-popups']) {
    assert.equal(results[check]?.status, 'ok', `${check}: ${results[check]?.message}`);
  }
});

test('a report-only policy that would block the widget is a warning; a nonce lets a strict-dynamic page load it', async (t) => {
  const page = await hostPage(
    t,
    {
      'content-security-policy': "script-src 'nonce-r4nd0m' 'strict-dynamic'",
      'content-security-policy-report-only': "connect-src 'self'",
    },
    '<script nonce="r4nd0m" src="https://cdn.example.net/tray-integrations.js"></script><tray-integrations endpoint="https://api.example.com/graphql"></tray-integrations>',
  );
  const results = byCheck((await runDoctor({ ...right, page })).results);
  assert.equal(results['page-csp-script']?.status, 'ok');
  assert.equal(results['page-csp-report-only']?.status, 'warn');
  assert.match(results['page-csp-report-only']!.message, /would block the widget once enforced: .*add https:\/\/api\.example\.com to connect-src/);
});

test('the token is never printed, even when the endpoint echoes it back in its errors', async (t) => {
  const echo = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: null, errors: [{ message: `Unknown header ${req.headers.authorization}`, extensions: { code: 'invalid_value' } }] }));
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => { echo.close(() => resolve()); echo.closeAllConnections(); }));
  const endpoint = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/graphql`;
  for (const args of [[], ['--json']]) {
    const run = await doctor(['--endpoint', endpoint, '--dialog-origin', tray.dialogOrigin, '--master-token', MASTER_TOKEN, ...args]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /Tray refused the user lookup: .*\[redacted\]/);
    assert.ok(!(run.stdout + run.stderr).includes(MASTER_TOKEN), run.stdout);
  }
  // A mistyped option never echoes the value given with it.
  const typo = await doctor([`--master-tokne=${MASTER_TOKEN}`]);
  assert.equal(typo.code, 1);
  assert.match(typo.stderr, /the option --master-tokne is unknown/);
  assert.ok(!(typo.stdout + typo.stderr).includes(MASTER_TOKEN));
  const stray = await doctor(['--master-tokne', MASTER_TOKEN]);
  assert.equal(stray.code, 1);
  assert.ok(!(stray.stdout + stray.stderr).includes(MASTER_TOKEN));
});
