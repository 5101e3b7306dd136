// Each request body is bounded by maxBodyBytes; maxBufferedBytes bounds the
// sum held at once, so many slow uploads cannot exhaust the process's memory.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type ClientRequest, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTrayHandler, toNodeListener, type TrayHandler } from '../../src/server/index.ts';
import { closeServer, headerUser, listen, MASTER_TOKEN, rawPost } from './support.ts';

let handler: TrayHandler;
let server: Server;
let origin: string;
before(async () => {
  handler = createTrayHandler({ masterToken: MASTER_TOKEN, endpoint: 'http://127.0.0.1:9/graphql', getUser: headerUser, maxBodyBytes: 64 * 1024, maxBufferedBytes: 100_000 });
  server = createServer(toNodeListener(handler));
  origin = await listen(server);
});
after(() => closeServer(server));

/** A POST to the proxy that sends `bytes` of body and then holds the request open. */
function slowUpload(bytes: number): { request: ClientRequest; answer: Promise<number> } {
  const request = httpRequest(new URL('/api/tray/graphql', origin), {
    method: 'POST',
    headers: { 'x-test-user': 'slow', authorization: 'Bearer user-token', 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
  });
  const answer = new Promise<number>((resolve, reject) => {
    request.once('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
  });
  request.write(' '.repeat(bytes));
  return { request, answer };
}

test('past maxBufferedBytes across requests: 503 with Retry-After; room again once the others finish', async () => {
  const first = slowUpload(50_000);
  const second = slowUpload(50_000);
  while (handler.bufferBudget.inUse < 100_000) await sleep(5);

  const third = await rawPost(origin, '/api/tray/graphql', { 'x-test-user': 'slow', authorization: 'Bearer user-token', 'content-type': 'application/json' }, ' '.repeat(50_000));
  assert.equal(third.status, 503);
  assert.equal(third.json.error.code, 'server-busy');
  assert.equal(third.headers['retry-after'], '1');

  first.request.end();
  second.request.end();
  // Blank bodies are not JSON: each is answered 400 once read, and its bytes are given back.
  assert.deepEqual(await Promise.all([first.answer, second.answer]), [400, 400]);
  assert.equal(handler.bufferBudget.inUse, 0);
  const fourth = await rawPost(origin, '/api/tray/graphql', { 'x-test-user': 'slow', authorization: 'Bearer user-token', 'content-type': 'application/json' }, ' '.repeat(50_000));
  assert.equal(fourth.status, 400, 'read, not refused for lack of room');
});

test('maxBufferedBytes must be a positive whole number', () => {
  assert.throws(() => createTrayHandler({ masterToken: MASTER_TOKEN, getUser: () => null, maxBufferedBytes: 0 }), /maxBufferedBytes must be a positive whole number, not 0/);
});
