// The host backend over real sockets: browser-side fetch → Node http server
// running createTrayHandler through toNodeListener → the HTTP emulator.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENTS } from '../../src/services/documents.ts';
import { createTrayHandler, TOKEN_LIFETIME_MS, TOKEN_REFRESH_MARGIN_MS } from '../../src/server/index.ts';
import { DEMO_INSTANCE_ID, DEMO_USER, MASTER_TOKEN, startStack, trayDirect, type Stack } from './support.ts';

const MARKETPLACE_VARIABLES = { first: 50, withSolutions: true, withInstances: true, withAuthentications: true };
const marketplace = { query: DOCUMENTS.Marketplace, variables: MARKETPLACE_VARIABLES, operationName: 'Marketplace' };

const names = (stack: Stack) => stack.calls.map((call) => call.operationName);

let stack: Stack;
before(async () => {
  stack = await startStack();
});
after(async () => {
  // Nothing any test received, and nothing logged, may contain the master token.
  for (const body of stack.bodies) assert.ok(!body.includes(MASTER_TOKEN), `a response leaked the master token: ${body}`);
  for (const entry of stack.logs) assert.ok(!entry.message.includes(MASTER_TOKEN), `a log line leaked the master token: ${entry.message}`);
  // Nor may a log line hold any user token or code handed out.
  const issued = stack.bodies.flatMap((body) => {
    try {
      const parsed = JSON.parse(body) as { token?: unknown; code?: unknown };
      return [parsed.token, parsed.code].filter((v): v is string => typeof v === 'string');
    } catch {
      return [];
    }
  });
  assert.ok(issued.length > 5, 'the suite handed out tokens and codes');
  assert.ok(stack.logs.length > 0, 'the suite produced log lines to check');
  for (const entry of stack.logs) for (const secret of issued) assert.ok(!entry.message.includes(secret), `a log line leaked a token or code: ${entry.message}`);
  await stack.close();
});

describe('POST /session', () => {
  test('creates the Tray user on first sign-in and returns a working user token', async () => {
    const before = stack.calls.length;
    const { status, json, headers } = await stack.post('/session', { user: 'new-user-1' });
    assert.equal(status, 200);
    assert.equal(headers.get('cache-control'), 'no-store');
    assert.equal(typeof json.token, 'string');
    assert.notEqual(json.token, MASTER_TOKEN);
    assert.equal(typeof json.userId, 'string');
    assert.equal(Date.parse(json.expiresAt), stack.clock.now + TOKEN_LIFETIME_MS);
    assert.deepEqual(names(stack).slice(before), ['TrayServerFindUser', 'TrayServerCreateUser', 'TrayServerAuthorize']);

    // Tray now has exactly that user under the host's id.
    const users = await trayDirect(
      stack.emulator,
      MASTER_TOKEN,
      'query($e: String!) { users(criteria: { externalUserId: $e }) { edges { node { id name externalUserId } } } }',
      { e: 'new-user-1' },
    );
    assert.deepEqual(JSON.parse(users.text).data.users.edges, [
      { node: { id: json.userId, name: 'User new-user-1', externalUserId: 'new-user-1' } },
    ]);

    // The token is the user's own: Tray answers viewer queries with it.
    const viewer = await trayDirect(stack.emulator, json.token, '{ viewer { details { name } } }');
    assert.equal(viewer.status, 200);
    assert.equal(JSON.parse(viewer.text).data.viewer.details.name, 'User new-user-1');
  });

  test('finds an existing Tray user instead of creating one', async () => {
    const before = stack.calls.length;
    const { status, json } = await stack.post('/session', { user: DEMO_USER.externalUserId });
    assert.equal(status, 200);
    assert.equal(json.userId, DEMO_USER.id);
    assert.deepEqual(names(stack).slice(before), ['TrayServerFindUser', 'TrayServerAuthorize']);
  });

  test('reuses the cached mapping and token: no second lookup, no second authorize', async () => {
    const first = await stack.post('/session', { user: 'cached-user' });
    const before = stack.calls.length;
    const trayBefore = stack.emulator.emulator.requests.length;
    const second = await stack.post('/session', { user: 'cached-user' });
    assert.equal(second.status, 200);
    assert.deepEqual(second.json, first.json);
    assert.equal(stack.calls.length, before, 'a cached session must not call Tray at all');
    // Tray's side agrees: its request log has nothing new.
    assert.deepEqual(stack.emulator.emulator.requests.slice(trayBefore), []);
  });

  test('concurrent first requests for one user create it once and share one token', async () => {
    const before = stack.calls.length;
    const results = await Promise.all(Array.from({ length: 6 }, () => stack.post('/session', { user: 'racing-user' })));
    for (const result of results) assert.equal(result.status, 200);
    assert.equal(new Set(results.map((r) => r.json.token)).size, 1);
    const made = names(stack).slice(before);
    assert.deepEqual(made, ['TrayServerFindUser', 'TrayServerCreateUser', 'TrayServerAuthorize']);
  });

  test('a token close to expiry is replaced by a new authorize, without a new lookup', async () => {
    const first = await stack.post('/session', { user: 'expiring-user' });
    stack.clock.now += TOKEN_LIFETIME_MS - TOKEN_REFRESH_MARGIN_MS - 1000;
    const before = stack.calls.length;
    const still = await stack.post('/session', { user: 'expiring-user' });
    assert.equal(still.json.token, first.json.token, 'still fresh enough: the cached token');
    assert.equal(stack.calls.length, before);

    stack.clock.now += 2000;
    const renewed = await stack.post('/session', { user: 'expiring-user' });
    assert.equal(renewed.status, 200);
    assert.notEqual(renewed.json.token, first.json.token);
    assert.equal(renewed.json.userId, first.json.userId);
    assert.equal(Date.parse(renewed.json.expiresAt), stack.clock.now + TOKEN_LIFETIME_MS);
    assert.deepEqual(names(stack).slice(before), ['TrayServerAuthorize']);
  });

  test('a signed-out request gets 401 JSON and Tray is not called', async () => {
    const before = stack.calls.length;
    const { status, json } = await stack.post('/session', { user: null });
    assert.equal(status, 401);
    assert.equal(json.error.code, 'unauthenticated');
    assert.equal(stack.calls.length, before);
  });
});

