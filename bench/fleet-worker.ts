/**
 * One host process of the fleet (bench/fleet.ts starts several): Node's
 * http server running tray-integrations/server with the Redis store, as a
 * host would deploy it. The signed-in user comes from an `x-fleet-user`
 * header (standing in for the host's session cookie). FLEET_MASTER_TOKEN_RATE
 * (JSON) overrides the default pacing; FLEET_USER_CREATION sets `userCreation`. Prints one JSON line, `{"port": N}`,
 * once listening; answers the IPC message "sent" with the epoch ms at which
 * it sent each call to Tray (what its pacing did, before any network delay).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { createTrayHandler, redisStore, toNodeListener, type UserCreation } from '../src/server/index.ts';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`bench/fleet-worker.ts: set ${name}.`);
  return value;
};

const sent: number[] = [];
// The Redis setup docs/server.md recommends: an error listener (without one, a lost
// connection stops the process) and reconnects at most half a second apart.
const redis = createClient({ url: need('FLEET_REDIS_URL'), socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 500) } });
redis.on('error', (error: Error) => process.stderr.write(`[fleet-worker ${process.pid}] redis: ${error.message}\n`));
await redis.connect();
const handler = createTrayHandler({
  masterToken: need('FLEET_MASTER_TOKEN'),
  endpoint: need('FLEET_TRAY_ENDPOINT'),
  fetch: (input, init) => {
    sent.push(Date.now());
    return fetch(input, init);
  },
  store: redisStore(redis, { prefix: need('FLEET_REDIS_PREFIX') }),
  ...(process.env.FLEET_MASTER_TOKEN_RATE ? { masterTokenRate: JSON.parse(process.env.FLEET_MASTER_TOKEN_RATE) } : {}),
  ...(process.env.FLEET_USER_CREATION ? { userCreation: process.env.FLEET_USER_CREATION as UserCreation } : {}),
  getUser: (request) => {
    const id = request.headers.get('x-fleet-user');
    return id ? { externalUserId: id, name: `Fleet ${id}` } : null;
  },
  log: (entry) => process.stderr.write(`[fleet-worker ${process.pid}] ${entry.code}: ${entry.message}\n`),
});
const server = createServer(toNodeListener(handler));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('message', (message) => {
  if (message === 'sent') process.send!(sent);
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void redis.close().finally(() => process.exit(0));
});
