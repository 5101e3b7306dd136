// Anyone can open connections to /graphql without signing in. A red-team
// run held ~17 MB of unsigned bodies open (hundreds of 64 000-byte bodies,
// some topped up 50 bytes at a time), and while the server still booked
// unsigned bytes into its shared budget, a signed-in user's catalogue got
// 503 on nearly every try. Here: the real Node adapter on a real port, the
// emulator as Tray, the same flood held open for the whole test, and the
// widget's own Marketplace query loaded again and again meanwhile.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulator } from '../../emulator/http.ts';
import { createTrayHandler, toNodeListener, type TrayHandler } from '../../src/server/index.ts';
import { DOCUMENTS } from '../../src/services/documents.ts';
import { MASTER_TOKEN, closeServer, headerUser, listen, type Emulator } from './support.ts';

const HOLDERS = 262;
const HOLDER_BYTES = 64_000;
const TOPPERS = 40;
const TOP_UP_BYTES = 50;
/** Each flood body claims this length (within the 64 KiB limit, so it is not refused as too large) and never sends it all. */
const DECLARED_LENGTH = 64 * 1024;
const CATALOGUE_LOADS = 150;
const READERS_IN_PARALLEL = 4;
/** The widget's first catalogue page, as the marketplace sends it. */
const CATALOGUE = JSON.stringify({
  query: DOCUMENTS.Marketplace,
  variables: { tags: null, first: 50, solutionsAfter: null, instancesAfter: null, withSolutions: true, withInstances: true, withAuthentications: true },
  operationName: 'Marketplace',
});

let emulator: Emulator;
let handler: TrayHandler;
let server: Server;
let origin: string;
before(async () => {
  // Tray's per-token rate limit off: the reader loads as fast as the machine
  // allows, which on a quick machine is over Tray's 30 a second for one token,
  // and the answer then measures Tray's limit rather than the flood.
  emulator = await startEmulator({ port: 0, dialogPort: 0, masterToken: MASTER_TOKEN, rateLimit: false });
  // The default budgets. Unread bodies are given a minute rather than 10 s, so the
  // flood stays open for the whole test however slow the machine is: a longer hold
  // than the default allows, never a shorter one.
  handler = createTrayHandler({ masterToken: MASTER_TOKEN, endpoint: emulator.graphqlUrl, getUser: headerUser, bodyTimeoutMs: 60_000 });
  server = createServer(toNodeListener(handler));
  origin = await listen(server);
});
after(async () => {
  await closeServer(server);
  await emulator.close();
});

interface FloodConnection {
  socket: Socket;
  /** Bytes of body written so far. */
  sent: number;
  /** The status line's code, once the server answered; with the body sent so far at that moment. */
  answer?: { status: number; sentBefore: number };
  closed: boolean;
}

/**
 * An unsigned POST /graphql (no session, no token) on a raw socket, as an
 * attacker sends it: the headers and `bytes` of a longer body, the rest held
 * back, the connection kept open whatever the server answers.
 */
function unsignedUpload(bytes: number): FloodConnection {
  const { hostname, port } = new URL(origin);
  const socket = connect(Number(port), hostname);
  const connection: FloodConnection = { socket, sent: 0, closed: false };
  let head = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    if (connection.answer) return;
    head += chunk;
    const status = /^HTTP\/1\.1 (\d{3}) /.exec(head);
    if (status) connection.answer = { status: Number(status[1]), sentBefore: connection.sent };
  });
  // Closed by the server or by the test's end: either way, not a failure of this test's client.
  socket.on('error', () => undefined);
  socket.once('close', () => (connection.closed = true));
  socket.write(
    `POST /api/tray/graphql HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: ${DECLARED_LENGTH}\r\n\r\n`,
  );
  socket.write(Buffer.alloc(bytes, 0x20));
  connection.sent = bytes;
  return connection;
}

