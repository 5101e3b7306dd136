// docs/server.md's events example (examples/server/events.ts) as written:
// fed by a real handler over HTTP, it logs one JSON line per event and counts them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventCounts, logAndCount } from '../../examples/server/events.ts';
import { DOCUMENTS } from '../../src/services/documents.ts';
import { startStack } from './support.ts';

test('the events example logs each event as one JSON line and counts them by type and outcome', async (t) => {
  const lines: string[] = [];
  t.mock.method(console, 'log', (line: string) => lines.push(line));
  const stack = await startStack({ onEvent: logAndCount });
  try {
    const { json } = await stack.post('/session', { user: 'counted' });
    const marketplace = { query: DOCUMENTS.Marketplace, variables: { withSolutions: true, withInstances: true, withAuthentications: false } };
    assert.equal((await stack.post('/graphql', { user: 'counted', token: json.token, body: marketplace })).status, 200);
    await stack.post('/graphql', { user: 'counted', token: json.token, body: { query: '{ users { edges { node { id } } } }' } });
  } finally {
    await stack.close();
  }
  assert.equal(eventCounts.get('user-created'), 1);
  assert.equal(eventCounts.get('token-issued'), 1);
  assert.equal(eventCounts.get('tray-call:ok'), 4, 'lookup, create, authorize, the marketplace');
  assert.equal(eventCounts.get('proxy-refused:operation-not-allowed'), 1);
  const logged = lines.map((line) => JSON.parse(line) as { type: string; source: string });
  assert.equal(logged.length, [...eventCounts.values()].reduce((a, b) => a + b, 0));
  assert.ok(logged.every((entry) => entry.source === 'tray-integrations' && typeof entry.type === 'string'));
});