describe('POST /auth-code', () => {
  test('returns a fresh single-use code for the signed-in user every time', async () => {
    await stack.post('/session', { user: 'coder' });
    const before = stack.calls.length;
    const one = await stack.post('/auth-code', { user: 'coder' });
    const two = await stack.post('/auth-code', { user: 'coder' });
    assert.equal(one.status, 200);
    assert.equal(two.status, 200);
    assert.equal(typeof one.json.code, 'string');
    assert.notEqual(one.json.code, two.json.code, 'codes are never cached');
    assert.deepEqual(names(stack).slice(before), ['TrayServerAuthCode', 'TrayServerAuthCode']);
    assert.ok(stack.calls.slice(before).every((call) => call.token === MASTER_TOKEN));
  });

  test('works before any /session, creating the user once', async () => {
    const before = stack.calls.length;
    const { status, json } = await stack.post('/auth-code', { user: 'code-first' });
    assert.equal(status, 200);
    assert.equal(typeof json.code, 'string');
    assert.deepEqual(names(stack).slice(before), ['TrayServerFindUser', 'TrayServerCreateUser', 'TrayServerAuthCode']);
  });

  test('a signed-out request gets 401 and no code', async () => {
    const { status, json } = await stack.post('/auth-code', { user: null });
    assert.equal(status, 401);
    assert.equal(json.code, undefined);
    assert.equal(json.error.code, 'unauthenticated');
  });
});

