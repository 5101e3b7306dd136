/**
 * The host backend's GraphQL proxy under hostile input, over real loopback
 * sockets against the HTTP emulator: a few thousand random requests from a
 * seeded generator (a failure prints its seed and index, so it reproduces)
 * never crash it, always get a 2xx/4xx JSON answer, and never make it send
 * the master token to Tray: the emulator's own request log shows no
 * master-token request on the proxy path, and no answer echoes the token.
 *
 * The endpoint-by-endpoint refusals (foreign operation, oversize, malformed,
 * no session, master token as bearer) are proven one by one in
 * test/server/handler.node.test.ts; this adds what a bored attacker would try.
 */
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/http.ts';
import { DOCUMENTS } from '../../src/services/documents.ts';
import { MASTER_TOKEN, startStack, type Stack } from '../server/support.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 0x7a11);
const COUNT = Number(process.env.FUZZ_COUNT ?? 2500);
const PARALLEL = 16;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const FOREIGN = [
  '{ users { edges { node { id externalUserId } } } }',
  'mutation { authorize(input: {userId: "7d3f5a10-5c1e-4e8b-9a52-0d3e6f1a2b01"}) { accessToken } }',
  'mutation { generateAuthorizationCode(input: {userId: "x"}) { authorizationCode } }',
  'mutation { createExternalUser(input: {name: "x", externalUserId: "x"}) { userId } }',
  '{ __schema { types { name } } }',
  '{ viewer { solutionInstances(criteria: {owner: "someone"}) { edges { node { id } } } } }',
];
const WIDGET = Object.values(DOCUMENTS);
const NAMES = Object.keys(DOCUMENTS);
const NASTY_STRINGS = ['', ' ', '\u0000', '\ud800', '<script>', '"}', '${}', '__proto__', 'constructor', '../../etc/passwd', 'x'.repeat(5000), '🙂'.repeat(100)];

function randomString(r: Rng): string {
  if (r.next() < 0.4) return r.pick(NASTY_STRINGS);
  return Array.from({ length: r.int(40) }, () => String.fromCharCode(r.int(0x2fff))).join('');
}

function randomValue(r: Rng, depth = 0): unknown {
  const kind = r.int(depth > 3 ? 5 : 8);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return r.next() < 0.5;
    case 2:
      return r.pick([0, -1, 1e308, Number.MAX_SAFE_INTEGER, 0.5, -0]);
    case 3:
    case 4:
      return randomString(r);
    case 5:
      return Array.from({ length: r.int(5) }, () => randomValue(r, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = r.int(5); i > 0; i--) out[r.next() < 0.3 ? r.pick(['__proto__', 'constructor', 'prototype', 'query', 'id']) : randomString(r)] = randomValue(r, depth + 1);
      return out;
    }
  }
}

/** A query that is the widget's own document, almost (the allow-list must be byte-exact), or something else. */
function randomQuery(r: Rng): unknown {
  const doc = r.pick(WIDGET);
  switch (r.int(12)) {
    case 0:
    case 1:
    case 2:
    case 9:
    case 10:
    case 11:
      return doc; // exact: forwarded, with random variables
    case 3:
      return `${doc} `;
    case 4:
      return `# comment\n${doc}`;
    case 5:
      return doc.replace('viewer', 'viewer { users { edges { node { id } } } }');
    case 6:
      return r.pick(FOREIGN);
    case 7:
      return `${doc}\n${r.pick(FOREIGN)}`;
    default:
      return randomValue(r);
  }
}

interface Case {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array<ArrayBuffer> | undefined;
  /** Whether this request carried the master token somewhere. */
  carriesMaster: boolean;
}

