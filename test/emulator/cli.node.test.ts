/** `npm run emulator`: starts on the given ports, answers, never prints the token, stops on a signal. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEMO_INSTANCE_ID, DEMO_USER_ID } from './support.ts';

const CLI = join(import.meta.dirname, '../../emulator/cli.ts');

function startCli(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(read());
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`no ${pattern} in output:\n${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`prints its GraphQL URL and dialog origin, serves with the given master token, stops on ${signal}`, async () => {
    const secret = `cli-secret-${signal}`;
    const cli = startCli(['--port', '0', '--dialog-port', '0', '--master-token', secret]);
    try {
      const [, graphqlUrl] = await waitFor(cli.output, /GraphQL:\s+(http:\/\/localhost:\d+\/graphql)/);
      const [, dialogOrigin] = await waitFor(cli.output, /Dialog origin:\s+(http:\/\/127\.0\.0\.1:\d+)/);
      const response = await fetch(graphqlUrl!, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ users { edges { node { externalUserId } } } }' }),
      });
      assert.deepEqual(await response.json(), { data: { users: { edges: [{ node: { externalUserId: 'demo-user' } }] } } });
      assert.equal((await fetch(`${dialogOrigin}/external/auth/create/e/i/s`)).status, 400);
      cli.child.kill(signal);
      assert.equal(await cli.exited, 0);
      assert.match(cli.output(), new RegExp(`stopped \\(${signal}\\)`));
      assert.ok(!cli.output().includes(secret), 'the master token is never printed');
      await assert.rejects(fetch(graphqlUrl!, { method: 'POST' }), 'the port is closed');
    } finally {
      cli.child.kill('SIGKILL');
    }
  });
}

test('a fixture file is loaded, and a broken one exits 1 saying what to fix', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const good = join(dir, 'good.json');
  await writeFile(good, JSON.stringify({ solutions: [{ id: 'only', title: 'Only solution' }] }));
  const cli = startCli(['--port', '0', '--dialog-port', '0', '--fixture', good]);
  try {
    const [, graphqlUrl] = await waitFor(cli.output, /GraphQL:\s+(\S+)/);
    const response = await fetch(graphqlUrl!, {
      method: 'POST',
      headers: { authorization: 'Bearer emulator-master-token', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { solutions { edges { node { title } } } } }' }),
    });
    assert.deepEqual((await response.json()).data.viewer.solutions.edges, [{ node: { title: 'Only solution' } }]);
    cli.child.kill('SIGTERM');
    assert.equal(await cli.exited, 0);
  } finally {
    cli.child.kill('SIGKILL');
  }

  const bad = join(dir, 'bad.json');
  await writeFile(bad, JSON.stringify({ solutions: [{ id: 'x' }] }));
  const failing = startCli(['--port', '0', '--dialog-port', '0', '--fixture', bad]);
  assert.equal(await failing.exited, 1);
  assert.match(failing.output(), /fixture\.solutions\[0\]\.title: expected a non-empty string/);
});

test('the example fixture shown in docs/testing.md loads and serves its solutions and user', async () => {
  const cli = startCli(['--port', '0', '--dialog-port', '0', '--fixture', join(import.meta.dirname, '../../emulator/fixtures/example.json')]);
  try {
    const [, graphqlUrl] = await waitFor(cli.output, /GraphQL:\s+(\S+)/);
    const response = await fetch(graphqlUrl!, {
      method: 'POST',
      headers: { authorization: 'Bearer emulator-master-token', 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ viewer { solutions { edges { node { title configSlots { externalId } authSlots { title } } } } } users { edges { node { externalUserId } } } }',
      }),
    });
    const { data } = await response.json();
    assert.deepEqual(data.viewer.solutions.edges.map((e: { node: unknown }) => e.node), [
      { title: 'Slack alerts', configSlots: [], authSlots: [{ title: 'Slack workspace' }] },
      { title: 'Weekly report to Google Sheets', configSlots: [{ externalId: 'external_sheet_name' }], authSlots: [{ title: 'Google account' }] },
    ]);
    assert.deepEqual(data.users.edges, [{ node: { externalUserId: 'example-user' } }]);
  } finally {
    cli.child.kill('SIGKILL');
  }
});

test('every flag docs/testing.md lists for the emulator is one the command accepts', async () => {
  const { readFile } = await import('node:fs/promises');
  const page = await readFile(join(import.meta.dirname, '../../docs/testing.md'), 'utf8');
  const flags = [...page.matchAll(/^\| `(--[a-z-]+)/gm)].map((m) => m[1]!);
  assert.ok(flags.length >= 4, `docs/testing.md lists ${flags.length} flags`);
  const help = startCli(['--help']);
  assert.equal(await help.exited, 0);
  for (const flag of flags) assert.ok(help.output().includes(flag), `docs/testing.md lists ${flag}, which npm run emulator -- --help does not`);
});

test('--drop-auth-finish makes the dialog close after Allow without posting finish', async () => {
  const cli = startCli(['--port', '0', '--dialog-port', '0', '--drop-auth-finish']);
  try {
    const [, graphqlUrl] = await waitFor(cli.output, /GraphQL:\s+(http:\/\/localhost:\d+\/graphql)/);
    const [, dialogOrigin] = await waitFor(cli.output, /Dialog origin:\s+(http:\/\/127\.0\.0\.1:\d+)/);
    assert.match(cli.output(), /drops its finish message/);
    const answer = await fetch(graphqlUrl!, {
      method: 'POST',
      headers: { authorization: 'Bearer emulator-master-token', 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation { generateAuthorizationCode(input: {userId: "${DEMO_USER_ID}"}) { authorizationCode } }` }),
    });
    const code = (await answer.json()).data.generateAuthorizationCode.authorizationCode as string;
    const path = `/external/auth/create/e/${DEMO_INSTANCE_ID}/external_stripe_authentication`;
    const form = await (await fetch(`${dialogOrigin}${path}?code=${code}`)).text();
    const session = /name="session" value="([^"]+)"/.exec(form)![1]!;
    const finished = await (await fetch(`${dialogOrigin}${path}`, { method: 'POST', body: new URLSearchParams({ session }) })).text();
    assert.match(finished, /Stripe connected/);
    assert.ok(!finished.includes('tray.authpopup.finish'), 'no finish message is posted');
  } finally {
    cli.child.kill('SIGKILL');
  }
});