/** One catalogue load by the signed-in user: served means 200 with the solutions in it. */
async function loadCatalogue(token: string): Promise<boolean> {
  const response = await fetch(`${origin}/api/tray/graphql`, {
    method: 'POST',
    headers: { 'x-test-user': 'reader', authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: CATALOGUE,
  });
  const body = (await response.json().catch(() => null)) as { data?: { viewer?: { solutions?: { edges?: unknown[] } } } } | null;
  return response.status === 200 && Array.isArray(body?.data?.viewer?.solutions?.edges) && body.data.viewer.solutions.edges.length > 0;
}

test('an unsigned flood of ~17 MB held open leaves a signed-in user served, and none of it is read into the budget', async () => {
  const session = await fetch(`${origin}/api/tray/session`, { method: 'POST', headers: { 'x-test-user': 'reader' } });
  assert.equal(session.status, 200);
  const { token } = (await session.json()) as { token: string };
  assert.equal(await loadCatalogue(token), true, 'served before the flood');

  const flood = [
    ...Array.from({ length: HOLDERS }, () => unsignedUpload(HOLDER_BYTES)),
    ...Array.from({ length: TOPPERS }, () => unsignedUpload(TOP_UP_BYTES)),
  ];
  let flooding = true;
  // Kept going as an attacker would: the toppers send 50 bytes every 100 ms, and the
  // holders a byte a second so that no connection ever looks idle to the server.
  const topping = (async () => {
    for (let tick = 0; flooding; tick++) {
      flood.forEach((connection, index) => {
        const piece = index >= HOLDERS ? TOP_UP_BYTES : tick % 10 === 0 ? 1 : 0;
        if (piece === 0 || connection.closed || connection.sent + piece >= DECLARED_LENGTH) return;
        connection.socket.write(Buffer.alloc(piece, 0x20));
        connection.sent += piece;
      });
      await sleep(100);
    }
  })();

  try {
    // Every flood connection is answered while its body is still unfinished.
    while (flood.some((connection) => !connection.answer && !connection.closed)) await sleep(10);
    let peakBooked = handler.bufferBudget.inUse;

    const outcomes: boolean[] = [];
    const readers = Array.from({ length: READERS_IN_PARALLEL }, async () => {
      while (outcomes.length < CATALOGUE_LOADS) {
        outcomes.push(false);
        const slot = outcomes.length - 1;
        outcomes[slot] = await loadCatalogue(token);
        peakBooked = Math.max(peakBooked, handler.bufferBudget.inUse);
      }
    });
    const sampling = (async () => {
      while (outcomes.length < CATALOGUE_LOADS) {
        peakBooked = Math.max(peakBooked, handler.bufferBudget.inUse);
        await sleep(5);
      }
    })();
    await Promise.all([...readers, sampling]);

    const served = outcomes.filter(Boolean).length;
    assert.ok(served >= Math.ceil(CATALOGUE_LOADS * 0.99), `the signed-in user was served ${served} of ${CATALOGUE_LOADS} times`);

    // The flood was real and still there: ~17 MB sent (each topper topped up at least once;
    // how many times depends on how fast this machine served the loads), every connection
    // open until the loads were done.
    const floodBytes = flood.reduce((sum, connection) => sum + connection.sent, 0);
    const leastSent = HOLDERS * HOLDER_BYTES + TOPPERS * TOP_UP_BYTES * 2;
    assert.ok(floodBytes >= leastSent, `the flood sent ${floodBytes} bytes, expected at least ${leastSent}`);
    assert.equal(flood.filter((connection) => connection.closed).length, 0, 'no flood connection was closed before the loads ended');

    // Refused before the body: 401 to each, while its body was unfinished, and no unsigned byte ever booked.
    assert.deepEqual(new Set(flood.map((connection) => connection.answer?.status)), new Set([401]));
    assert.ok(flood.every((connection) => connection.answer!.sentBefore < DECLARED_LENGTH));
    assert.ok(peakBooked <= CATALOGUE.length * READERS_IN_PARALLEL, `at most the reader's own bodies were booked, saw ${peakBooked} bytes`);
  } finally {
    flooding = false;
    await topping;
    for (const connection of flood) connection.socket.destroy();
  }
});