function randomCase(r: Rng, userToken: string): Case {
  const headers: Record<string, string> = {};
  if (r.next() < 0.9) headers['x-test-user'] = r.next() < 0.9 ? 'alice' : randomString(r).replace(/[^\x21-\x7e]/g, '') || 'bob';
  const auth = r.int(10);
  let carriesMaster = false;
  if (auth <= 4) headers.authorization = `Bearer ${userToken}`;
  else if (auth === 5) {
    headers.authorization = `${r.pick(['Bearer', 'bearer', 'BEARER'])}${r.pick([' ', '  ', '\t'])}${MASTER_TOKEN}${r.pick(['', ' '])}`;
    carriesMaster = true;
  } else if (auth === 6) headers.authorization = r.pick(['Bearer', 'Basic abc', `Bearer ${userToken} ${userToken}`, `Token ${userToken}`]);
  else if (auth === 7) headers.authorization = `Bearer ${randomString(r).replace(/[^\x21-\x7e]/g, '') || 'x'}`;
  if (r.next() < 0.8) headers['content-type'] = r.pick(['application/json', 'text/plain', 'application/graphql', 'multipart/form-data; boundary=x']);

  let body: string | Uint8Array<ArrayBuffer> | undefined;
  switch (r.int(16)) {
    case 0:
      body = Uint8Array.from({ length: r.int(300) }, () => r.int(256)); // not text at all
      break;
    case 1:
      body = JSON.stringify(randomValue(r)); // any JSON value: arrays, strings, numbers
      break;
    case 2:
      body = `{"query": ${JSON.stringify(r.pick(WIDGET))}, "variables": ${'['.repeat(2000)}`; // truncated, deeply nested
      break;
    case 3:
      body = JSON.stringify({ query: r.pick(WIDGET), pad: 'x'.repeat(64 * 1024 + r.int(1000)) }); // over the 64 KiB limit
      break;
    case 4:
      body = JSON.stringify([{ query: r.pick(WIDGET), variables: {} }, { query: r.pick(FOREIGN) }]); // a batch
      break;
    case 5:
      body = undefined;
      break;
    default: {
      const payload: Record<string, unknown> = { query: randomQuery(r) };
      if (r.next() < 0.8) payload.variables = r.next() < 0.7 ? randomValue(r) : { id: randomString(r), solutionInstanceId: randomString(r), solutionId: randomString(r), instanceName: randomString(r), enabled: randomValue(r), authValues: randomValue(r) };
      if (r.next() < 0.5) payload.operationName = r.next() < 0.6 ? r.pick(NAMES) : randomValue(r);
      if (r.next() < 0.2) payload.extensions = { persistedQuery: { sha256Hash: randomString(r) }, masterToken: MASTER_TOKEN };
      if (r.next() < 0.1) carriesMaster = true;
      body = JSON.stringify(payload);
    }
  }
  const method = r.next() < 0.95 ? 'POST' : r.pick(['GET', 'PUT', 'DELETE', 'OPTIONS']);
  if (method === 'GET') body = undefined;
  const path = r.next() < 0.95 ? '/graphql' : r.pick(['/graphql/', '/graphql?x=1', '/GRAPHQL', '/%2e%2e/graphql', '/nope']);
  return { method, path, headers, body, carriesMaster };
}

