/**
 * The emulator and the doctor as a host that ran `npm install tray-integrations` gets them:
 * the built package is packed with `npm pack` (so only what `files` ships is
 * there), unpacked into a host project's node_modules with its dependencies,
 * and npm links its `bin` (`npm rebuild`, no registry). Then the host runs
 * `tray-emulator` and `tray-integrations doctor`, and imports
 * `tray-integrations/emulator`, as docs/testing.md says.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { startEmulator } from '../../emulator/http.ts';
import { MARKETPLACE } from '../../src/services/marketplace-document.ts';
import { ROOT, builtPackage } from './built.ts';

let host: string;
/** What `npm pack` put in the tarball: path → file mode. */
let packed: Map<string, number>;
const installed = (path: string) => join(host, 'node_modules', 'tray-integrations', path);

before(async () => {
  const pkg = await builtPackage();
  host = mkdtempSync(join(tmpdir(), 'tray-host-'));
  const [pack] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', host], { cwd: pkg, encoding: 'utf8' }),
  ) as Array<{ filename: string; files: Array<{ path: string; mode: number }> }>;
  packed = new Map(pack!.files.map((file) => [file.path, file.mode]));

  mkdirSync(installed(''), { recursive: true });
  execFileSync('tar', ['-xzf', join(host, pack!.filename), '-C', installed(''), '--strip-components=1']);
  // Its dependencies, and nothing else of ours: a dev dependency the build
  // leaned on would fail to resolve here, as in a host's project.
  const manifest = JSON.parse(readFileSync(installed('package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies)) {
    mkdirSync(join(host, 'node_modules', name, '..'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(host, 'node_modules', name), 'dir');
  }
  writeFileSync(join(host, 'package.json'), JSON.stringify({ name: 'host-app', private: true, type: 'module' }));
  execFileSync('npm', ['rebuild', '--ignore-scripts', '--offline', 'tray-integrations'], { cwd: host, stdio: 'ignore' });
});

after(() => rmSync(host, { recursive: true, force: true }));

test('the packed package ships the emulator: an executable bin with a node shebang, and its entry with types', () => {
  assert.ok((packed.get('dist/emulator/cli.js') ?? 0) & 0o111, 'dist/emulator/cli.js is not executable in the tarball');
  for (const file of ['dist/emulator/index.js', 'dist/emulator/index.d.ts']) assert.ok(packed.has(file), `${file} is not in the tarball`);
  const bin = readFileSync(join(host, 'node_modules', '.bin', 'tray-emulator'), 'utf8');
  assert.equal(bin.split('\n')[0], '#!/usr/bin/env node');
});

test('npx tray-emulator --help in the host names the command the host types', () => {
  // --no: never fetch a package of that name from the registry; the host's own bin or a failure.
  const help = execFileSync('npx', ['--no', '--', 'tray-emulator', '--help'], { cwd: host, encoding: 'utf8' });
  assert.match(help, /^Usage: npx tray-emulator \[--port 8787\]/);
  assert.match(help, /npm run emulator -- /, 'the usage leaves out how to run it in a clone');
});

test('tray-emulator --port 0: prints its GraphQL URL and dialog origin, answers the Marketplace query with the master token, stops on SIGTERM', async () => {
  const secret = 'host-master-token';
  const child = spawn(join(host, 'node_modules', '.bin', 'tray-emulator'), ['--port', '0', '--dialog-port', '0', '--master-token', secret], {
    cwd: host,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const printed: Record<string, string> = {};
    for await (const line of createInterface({ input: child.stdout })) {
      output += `${line}\n`;
      const [, label, value] = /^\s+(GraphQL|Dialog origin):\s+(\S+)/.exec(line) ?? [];
      if (label) printed[label] = value!;
      if (printed['GraphQL'] && printed['Dialog origin']) break;
    }
    assert.match(printed['GraphQL'] ?? '', /^http:\/\/localhost:\d+\/graphql$/, output);
    assert.match(printed['Dialog origin'] ?? '', /^http:\/\/127\.0\.0\.1:\d+$/, output);
    child.stdout.on('data', (chunk) => (output += chunk));

    const response = await fetch(printed['GraphQL']!, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        query: MARKETPLACE,
        operationName: 'Marketplace',
        variables: { withSolutions: true, withInstances: true, withAuthentications: false },
      }),
    });
    assert.equal(response.status, 200);
    const { data, errors } = await response.json();
    assert.equal(errors, undefined);
    const fixture = JSON.parse(readFileSync(join(ROOT, 'emulator/core/default-fixture.json'), 'utf8'));
    assert.deepEqual(
      data.viewer.solutions.edges.map((edge: { node: { title: string } }) => edge.node.title),
      fixture.solutions.map((solution: { title: string }) => solution.title),
    );
    assert.deepEqual(
      data.viewer.solutionInstances.edges.map((edge: { node: { id: string } }) => edge.node.id),
      fixture.instances.map((instance: { id: string }) => instance.id),
    );
    // The dialog is served on its own origin (a code-less request gets its error page).
    const dialog = await fetch(`${printed['Dialog origin']}/external/auth/create/e/i/s`);
    assert.equal(dialog.status, 400);
    assert.match(dialog.headers.get('content-type') ?? '', /text\/html/);

    child.kill('SIGTERM');
    assert.equal(await exited, 0, output);
    assert.match(output, /stopped \(SIGTERM\)/);
    assert.ok(!output.includes(secret), 'the master token is never printed');
    await assert.rejects(fetch(printed['GraphQL']!, { method: 'POST' }), 'the port is closed');
  } finally {
    child.kill('SIGKILL');
  }
});