describe('POST /graphql', () => {
  let token: string;
  before(async () => {
    token = (await stack.post('/session', { user: 'proxy-user' })).json.token;
  });

  test('forwards the widget\'s query with the caller\'s own token, never the master token', async () => {
    const before = stack.calls.length;
    const { status, json } = await stack.post('/graphql', { user: 'proxy-user', token, body: marketplace });
    assert.equal(status, 200);
    assert.ok(Array.isArray(json.data.viewer.solutions.edges));
    assert.ok(json.data.viewer.solutions.edges.length > 0, 'the fixture\'s solutions come back');
    assert.deepEqual(stack.calls.slice(before), [{ operationName: 'Marketplace', token }]);
  });

  test('forwards a widget mutation and returns Tray\'s answer', async () => {
    const solutionId = (await stack.post('/graphql', { user: 'proxy-user', token, body: marketplace })).json.data.viewer
      .solutions.edges[0].node.id;
    const { status, json } = await stack.post('/graphql', {
      user: 'proxy-user',
      token,
      body: { query: DOCUMENTS.CreateInstance, variables: { solutionId, instanceName: 'Mine' } },
    });
    assert.equal(status, 200);
    assert.equal(json.data.createSolutionInstance.solutionInstance.name, 'Mine');
    assert.equal(json.data.createSolutionInstance.solutionInstance.enabled, false);
  });

  test('forwards the accounts view\'s documents: the user\'s authentications, and removing one of them', async () => {
    const store = stack.emulator.emulator.store;
    const userId = [...store.users.values()].find((u) => u.externalUserId === 'proxy-user')!.id;
    const auth = store.createAuthentication(userId, 'Team Slack', { id: 'service-slack', name: 'slack', title: 'Slack', icon: 'data:,', version: '1', authType: 'oauth' });
    const list = async () =>
      (await stack.post('/graphql', { user: 'proxy-user', token, body: { query: DOCUMENTS.Authentications } })).json.data.viewer.authentications.edges.map(
        (e: { node: { id: string } }) => e.node.id,
      );
    assert.ok((await list()).includes(auth.id));
    const before = stack.calls.length;
    const removed = await stack.post('/graphql', { user: 'proxy-user', token, body: { query: DOCUMENTS.RemoveAuthentication, variables: { authenticationId: auth.id } } });
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.json, { data: { removeAuthentication: { clientMutationId: null } } });
    assert.deepEqual(stack.calls.slice(before), [{ operationName: 'RemoveAuthentication', token }]);
    assert.ok(!(await list()).includes(auth.id));
  });

  test('passes Tray\'s error body and status through unchanged (another user\'s instance)', async () => {
    const body = { query: DOCUMENTS.UpdateInstance, variables: { solutionInstanceId: DEMO_INSTANCE_ID, enabled: false } };
    const proxied = await stack.post('/graphql', { user: 'proxy-user', token, body });
    const direct = await fetch(stack.emulator.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...body, operationName: 'UpdateInstance' }),
    });
    const directText = await direct.text();
    assert.equal(proxied.json.errors[0].extensions.code, 'resource_does_not_exist');
    assert.equal(proxied.status, direct.status);
    assert.deepEqual(proxied.json, JSON.parse(directText));
  });

  test('passes Tray\'s 401 through for a token Tray does not know', async () => {
    const { status, json } = await stack.post('/graphql', { user: 'proxy-user', token: 'not-a-real-token', body: marketplace });
    assert.equal(status, 401);
    assert.ok(Array.isArray(json.errors));
  });

  const refused: Array<[string, unknown, string]> = [
    ['a foreign query', { query: '{ viewer { details { email } } }' }, 'operation-not-allowed'],
    [
      'a master-only mutation',
      { query: 'mutation { authorize(input: { userId: "7d3f5a10-5c1e-4e8b-9a52-0d3e6f1a2b01" }) { accessToken } }' },
      'operation-not-allowed',
    ],
    ['a widget document with a byte changed', { query: DOCUMENTS.Instance.replace('Instance(', 'Instanc(') }, 'operation-not-allowed'],
    ['a widget document under another operationName', { query: DOCUMENTS.Instance, operationName: 'Marketplace' }, 'operation-not-allowed'],
    ['a batch', [marketplace], 'bad-request'],
    ['a body without query', { variables: {} }, 'bad-request'],
    ['variables that are not an object', { query: DOCUMENTS.Marketplace, variables: [1] }, 'bad-request'],
  ];
  for (const [what, body, code] of refused) {
    test(`refuses ${what} with 400 and does not forward it`, async () => {
      const before = stack.calls.length;
      const { status, json } = await stack.post('/graphql', { user: 'proxy-user', token, body });
      assert.equal(status, 400);
      assert.equal(json.error.code, code);
      assert.equal(json.errors[0].message, json.error.message, 'GraphQL clients see the same message');
      assert.equal(stack.calls.length, before);
    });
  }

  test('refuses the master token as a bearer, without forwarding or echoing it', async () => {
    const before = stack.calls.length;
    const { status, json, text } = await stack.post('/graphql', { user: 'proxy-user', token: MASTER_TOKEN, body: marketplace });
    assert.equal(status, 403);
    assert.equal(json.error.code, 'master-token-refused');
    assert.ok(!text.includes(MASTER_TOKEN));
    assert.equal(stack.calls.length, before);
    assert.ok(stack.logs.some((entry) => entry.code === 'master-token-from-browser'), 'the host is warned');
  });

  test('without Authorization: 401, not forwarded', async () => {
    const before = stack.calls.length;
    const { status, json } = await stack.post('/graphql', { user: 'proxy-user', body: marketplace });
    assert.equal(status, 401);
    assert.equal(json.error.code, 'unauthenticated');
    assert.equal(stack.calls.length, before);
  });

  test('signed out: 401 even with a valid token', async () => {
    const { status } = await stack.post('/graphql', { user: null, token, body: marketplace });
    assert.equal(status, 401);
  });

  test('malformed JSON: 400', async () => {
    const { status, json } = await stack.post('/graphql', {
      user: 'proxy-user',
      token,
      raw: '{"query": ',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(status, 400);
    assert.equal(json.error.code, 'malformed-json');
  });

  test('oversize body: 413, declared or streamed', async () => {
    const big = JSON.stringify({ query: DOCUMENTS.Marketplace, variables: { pad: 'x'.repeat(70 * 1024) } });
    const declared = await stack.post('/graphql', { user: 'proxy-user', token, raw: big });
    assert.equal(declared.status, 413);
    assert.equal(declared.json.error.code, 'body-too-large');

    // Chunked, no Content-Length: the limit applies while reading.
    const chunks = [big.slice(0, 1000), big.slice(1000)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const streamed = await fetch(`${stack.origin}/api/tray/graphql`, {
      method: 'POST',
      headers: { 'x-test-user': 'proxy-user', authorization: `Bearer ${token}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.equal(((await streamed.json()) as { error: { code: string } }).error.code, 'body-too-large');
  });
});

describe('rate limits', () => {
  test('Tray\'s rate limit on a master call: 429 rate-limited, so the browser may retry', async () => {
    stack.emulator.emulator.faults.failNext(1, 'rate-limit');
    const { status, json } = await stack.post('/session', { user: 'limited-user' });
    assert.equal(status, 429);
    assert.equal(json.error.code, 'rate-limited');
    const retry = await stack.post('/session', { user: 'limited-user' });
    assert.equal(retry.status, 200);
  });

  test('Tray\'s rate limit through the proxy: Tray\'s own status and body', async () => {
    const token = (await stack.post('/session', { user: 'limited-user' })).json.token;
    stack.emulator.emulator.faults.failNext(1, 'rate-limit');
    const { status, json } = await stack.post('/graphql', { user: 'limited-user', token, body: marketplace });
    assert.equal(status, stack.emulator.emulator.requests.at(-1)!.status);
    assert.equal(json.errors[0].message, 'Rate limit exceeded');
    assert.equal(json.errors[0].extensions.code, 'access_not_allowed');
  });
});

describe('routing', () => {
  for (const path of ['/session', '/auth-code', '/graphql']) {
    test(`GET ${path}: 405 with Allow: POST`, async () => {
      const { status, headers, json } = await stack.post(path, { method: 'GET' });
      assert.equal(status, 405);
      assert.equal(headers.get('allow'), 'POST');
      assert.equal(json.error.code, 'method-not-allowed');
    });
  }

  test('unknown path under the base path: 404 JSON', async () => {
    const { status, json } = await stack.post('/users');
    assert.equal(status, 404);
    assert.equal(json.error.code, 'not-found');
  });
});

describe('recovering when Tray forgets', () => {
  test('a cached token Tray rejects is replaced, and a cached user Tray no longer has is looked up again', async () => {
    const own = await startStack();
    try {
      const first = (await own.post('/session', { user: 'forgotten' })).json;
      // Tray loses every user and token (the emulator back to its fixture).
      own.emulator.emulator.reset();
      const rejected = await own.post('/graphql', { user: 'forgotten', token: first.token, body: marketplace });
      assert.equal(rejected.status, 401);

      const before = own.calls.length;
      const again = await own.post('/session', { user: 'forgotten' });
      assert.equal(again.status, 200);
      assert.notEqual(again.json.token, first.token);
      assert.deepEqual(names(own).slice(before), [
        'TrayServerAuthorize', // with the cached id: Tray says user_does_not_exist
        'TrayServerFindUser',
        'TrayServerCreateUser',
        'TrayServerAuthorize',
      ]);
      const works = await own.post('/graphql', { user: 'forgotten', token: again.json.token, body: marketplace });
      assert.equal(works.status, 200);
    } finally {
      await own.close();
    }
  });
});

describe('master-token failures', () => {
  test('a wrong master token: a clear 502 that leaks neither token, in the response or the log', async () => {
    const wrong = 'wrong-master-token-abcdef';
    const other = await startStack({ masterToken: wrong }, stack.emulator);
    try {
      const { status, json, text } = await other.post('/session', { user: 'someone' });
      assert.equal(status, 502);
      assert.equal(json.error.code, 'master-token-rejected');
      assert.match(json.error.message, /masterToken/);
      for (const secret of [wrong, MASTER_TOKEN]) {
        assert.ok(!text.includes(secret));
        for (const entry of other.logs) assert.ok(!entry.message.includes(secret));
      }
      assert.ok(other.logs.some((entry) => entry.code === 'master-token-rejected'), 'the host sees why in its log');
    } finally {
      await other.close();
    }
  });

  test('Tray unreachable: 502 naming the endpoint, no token', async () => {
    const other = await startStack({ endpoint: 'http://127.0.0.1:9/graphql' }, stack.emulator);
    try {
      const { status, json, text } = await other.post('/session', { user: 'someone' });
      assert.equal(status, 502);
      assert.equal(json.error.code, 'network');
      assert.match(json.error.message, /127\.0\.0\.1:9/);
      assert.ok(!text.includes(MASTER_TOKEN));
    } finally {
      await other.close();
    }
  });
});

describe('configuration', () => {
  const getUser = () => null;
  test('a missing master token is a clear error at startup', () => {
    assert.throws(() => createTrayHandler({ masterToken: '', getUser }), /masterToken is required/);
    assert.throws(() => createTrayHandler({ masterToken: undefined as unknown as string, getUser }), /masterToken is required/);
  });
  test('an unknown region names the valid ones', () => {
    assert.throws(() => createTrayHandler({ masterToken: 'm', region: 'mars', getUser }), /use one of us, eu, ap/);
  });
  test('a relative endpoint is refused', () => {
    assert.throws(() => createTrayHandler({ masterToken: 'm', endpoint: '/graphql', getUser }), /not an absolute URL/);
  });
  test('the region picks Tray\'s endpoint from the shared region table', async () => {
    const seen: string[] = [];
    const handler = createTrayHandler({
      masterToken: 'm',
      region: 'eu',
      getUser: () => ({ externalUserId: 'u', name: 'U' }),
      fetch: async (input) => {
        seen.push(String(input));
        throw new TypeError('offline in this test');
      },
      log: () => undefined,
    });
    const response = await handler(new Request('http://host/api/tray/session', { method: 'POST' }));
    assert.equal(response.status, 502);
    assert.deepEqual(seen, ['https://eu1.tray.io/graphql']);
  });
  test('a custom basePath moves every endpoint', async () => {
    const handler = createTrayHandler({ masterToken: 'm', basePath: '/tray/', getUser });
    assert.equal((await handler(new Request('http://host/tray/session', { method: 'POST' }))).status, 401);
    assert.equal((await handler(new Request('http://host/api/tray/session', { method: 'POST' }))).status, 404);
  });
});
