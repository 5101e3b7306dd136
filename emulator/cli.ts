/**
 * `npx tray-emulator [--port 8787] [--dialog-port 8788] [--master-token <t>]
 * [--fixture <file.json>] [--embedded-id <id>] [--host 127.0.0.1]
 * [--drop-auth-finish]` where the package is installed (the `bin` in
 * package.json, built to dist/emulator/cli.js); `npm run emulator -- …` in
 * this repository.
 * Prints where it listens; never prints a token or a code. Stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { FixtureError } from './core/index.ts';
import { readFixtureFile } from './fixture-file.ts';
import { startEmulator } from './http.ts';

export const DEFAULT_PORT = 8787;
export const DEFAULT_DIALOG_PORT = 8788;

// Hosts run the package's bin; this repository runs the source through its npm script.
const USAGE =
  `Usage: npx tray-emulator [--port ${DEFAULT_PORT}] [--dialog-port ${DEFAULT_DIALOG_PORT}] [--master-token <token>] [--fixture <file.json>] [--embedded-id <id>] [--host 127.0.0.1] [--drop-auth-finish]\n` +
  `       (in a clone of the tray-integrations repository: npm run emulator -- [options])`;

function port(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${flag} must be a port number from 0 to 65535, got "${value}".`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'dialog-port': { type: 'string' },
      'master-token': { type: 'string' },
      fixture: { type: 'string' },
      'embedded-id': { type: 'string' },
      host: { type: 'string' },
      'drop-auth-finish': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const fixture = values.fixture ? await readFixtureFile(values.fixture) : undefined;
  const running = await startEmulator({
    port: port(values.port, DEFAULT_PORT, '--port'),
    dialogPort: port(values['dialog-port'], DEFAULT_DIALOG_PORT, '--dialog-port'),
    ...(values.host ? { host: values.host } : {}),
    ...(values['master-token'] ? { masterToken: values['master-token'] } : {}),
    ...(values['embedded-id'] ? { embeddedId: values['embedded-id'] } : {}),
    ...(fixture !== undefined ? { fixture } : {}),
    ...(values['drop-auth-finish'] ? { dropAuthFinish: true } : {}),
  });
  process.stdout.write(
    `Tray emulator running\n` +
      `  GraphQL:       ${running.graphqlUrl}\n` +
      `  Dialog origin: ${running.dialogOrigin}\n` +
      `  Runs:          ${running.apiOrigin}/runs?solutionInstanceId=<id>\n` +
      `  Master token:  ${values['master-token'] ? '(as given with --master-token)' : 'the default, see emulator/README.md'}\n` +
      (values['drop-auth-finish'] ? `  Auth dialog:   drops its finish message (--drop-auth-finish)\n` : ''),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    void running.close().then(() => {
      process.stdout.write(`Tray emulator stopped (${signal})\n`);
      process.exit(0);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof FixtureError || error instanceof Error ? error.message : String(error);
  const hint = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? '\nThat port is taken: pick another with --port / --dialog-port (0 picks a free one).' : '';
  process.stderr.write(`tray emulator: ${message}${hint}\n${USAGE}\n`);
  process.exit(1);
});
