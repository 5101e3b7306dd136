/**
 * A real redis-server (Debian's package, installed by .ci/run) for the tests
 * and the fleet bench,
 * on a free port, with nothing saved to disk. Nothing about Redis is mocked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createClient } from 'redis';

export interface RunningRedis {
  url: string;
  /** A new connected node-redis client (with an error listener, as docs/server.md sets one up); closed by `stop`. */
  client(): Promise<ReturnType<typeof createClient>>;
  /** SIGKILLs the server, as a crash would: nothing is flushed, connections just drop. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: nothing is saved to disk); resolves once it accepts connections. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function waitUntilReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)));
    child.once('error', (error) => reject(new Error(`Could not start redis-server (is Debian's redis-server installed? .ci/run installs it): ${error.message}`)));
  });
}

function spawnRedis(port: number): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export async function startRedis(): Promise<RunningRedis> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    let child = spawnRedis(port);
    try {
      await waitUntilReady(child);
    } catch (error) {
      lastError = error; // most likely the port was taken in between: try another
      child.kill();
      continue;
    }
    const url = `redis://127.0.0.1:${port}`;
    const clients: Array<ReturnType<typeof createClient>> = [];
    return {
      url,
      async client() {
        const client = createClient({ url });
        // Without it, losing the server would be an uncaught 'error' in the test process.
        client.on('error', () => undefined);
        clients.push(client);
        await client.connect();
        return client;
      },
      kill: () => exited(child, 'SIGKILL'),
      async restart() {
        child = spawnRedis(port);
        await waitUntilReady(child);
      },
      async stop() {
        await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
        await exited(child, 'SIGTERM');
      },
    };
  }
  throw lastError;
}