describe('proxy fuzzing', () => {
  let stack: Stack;
  let userToken: string;
  before(async () => {
    // No rate limit: the fuzz must reach the proxy's every branch, not Tray's bucket.
    const emulator = await startEmulator({ port: 0, dialogPort: 0, masterToken: MASTER_TOKEN, rateLimit: false });
    stack = await startStack({}, emulator);
    const session = await stack.post('/session', { user: 'alice' });
    assert.equal(session.status, 200);
    userToken = session.json.token;
  });
  after(async () => {
    await stack.close();
    await stack.emulator.close();
  });

  test(`${COUNT} random requests (seed ${SEED}): always a 2xx/4xx JSON answer, never the master token forwarded or echoed`, async () => {
    const r = prng(SEED);
    const cases = Array.from({ length: COUNT }, () => randomCase(r, userToken));
    const logBefore = stack.emulator.emulator.requests.length;
    const callsBefore = stack.calls.length;
    const statuses = new Map<number, number>();
    for (let start = 0; start < cases.length; start += PARALLEL) {
      await Promise.all(
        cases.slice(start, start + PARALLEL).map(async (c, offset) => {
          const where = `seed ${SEED}, case ${start + offset}: ${c.method} ${c.path}`;
          let response: Response;
          try {
            response = await fetch(`${stack.origin}/api/tray${c.path}`, { method: c.method, headers: c.headers, ...(c.body === undefined ? {} : { body: c.body }) });
          } catch (error) {
            assert.fail(`${where}: the server dropped the connection (${String(error)})`);
          }
          const text = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          assert.ok(response.status >= 200 && response.status < 500, `${where}: answered HTTP ${response.status} ${text.slice(0, 200)}`);
          assert.doesNotThrow(() => JSON.parse(text), `${where}: answer is not JSON: ${text.slice(0, 200)}`);
          assert.ok(!text.includes(MASTER_TOKEN), `${where}: the answer echoes the master token`);
        }),
      );
    }

    // Tray's own log of what reached it on the proxy path: user tokens and bad tokens, never the master token.
    const reached = stack.emulator.emulator.requests.slice(logBefore);
    assert.deepEqual(reached.filter((entry) => entry.token === 'master'), []);
    assert.deepEqual(stack.calls.slice(callsBefore).filter((call) => call.token === MASTER_TOKEN), []);
    // Everything that reached Tray was one of the widget's own operations.
    assert.deepEqual(new Set(reached.map((e) => e.operationName).filter((n) => !NAMES.includes(n ?? ''))), new Set());
    for (const entry of stack.logs) assert.ok(!entry.message.includes(MASTER_TOKEN), `log line leaks the master token: ${entry.message}`);

    // Not a vacuous run: plenty was forwarded, plenty refused, each kind of refusal seen.
    assert.ok(reached.length > COUNT / 20, `only ${reached.length} requests were forwarded`);
    for (const status of [200, 400, 401, 403, 404, 405, 413]) assert.ok((statuses.get(status) ?? 0) > 0, `no HTTP ${status} among ${JSON.stringify([...statuses])}`);

    // And it still serves the widget afterwards.
    const after = await stack.post('/graphql', { user: 'alice', token: userToken, body: { query: DOCUMENTS.Instance, variables: { id: 'none' } } });
    assert.equal(after.status, 200);
    assert.deepEqual(after.json, { data: { viewer: { solutionInstances: { edges: [] } } } });
  });

  test('a request carrying the master token is refused before Tray however the header is spelled', async () => {
    const logBefore = stack.emulator.emulator.requests.length;
    for (const authorization of [`Bearer ${MASTER_TOKEN}`, `bearer ${MASTER_TOKEN}`, `BEARER\t${MASTER_TOKEN} `, `Bearer   ${MASTER_TOKEN}`]) {
      const response = await stack.post('/graphql', { user: 'alice', headers: { authorization }, body: { query: DOCUMENTS.Marketplace, variables: {} } });
      assert.equal(response.status, 403, authorization);
      assert.ok(!response.text.includes(MASTER_TOKEN));
    }
    assert.deepEqual(stack.emulator.emulator.requests.slice(logBefore), []);
  });

  test('variables nested 5000 deep: 400 saying so, and Tray never sees them', async () => {
    const logBefore = stack.emulator.emulator.requests.length;
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const raw = `{"query":${JSON.stringify(DOCUMENTS.Instance)},"variables":{"id":"x","deep":${deep}}}`;
    const response = await stack.post('/graphql', { user: 'alice', token: userToken, raw, headers: { 'content-type': 'application/json' } });
    assert.equal(response.status, 400);
    assert.equal(response.json.error.code, 'too-deep');
    assert.match(response.json.error.message, /more than 64 levels deep/);
    assert.deepEqual(stack.emulator.emulator.requests.slice(logBefore), []);
    // Depth inside strings is text, not nesting: a widget request with brackets in a value still goes through.
    const brackets = await stack.post('/graphql', { user: 'alice', token: userToken, body: { query: DOCUMENTS.Instance, variables: { id: '[{'.repeat(200) } } });
    assert.equal(brackets.status, 200);
  });

  test('a malformed Host header: 400 saying what is wrong, never a 500, and the server goes on', async () => {
    const { port } = new URL(stack.origin);
    for (const host of ['exa mple.com', '[::1', 'a:b:c', 'user@evil.example', 'host/path', 'h\\x']) {
      const head = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.end(`POST /api/tray/session HTTP/1.1\r\nHost: ${host}\r\nx-test-user: alice\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
        });
        let text = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (text += chunk));
        socket.once('end', () => resolve(text));
        socket.once('error', reject);
      });
      assert.match(head, /^HTTP\/1\.1 400 /, `Host "${host}" → ${head.slice(0, 200)}`);
      assert.match(head, /"code":"bad-host"/, `Host "${host}" → ${head.slice(0, 400)}`);
    }
    assert.equal((await stack.post('/session', { user: 'alice' })).status, 200);
  });
});
