/**
 * `npx tray-integrations doctor [options]` where the package is installed
 * (the `bin` in package.json, built to dist/doctor/cli.js); `npm run doctor
 * -- [options]` in this repository. Exits 0 when nothing failed (warnings
 * allowed), 1 otherwise. Never prints the master token.
 */
import { parseArgs } from 'node:util';
import { redact } from '../server/tray-admin.ts';
import { runDoctor, type DoctorSettings } from './doctor.ts';
import { passed } from './result.ts';
import { formatJson, formatText } from './report.ts';

const USAGE =
  'Usage: npx tray-integrations doctor [--master-token <token>] [--region us|eu|ap | --endpoint <GraphQL URL>] [--embedded-id <id>] [--dialog-origin <URL>] [--page <URL>] [--json]\n' +
  '       (in a clone of the tray-integrations repository: npm run doctor -- [options])\n' +
  'Settings also come from TRAY_MASTER_TOKEN, TRAY_REGION and TRAY_EMBEDDED_ID; prefer TRAY_MASTER_TOKEN to --master-token,\n' +
  'which other users of the machine can see in its process list.\n' +
  'Exit status: 0 when nothing failed (warnings allowed), 1 otherwise.';

/** The master token once read, so even an unexpected failure's text leaves without it. */
let secret: string | undefined;

const OPTIONS = {
  'master-token': { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  'embedded-id': { type: 'string' },
  'dialog-origin': { type: 'string' },
  page: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Ends the run with a usage error. The message names an option at most, never a value (it could be the token). */
function usageError(what: string): never {
  process.stderr.write(`tray-integrations doctor: ${what}\n${USAGE}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const option = /'(--?[a-z0-9-]+)/i.exec(error instanceof Error ? error.message : '')?.[1];
    usageError(option ? `the option ${option} is unknown or has no value.` : 'the options could not be read.');
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length !== 1 || positionals[0] !== 'doctor') {
    usageError(positionals.length === 0 ? 'name the command: doctor.' : 'the only command is doctor, and it takes options only.');
  }
  const env = process.env;
  const settings: DoctorSettings = {
    masterToken: values['master-token'] ?? env.TRAY_MASTER_TOKEN,
    region: values.region ?? env.TRAY_REGION,
    endpoint: values.endpoint,
    embeddedId: values['embedded-id'] ?? env.TRAY_EMBEDDED_ID,
    dialogOrigin: values['dialog-origin'],
    page: values.page,
  };
  secret = settings.masterToken;
  const report = await runDoctor(settings);
  const text = values.json ? formatJson(report) : formatText(report);
  process.stdout.write(redact(text, [settings.masterToken]));
  process.exitCode = passed(report.results) ? 0 : 1;
}

main().catch((error: unknown) => {
  const text = error instanceof Error ? error.message : String(error);
  process.stderr.write(`tray-integrations doctor failed unexpectedly: ${redact(text, [secret, process.env.TRAY_MASTER_TOKEN])}\n`);
  process.exit(1);
});