test("a host's test imports startEmulator from 'tray-integrations/emulator' (the package's exports) and starts and stops it", async () => {
  const probe = join(host, 'emulator-probe.mjs');
  writeFileSync(
    probe,
    `import { startEmulator, FixtureError } from 'tray-integrations/emulator';
const fixture = { solutions: [{ id: 'host-solution', title: 'Host solution' }] };
const tray = await startEmulator({ port: 0, dialogPort: 0, masterToken: 'probe-token', fixture });
const response = await fetch(tray.graphqlUrl, {
  method: 'POST',
  headers: { authorization: 'Bearer probe-token', 'content-type': 'application/json' },
  body: JSON.stringify({ query: '{ viewer { solutions { edges { node { title } } } } }' }),
});
const body = await response.json();
tray.emulator.faults.failNext(1, 'http500');
const fault = (await fetch(tray.graphqlUrl, { method: 'POST', headers: { authorization: 'Bearer probe-token' }, body: '{}' })).status;
await tray.close();
const closed = await fetch(tray.graphqlUrl, { method: 'POST' }).then(() => false, () => true);
const refused = await startEmulator({ fixture: { solutions: [{ id: 'x' }] } }).then(() => null, (error) => error instanceof FixtureError && error.message);
console.log(JSON.stringify({ resolved: import.meta.resolve('tray-integrations/emulator'), dialogOrigin: tray.dialogOrigin, body, fault, closed, refused }));
`,
  );
  // Plain node, no loader: resolution goes through the installed package's exports map.
  const { stdout } = await promisify(execFile)(process.execPath, [probe], { cwd: host });
  const result = JSON.parse(stdout);
  assert.equal(result.resolved, pathToFileURL(installed('dist/emulator/index.js')).href);
  assert.match(result.dialogOrigin, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.deepEqual(result.body, { data: { viewer: { solutions: { edges: [{ node: { title: 'Host solution' } }] } } } });
  assert.equal(result.fault, 500, 'the control surface (faults) works through the package entry');
  assert.equal(result.closed, true, 'close() stops the servers');
  assert.match(result.refused, /solutions\[0\]\.title/);
});

test('npx tray-integrations doctor in the host: an executable bin that checks the emulator, exits 0 and never prints the token', async () => {
  assert.ok((packed.get('dist/doctor/cli.js') ?? 0) & 0o111, 'dist/doctor/cli.js is not executable in the tarball');
  assert.equal(readFileSync(join(host, 'node_modules', '.bin', 'tray-integrations'), 'utf8').split('\n')[0], '#!/usr/bin/env node');
  const secret = 'host-doctor-master-token';
  const tray = await startEmulator({ masterToken: secret });
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'npx',
      ['--no', '--', 'tray-integrations', 'doctor', '--endpoint', tray.graphqlUrl, '--dialog-origin', tray.dialogOrigin, '--embedded-id', 'emulator'],
      { cwd: host, env: { ...process.env, TRAY_MASTER_TOKEN: secret } },
    );
    assert.match(stdout, /^✓ Master token accepted/m, stdout + stderr);
    assert.match(stdout, /^Nothing failed\.$/m);
    assert.ok(!(stdout + stderr).includes(secret), 'the master token is never printed');
  } finally {
    await tray.close();
  }
});
