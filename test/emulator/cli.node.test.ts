/** `npm run emulator`: starts on the given ports, answers, never prints the token, stops on a signal. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

test('a fixture file is loaded, and a broken one exits 1 saying what to fix', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-cli-'));
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
