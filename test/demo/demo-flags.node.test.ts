// `npm run demo -- --fixture <file> --latency <ms>`: the flags reach the
// emulator (the page's backend serves the file's catalogue; a long latency
// holds every answer), and a wrong flag says what to fix.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoOptionsFromArgs, startDemo, type Demo } from '../../demo/server.ts';
import { DOCUMENTS } from '../../src/services/documents.ts';

const dir = mkdtempSync(join(tmpdir(), 'tray-demo-flags-'));
const cacheDir = join(dir, 'vite-cache');
const fixturePath = join(dir, 'hostile.json');
const HOSTILE_TITLE = '<img src=x onerror=alert(1)> Big & hostile';
writeFileSync(
  fixturePath,
  JSON.stringify({
    solutions: [
      { id: 'flag-solution-1', title: HOSTILE_TITLE, tags: ['flags'] },
      { id: 'flag-solution-2', title: 'Second from the file', tags: ['flags'] },
    ],
  }),
);
after(() => rmSync(dir, { recursive: true, force: true }));

/** The widget's own first request, through the demo's backend, as the demo user. */
async function marketplaceTitles(demo: Demo, signal?: AbortSignal): Promise<string[]> {
  const session = await fetch(new URL('/api/tray/session', demo.url), { method: 'POST', signal });
  const { token } = (await session.json()) as { token: string };
  const response = await fetch(new URL('/api/tray/graphql', demo.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      query: DOCUMENTS.Marketplace,
      operationName: 'Marketplace',
      variables: { first: 100, withSolutions: true, withInstances: false, withAuthentications: false },
    }),
    signal,
  });
  const body = (await response.json()) as { data: { viewer: { solutions: { edges: Array<{ node: { title: string } }> } } } };
  return body.data.viewer.solutions.edges.map((edge) => edge.node.title);
}

describe('npm run demo flags', () => {
  test('parses --fixture and --latency alongside --port', async () => {
    const options = await demoOptionsFromArgs(['--port', '0', '--fixture', fixturePath, '--latency', '250'], {});
    assert.equal(options.port, 0);
    assert.equal(options.latencyMs, 250);
    assert.deepEqual(
      (options.fixture as { solutions: Array<{ id: string }> }).solutions.map((s) => s.id),
      ['flag-solution-1', 'flag-solution-2'],
    );
  });

  test('a wrong flag says what to fix', async () => {
    await assert.rejects(demoOptionsFromArgs(['--latency', 'soon'], {}), /--latency "soon": give the emulator's delay per request in whole milliseconds/);
    await assert.rejects(demoOptionsFromArgs(['--latency=-5'], {}), /--latency "-5"/);
    await assert.rejects(demoOptionsFromArgs(['--fixture', join(dir, 'missing.json')], {}), /Cannot read the fixture ".*missing\.json": no such file/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "solutions": [');
    await assert.rejects(demoOptionsFromArgs(['--fixture', broken], {}), /is not valid JSON/);
    const realTray = { TRAY_MASTER_TOKEN: 't', TRAY_REGION: 'us', TRAY_EMBEDDED_ID: 'e' };
    await assert.rejects(demoOptionsFromArgs(['--latency', '100'], realTray), /change the emulator: unset TRAY_MASTER_TOKEN/);
  });

  describe('served', () => {
    let demo: Demo | undefined;
    after(() => demo?.close());

    test("the page's backend serves the fixture file's catalogue, its text unchanged", async () => {
      demo = await startDemo({ ...(await demoOptionsFromArgs(['--port', '0', '--fixture', fixturePath], {})), quiet: true, hmr: false, cacheDir, env: {} });
      assert.deepEqual(await marketplaceTitles(demo), [HOSTILE_TITLE, 'Second from the file']);
      await demo.close();
      demo = undefined;
    });

    test('--latency holds every GraphQL answer in the emulator', async () => {
      // A minute of latency against half a second of patience: held, not answered.
      demo = await startDemo({ ...(await demoOptionsFromArgs(['--port', '0', '--latency', '60000'], {})), quiet: true, hmr: false, cacheDir, env: {} });
      await assert.rejects(marketplaceTitles(demo, AbortSignal.timeout(500)), (error: Error) => error.name === 'TimeoutError');
    });
  });
});
