// The built widget sends its GraphQL documents on one line (the build puts
// them so: scripts/graphql-one-line.ts), a widget run from source sends them
// indented: the proxy serves both, and forwards its own copy of the document,
// never the caller's text. A change beyond whitespace is still refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENTS } from '../../src/services/documents.ts';
import { oneLine } from '../../src/services/one-line.ts';
import { startStack, type Stack } from './support.ts';

const MARKETPLACE_VARIABLES = { first: 50, withSolutions: true, withInstances: true, withAuthentications: true };
let stack: Stack;
/** The query text of each call the proxy made to Tray. */
const forwarded: string[] = [];
let token: string;

before(async () => {
  stack = await startStack({
    fetch: (input, init) => {
      if (typeof init?.body === 'string' && init.body.includes('"query"')) forwarded.push((JSON.parse(init.body) as { query: string }).query);
      return fetch(input, init);
    },
  });
  token = (await stack.post('/session', { user: 'one-line-user' })).json.token;
});
after(() => stack.close());

const load = (query: string) =>
  stack.post('/graphql', { user: 'one-line-user', token, body: { query, variables: MARKETPLACE_VARIABLES, operationName: 'Marketplace' } });

test('the Marketplace query on one line, as the built widget sends it, is served, and Tray gets the server’s own copy', async () => {
  const sent = oneLine(DOCUMENTS.Marketplace);
  assert.notEqual(sent, DOCUMENTS.Marketplace, 'the document is written indented');
  const { status, json } = await load(sent);
  assert.equal(status, 200);
  assert.ok(json.data.viewer.solutions.edges.length > 0);
  assert.equal(forwarded.at(-1), DOCUMENTS.Marketplace);
});

test('the same query indented (a widget run from source) is served too; with a field added, it is refused and not forwarded', async () => {
  assert.equal((await load(DOCUMENTS.Marketplace)).status, 200);
  const calls = forwarded.length;
  const widened = oneLine(DOCUMENTS.Marketplace).replace('title description', 'title description owner');
  assert.notEqual(widened, oneLine(DOCUMENTS.Marketplace));
  const { status, json } = await load(widened);
  assert.equal(status, 400);
  assert.equal(json.error.code, 'operation-not-allowed');
  assert.equal(forwarded.length, calls);
});
