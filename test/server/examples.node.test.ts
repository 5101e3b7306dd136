// The mounting examples in examples/server/ run as written, against the HTTP
// emulator, and docs/server.md shows them byte for byte.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator } from '../../emulator/http.ts';
import { DOCUMENTS } from '../../src/services/documents.ts';
import { closeServer, MASTER_TOKEN, type Emulator } from './support.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

const marketplace = JSON.stringify({
  query: DOCUMENTS.Marketplace,
  variables: { first: 5, withSolutions: true, withInstances: true, withAuthentications: true },
});

let emulator: Emulator;
let signedIn: Map<string, { externalUserId: string; name: string }>;
before(async () => {
  emulator = await startEmulator({ port: 0, dialogPort: 0, masterToken: MASTER_TOKEN });
  // The examples read their configuration from the environment, as a deployment would.
  process.env.TRAY_MASTER_TOKEN = MASTER_TOKEN;
  process.env.TRAY_ENDPOINT = emulator.graphqlUrl;
  process.env.PORT = '0';
  ({ signedIn } = await import('../../examples/server/your-auth.ts'));
  signedIn.set('s3cr3t-session', { externalUserId: 'example-user', name: 'Example User' });
});
after(async () => {
  await emulator.close();
});

const cookie = { cookie: 'theme=dark; session=s3cr3t-session' };

/** The journey the widget makes: a session, a marketplace read through the proxy, an auth code. */
async function widgetJourney(call: (path: string, init: RequestInit) => Promise<Response>) {
  const session = await call('/api/tray/session', { method: 'POST', headers: cookie });
  assert.equal(session.status, 200);
  const { token, userId } = (await session.json()) as { token: string; userId: string };
  assert.equal(userId, emulator.emulator.ensureUser('example-user'));

  const read = await call('/api/tray/graphql', {
    method: 'POST',
    headers: { ...cookie, 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: marketplace,
  });
  assert.equal(read.status, 200);
  const data = (await read.json()) as { data: { viewer: { solutions: { edges: unknown[] } } } };
  assert.ok(data.data.viewer.solutions.edges.length > 0);

  const code = await call('/api/tray/auth-code', { method: 'POST', headers: cookie });
  assert.equal(code.status, 200);
  assert.equal(typeof ((await code.json()) as { code: string }).code, 'string');

  const anonymous = await call('/api/tray/session', { method: 'POST' });
  assert.equal(anonymous.status, 401);
}

async function overHttp(server: Server) {
  if (!server.listening) await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return (path: string, init: RequestInit) => fetch(`${origin}${path}`, init);
}

describe('examples/server', () => {
  test('node-http.ts serves the widget\'s journey and leaves other paths to the app', async () => {
    const { server } = await import('../../examples/server/node-http.ts');
    try {
      const call = await overHttp(server);
      await widgetJourney(call);
      assert.equal((await call('/elsewhere', { method: 'GET' })).status, 404);
    } finally {
      await closeServer(server);
    }
  });

  test('express.ts serves the widget\'s journey; the app\'s own routes still get parsed JSON', async () => {
    const { app, server } = await import('../../examples/server/express.ts');
    app.post('/echo', (req, res) => {
      res.json(req.body);
    });
    try {
      const call = await overHttp(server);
      await widgetJourney(call);
      const echo = await call('/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
      assert.deepEqual(await echo.json(), { a: 1 });
    } finally {
      await closeServer(server);
    }
  });

  test('next-route.ts: the exported POST and GET answer Requests as Next.js calls them', async () => {
    const { POST, GET } = await import('../../examples/server/next-route.ts');
    await widgetJourney((path, init) => POST(new Request(`http://localhost:3000${path}`, init)));
    const wrong = await GET(new Request('http://localhost:3000/api/tray/session'));
    assert.equal(wrong.status, 405);
  });
});

describe('docs/server.md', () => {
  const doc = read('docs/server.md');
  const snippets = [...doc.matchAll(/<!-- snippet: (\S+) -->\n```ts\n([\s\S]*?)```\n/g)].map((m) => ({ path: m[1]!, code: m[2]! }));

  test('shows every example file', () => {
    const files = readdirSync(new URL('examples/server/', root)).map((name) => `examples/server/${name}`);
    assert.deepEqual(snippets.map((s) => s.path).sort(), files.sort());
  });

  for (const path of ['examples/server/your-auth.ts', 'examples/server/node-http.ts', 'examples/server/express.ts', 'examples/server/next-route.ts']) {
    test(`its copy of ${path} is byte-identical to the file`, () => {
      const snippet = snippets.find((s) => s.path === path);
      assert.ok(snippet, `docs/server.md has no snippet for ${path}`);
      assert.equal(snippet.code, read(path));
    });
  }
});
