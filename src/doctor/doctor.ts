/**
 * `tray-integrations doctor`: checks a partner's Tray settings and host page
 * before real users meet them. Each check gives one result; nothing is
 * created in Tray and the master token appears in no result.
 */
import { DEFAULT_REGION, REGIONS, isRegion, parseHttpUrl, type Region } from '../services/regions.ts';
import { redact } from '../server/tray-admin.ts';
import { checkDialog } from './dialog-checks.ts';
import { checkPage } from './page-checks.ts';
import { DEFAULT_TIMEOUT_MS, type Reach } from './reach.ts';
import { fail, skipped, type CheckResult } from './result.ts';
import { checkEndpoint, checkMasterToken, checkSolutions } from './tray-checks.ts';

export interface DoctorSettings {
  masterToken?: string | undefined;
  /** `us`, `eu` or `ap`; default `us` unless `endpoint` names another region's. */
  region?: string | undefined;
  /** Tray's (or the emulator's, or a proxy's) GraphQL URL; overrides `region`. */
  endpoint?: string | undefined;
  embeddedId?: string | undefined;
  /** A white-label (or the emulator's) dialog origin; default the region's. */
  dialogOrigin?: string | undefined;
  /** The host page that shows the widget. */
  page?: string | undefined;
}

export interface DoctorReport {
  /** The Tray GraphQL URL checked, when the settings name one. */
  endpoint: string | null;
  dialogOrigin: string | null;
  results: CheckResult[];
}

interface Targets {
  endpoint: string | null;
  dialogOrigin: string | null;
  problems: CheckResult[];
}

/** Where the settings point, or results saying which setting is wrong and how to write it. */
function targets(settings: DoctorSettings): Targets {
  const problems: CheckResult[] = [];
  let region: Region | null = DEFAULT_REGION;
  if (settings.region) {
    if (isRegion(settings.region)) region = settings.region;
    else {
      region = null;
      problems.push(fail('region', `"${settings.region}" is not a Tray region: pass --region ${Object.keys(REGIONS).join(', --region ')} (or set TRAY_REGION).`));
    }
  }
  let endpoint: string | null = region ? REGIONS[region].graphqlEndpoint : null;
  if (settings.endpoint) {
    try {
      endpoint = parseHttpUrl(settings.endpoint, '--endpoint', 'https://tray.io/graphql').href;
    } catch (error) {
      endpoint = null;
      problems.push(fail('endpoint', (error as Error).message));
    }
  }
  let dialogOrigin: string | null = null;
  if (settings.dialogOrigin) {
    try {
      dialogOrigin = parseHttpUrl(settings.dialogOrigin, '--dialog-origin', 'https://embedded.tray.io').origin;
    } catch (error) {
      problems.push(fail('dialog-origin', (error as Error).message));
    }
  } else if (settings.endpoint && !settings.region) {
    // A custom endpoint (the emulator, a proxy) says nothing about where the dialog is.
    const known = (Object.keys(REGIONS) as Region[]).find((name) => REGIONS[name].graphqlEndpoint === endpoint);
    if (known) dialogOrigin = REGIONS[known].dialogOrigin;
    else problems.push(fail('dialog-origin', 'With --endpoint, pass --dialog-origin too (the emulator prints its dialog origin), or --region for Tray\'s own.'));
  } else if (region) {
    dialogOrigin = REGIONS[region].dialogOrigin;
  }
  return { endpoint, dialogOrigin, problems };
}

async function trayChecks(reach: Reach, endpoint: string | null, masterToken: string | undefined): Promise<CheckResult[]> {
  if (!endpoint) {
    return [skipped('master-token', 'Not checked: there is no Tray endpoint to ask.'), skipped('solutions', 'Not checked: there is no Tray endpoint to ask.')];
  }
  const answers = await checkEndpoint(reach, endpoint);
  if (answers.status === 'fail') {
    return [answers, skipped('master-token', 'Not checked: the Tray endpoint does not answer.'), skipped('solutions', 'Not checked: the Tray endpoint does not answer.')];
  }
  if (!masterToken) {
    return [
      answers,
      fail('master-token', 'No master token: pass --master-token or, better (a command line can be seen by other users of the machine), set TRAY_MASTER_TOKEN.'),
      skipped('solutions', 'Not checked: listing them needs the master token.'),
    ];
  }
  const token = await checkMasterToken(reach, endpoint, masterToken);
  if (token.status === 'fail') return [answers, token, skipped('solutions', 'Not checked: the master token was not accepted.')];
  return [answers, token, await checkSolutions(reach, endpoint, masterToken)];
}

/** Without a dialog origin (already reported), the Embedded id can still be missing. */
const noDialog = (embeddedId: string | undefined): CheckResult[] => [
  embeddedId
    ? skipped('embedded-id', 'Not checked: there is no dialog origin to ask.')
    : fail('embedded-id', 'No Embedded id: pass --embedded-id or set TRAY_EMBEDDED_ID to the Embedded id from your Tray dashboard.'),
];

export async function runDoctor(settings: DoctorSettings, reach: Reach = { fetch: (input, init) => globalThis.fetch(input, init), timeoutMs: DEFAULT_TIMEOUT_MS }): Promise<DoctorReport> {
  const { endpoint, dialogOrigin, problems } = targets(settings);
  const [tray, dialog, page] = await Promise.all([
    trayChecks(reach, endpoint, settings.masterToken),
    dialogOrigin ? checkDialog(reach, endpoint ?? '', dialogOrigin, settings.embeddedId) : Promise.resolve(noDialog(settings.embeddedId)),
    settings.page ? checkPage(reach, settings.page, dialogOrigin ?? 'the Tray dialog origin') : Promise.resolve([]),
  ]);
  // Whatever a server echoed back, the master token never leaves in a result.
  const results = [...problems, ...tray, ...dialog, ...page].map((result) => ({ ...result, message: redact(result.message, [settings.masterToken]) }));
  return { endpoint, dialogOrigin, results };
}
