// toNodeListener under Express: with and without a body parser before it,
// mounted at the root or under a prefix, passing other paths on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import express from 'express';
import { DOCUMENTS } from '../../src/services/documents.ts';
import { createTrayHandler, toNodeListener, type NodeContext } from '../../src/server/index.ts';
import { closeServer, headerUser, listen, MASTER_TOKEN, type Emulator } from './support.ts';
import { startEmulator } from '../../emulator/http.ts';

const marketplace = JSON.stringify({
  query: DOCUMENTS.Marketplace,
  variables: { first: 5, withSolutions: true, withInstances: false, withAuthentications: false },
});

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator({ port: 0, dialogPort: 0, masterToken: MASTER_TOKEN });
});
after(async () => {
  await emulator.close();
});

function trayListener() {
  return toNodeListener(createTrayHandler({ masterToken: MASTER_TOKEN, endpoint: emulator.graphqlUrl, getUser: headerUser, log: () => undefined }));
}

async function withApp(app: express.Express, run: (origin: string) => Promise<void>) {
  const server = createServer(app);
  const origin = await listen(server);
  try {
    await run(origin);
  } finally {
    await closeServer(server);
  }
}

async function sessionToken(origin: string, prefix = '/api/tray'): Promise<string> {
  const response = await fetch(`${origin}${prefix}/session`, { method: 'POST', headers: { 'x-test-user': 'express-user' } });
  assert.equal(response.status, 200);
  return ((await response.json()) as { token: string }).token;
}

function proxy(origin: string, token: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${origin}/api/tray/graphql`, {
    method: 'POST',
    headers: { 'x-test-user': 'express-user', authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body,
  });
}


/** A signed-in widget's Marketplace query goes through and Tray's solutions come back. */
async function forwardsMarketplace(origin: string): Promise<void> {
  const token = await sessionToken(origin);
  const response = await proxy(origin, token, marketplace);
  assert.equal(response.status, 200);
  const json = (await response.json()) as { data: { viewer: { solutions: { edges: unknown[] } } } };
  assert.ok(json.data.viewer.solutions.edges.length > 0);
}

describe('Express, mounted before any body parser', () => {
  const app = express();
  before(() => {
    app.use(trayListener());
    app.use(express.json());
    app.post('/echo', (req, res) => {
      res.json({ got: req.body });
    });
  });

  test('answers its endpoints and forwards the widget\'s query', async () => {
    await withApp(app, forwardsMarketplace);
  });

  test('its own 400 for malformed JSON and 413 for oversize bodies', async () => {
    await withApp(app, async (origin) => {
      const token = await sessionToken(origin);
      const malformed = await proxy(origin, token, '{nope');
      assert.equal(malformed.status, 400);
      assert.equal(((await malformed.json()) as { error: { code: string } }).error.code, 'malformed-json');
      const big = await proxy(origin, token, JSON.stringify({ query: 'x'.repeat(100 * 1024) }));
      assert.equal(big.status, 413);
      assert.equal(((await big.json()) as { error: { code: string } }).error.code, 'body-too-large');
    });
  });

  test('other paths go on to the app with their body unread', async () => {
    await withApp(app, async (origin) => {
      const response = await fetch(`${origin}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ hello: 'world' }),
      });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { got: { hello: 'world' } });
    });
  });
});

describe('Express, mounted after express.json()', () => {
  const app = express();
  before(() => {
    app.use(express.json({ limit: '1mb' }));
    app.use(trayListener());
  });

  test('uses the parsed body: the widget\'s query still matches and is forwarded', async () => {
    await withApp(app, forwardsMarketplace);
  });

  test('still refuses foreign operations and bodies over its own limit', async () => {
    await withApp(app, async (origin) => {
      const token = await sessionToken(origin);
      const foreign = await proxy(origin, token, JSON.stringify({ query: '{ users { edges { node { id } } } }' }));
      assert.equal(foreign.status, 400);
      assert.equal(((await foreign.json()) as { error: { code: string } }).error.code, 'operation-not-allowed');
      // Under express.json's 1mb, over this package's 64 KiB.
      const big = await proxy(origin, token, JSON.stringify({ query: DOCUMENTS.Marketplace, variables: { pad: 'x'.repeat(80 * 1024) } }));
      assert.equal(big.status, 413);
    });
  });

  test('malformed JSON is answered by express.json first (documented)', async () => {
    await withApp(app, async (origin) => {
      const response = await proxy(origin, 'some-token', '{nope');
      assert.equal(response.status, 400);
    });
  });
});

describe('Express, mounted under a prefix', () => {
  test('app.use("/api/tray", …) still matches the full path', async () => {
    const app = express();
    app.use('/api/tray', trayListener());
    await withApp(app, async (origin) => {
      const token = await sessionToken(origin);
      assert.equal(typeof token, 'string');
      const response = await proxy(origin, token, marketplace);
      assert.equal(response.status, 200);
    });
  });
});

describe('getUser context', () => {
  test('receives the Node request, so a host can use what its middleware set (req.user)', async () => {
    const app = express();
    app.use((req, _res, next) => {
      (req as express.Request & { user?: { id: string } }).user = { id: 'from-passport' };
      next();
    });
    app.use(
      toNodeListener(
        createTrayHandler<NodeContext>({
          masterToken: MASTER_TOKEN,
          endpoint: emulator.graphqlUrl,
          getUser: (_request, context) => {
            const user = (context?.req as (express.Request & { user?: { id: string } }) | undefined)?.user;
            return user ? { externalUserId: user.id, name: 'Passport User' } : null;
          },
        }),
      ),
    );
    await withApp(app, async (origin) => {
      const response = await fetch(`${origin}/api/tray/session`, { method: 'POST' });
      assert.equal(response.status, 200);
      const { userId } = (await response.json()) as { userId: string };
      assert.equal(userId, emulator.emulator.ensureUser('from-passport'));
    });
  });
});

describe('plain http without next', () => {
  test('paths outside the base path get the handler\'s 404', async () => {
    const server = createServer(trayListener());
    const origin = await listen(server);
    try {
      const response = await fetch(`${origin}/elsewhere`, { method: 'POST' });
      assert.equal(response.status, 404);
    } finally {
      await closeServer(server);
    }
  });
});
