/**
 * The Tray dialog's origin (the region's, or a white-label domain) answers,
 * belongs to the same region as the API, and does not refuse the Embedded id.
 * Tray checks the Embedded id for good only when a dialog opens with a real
 * one-time code, which the doctor never mints; a "not found" for the id's
 * dialog path is the most it can see from outside.
 */
import { REGIONS, type Region } from '../services/regions.ts';
import { probe, type Reach } from './reach.ts';
import { fail, ok, oneLine, skipped, warn, type CheckResult } from './result.ts';

/** The region whose table entry has this value, if any. */
function regionWhere(key: 'graphqlEndpoint' | 'dialogOrigin', value: string): Region | undefined {
  return (Object.keys(REGIONS) as Region[]).find((region) => REGIONS[region][key] === value);
}

/** A made-up instance and slot: the dialog page can only refuse them, which is all the probe needs. */
const PROBE_PATH = 'tray-integrations-doctor/tray-integrations-doctor';

export async function checkDialog(reach: Reach, endpoint: string, dialogOrigin: string, embeddedId: string | undefined): Promise<CheckResult[]> {
  const apiRegion = regionWhere('graphqlEndpoint', endpoint);
  const dialogRegion = regionWhere('dialogOrigin', dialogOrigin);
  if (apiRegion && dialogRegion && apiRegion !== dialogRegion) {
    return [
      fail(
        'dialog-origin',
        `The dialog origin ${dialogOrigin} is Tray's "${dialogRegion}" region, but the API is the "${apiRegion}" region's: use --dialog-origin ${REGIONS[apiRegion].dialogOrigin} (or leave it out).`,
      ),
      skipped('embedded-id', 'Not checked: the dialog origin is wrong.'),
    ];
  }
  const path = embeddedId ? `/external/auth/create/${encodeURIComponent(embeddedId)}/${PROBE_PATH}` : '/';
  const answer = await probe(reach, `${dialogOrigin}${path}`, { redirect: 'manual' });
  if ('noAnswer' in answer) {
    return [
      fail('dialog-origin', `No answer from the dialog origin ${dialogOrigin}: ${answer.noAnswer}. Check --dialog-origin (your white-label domain) or --region.`),
      skipped('embedded-id', 'Not checked: the dialog origin does not answer.'),
    ];
  }
  await answer.body?.cancel();
  const results = [ok('dialog-origin', `The dialog origin ${dialogOrigin} answers.`)];
  if (!embeddedId) {
    results.push(fail('embedded-id', 'No Embedded id: pass --embedded-id or set TRAY_EMBEDDED_ID to the Embedded id from your Tray dashboard.'));
  } else if (answer.status === 404) {
    results.push(
      warn(
        'embedded-id',
        `The dialog origin has no dialog for Embedded id "${oneLine(embeddedId, 80)}": check the id in your Tray dashboard, and that --dialog-origin serves Tray's dialog.`,
      ),
    );
  } else {
    results.push(ok('embedded-id', `Embedded id "${oneLine(embeddedId, 80)}" is set and the dialog origin does not refuse it (Tray confirms it when a dialog first opens).`));
  }
  return results;
}
