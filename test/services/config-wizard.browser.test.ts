/**
 * openConfigWizard against the emulator's real wizard page, in a real popup on
 * a second origin (test/support/e2e-plugin.ts runs the HTTP emulator): real
 * clicks and typing in the popup, real cross-origin postMessage both ways.
 */
import { expect } from '@open-wc/testing';
import { configWizardUrl, openConfigWizard, type ConfigWizard, type ConfigWizardOptions, type VisibleSlot } from '../../src/services/config-wizard.ts';
import { rejection } from '../support/rejection.ts';
import { closeAllPopups, popupClick, popupFill, popupShows, popupText, waitForPopupClosed } from '../support/commands.ts';
import { e2ePost, e2eUserWithInstance, inClick, settledWithin, until } from '../support/browser-helpers.ts';
import type { E2EConfig } from '../support/e2e-session.ts';

const WEEKLY_REPORT = '3f6c1d0e-8a41-4c55-9d2b-1a0b9e7c5a04';
const SHEETS = 'external_google_sheets_authentication';

let config: E2EConfig;

/** A new user with a new "Weekly report" instance, and the host's fetchAuthCode for that user. */
async function setUp() {
  const { token, instanceId, fetchAuthCode } = await e2eUserWithInstance('wizard-user', WEEKLY_REPORT);
  const read = async () => {
    const answer = await e2ePost<any>('/__e2e/graphql', {
      token,
      body: { query: 'query ($i: String) { viewer { solutionInstances(criteria: {id: $i}) { edges { node { authValues { externalId authId } configValues { externalId value } } } } } }', variables: { i: instanceId } },
    });
    return answer.data.viewer.solutionInstances.edges[0].node as { authValues: unknown[]; configValues: Array<{ externalId: string; value: string }> };
  };
  return { token, instanceId, fetchAuthCode, read };
}

/** Runs openConfigWizard inside a trusted click, as a user's click would. */
const openWithGesture = (options: Partial<ConfigWizardOptions> & Pick<ConfigWizardOptions, 'solutionInstanceId' | 'fetchAuthCode'>): Promise<ConfigWizard> =>
  inClick('Set up', () => openConfigWizard({ dialogOrigin: config.dialogOrigin, embeddedId: config.embeddedId, ...options }));

const valuesOf = (node: { configValues: Array<{ externalId: string; value: string }> }) =>
  Object.fromEntries(node.configValues.map((v) => [v.externalId, v.value]));

describe('configuration wizard service (real popup, emulator wizard)', () => {
  let open: ConfigWizard | undefined;
  before(async () => {
    await closeAllPopups();
    config = (await (await fetch('/__e2e/config')).json()) as E2EConfig;
    expect(new URL(config.dialogOrigin).origin).to.not.equal(location.origin);
  });
  afterEach(async () => {
    open?.close();
    open = undefined;
    await closeAllPopups();
  });

  it('builds the wizard URL with encoded segments and the code as its only query value', () => {
    const url = configWizardUrl({ dialogOrigin: 'https://embedded.eu1.tray.io/ignored', embeddedId: 'acme', solutionInstanceId: 'a/b', code: 'c0de&x=1' });
    expect(url).to.equal('https://embedded.eu1.tray.io/external/solutions/acme/configure/a%2Fb?code=c0de%26x%3D1');
  });

  it('finishes with the instance id once the user signs in, edits a value and chooses Finish; the values are written', async () => {
    const { instanceId, fetchAuthCode, read } = await setUp();
    let ready = 0;
    open = await openWithGesture({ solutionInstanceId: instanceId, fetchAuthCode, onReady: () => ready++ });
    expect(open.popup, 'opened inside the click').to.not.equal(null);
    expect(await popupText()).to.contain('Set up Weekly report to Google Sheets');
    await until(() => (ready ? true : undefined), 'the ready message');

    await popupClick('Allow Google account');
    await popupShows('connected as');
    await popupFill('Spreadsheet name', 'Q3 orders');
    await popupClick('Finish');
    expect(await open.result).to.deep.equal({ solutionInstanceId: instanceId });
    await waitForPopupClosed();
    expect(open.popup!.closed, 'the service closes the wizard').to.equal(true);

    const node = await read();
    expect(valuesOf(node)['external_spreadsheet_name']).to.equal('"Q3 orders"');
    expect(valuesOf(node)['external_include_refunds'], 'untouched slots keep their value').to.equal('false');
    expect(node.authValues).to.have.length(1);
    expect((node.authValues[0] as { externalId: string }).externalId).to.equal(SHEETS);
  });

  it('answers validate with in-progress then the hook’s errors, shown by their fields; finishes once the hook has none', async () => {
    const { instanceId, fetchAuthCode, read } = await setUp();
    const asked: VisibleSlot[][] = [];
    let release: (() => void) | undefined;
    open = await openWithGesture({
      solutionInstanceId: instanceId,
      fetchAuthCode,
      validate: async (slots) => {
        asked.push(slots);
        if (asked.length > 1) return undefined;
        await new Promise<void>((resolve) => (release = resolve));
        return { external_spreadsheet_name: 'No sheet named "Weekly orders" <b>exists</b>.' };
      },
    });
    await popupClick('Allow Google account');
    await popupShows('connected as');
    await popupClick('Finish');
    await until(() => release, 'the validate request');
    expect(await popupText(), 'the in-progress answer reached the wizard').to.contain('The app is checking your settings');
    release!();
    const shown = await popupShows('No sheet named');
    expect(shown).to.contain('No sheet named "Weekly orders" <b>exists</b>.');
    expect(shown).to.contain('Fix the highlighted settings');
    expect(asked[0]).to.deep.equal([
      { externalId: 'external_spreadsheet_name', title: 'Spreadsheet name', value: 'Weekly orders' },
      { externalId: 'external_include_refunds', title: 'Include refunded orders', value: false },
      { externalId: 'external_day_of_week', title: 'Day of the week (1 = Monday)', value: 1 },
    ]);
    expect(await settledWithin(open.result, 300), 'errors keep the wizard open').to.equal(false);

    await popupFill('Spreadsheet name', 'Orders 2025');
    await popupClick('Finish');
    expect(await open.result).to.deep.equal({ solutionInstanceId: instanceId });
    expect(asked[1]![0]!.value).to.equal('Orders 2025');
    expect(valuesOf(await read())['external_spreadsheet_name']).to.equal('"Orders 2025"');
  });

  it('a validate hook that fails shows a retryable message on the first field instead of letting the values through', async () => {
    const { instanceId, fetchAuthCode } = await setUp();
    let calls = 0;
    open = await openWithGesture({
      solutionInstanceId: instanceId,
      fetchAuthCode,
      validate: () => {
        if (++calls === 1) throw new Error('host backend unreachable');
        return undefined;
      },
    });
    await popupClick('Allow Google account');
    await popupShows('connected as');
    await popupClick('Finish');
    expect(await popupShows('could not be checked')).to.contain('These settings could not be checked: host backend unreachable. Try again.');
    expect(await settledWithin(open.result, 300)).to.equal(false);
    await popupClick('Finish');
    expect(await open.result).to.deep.equal({ solutionInstanceId: instanceId });
  });

  it('treats Cancel as dialog-closed and closes the window', async () => {
    const { instanceId, fetchAuthCode, read } = await setUp();
    open = await openWithGesture({ solutionInstanceId: instanceId, fetchAuthCode });
    await popupClick('Cancel');
    const error = await rejection(open.result);
    expect(error.code).to.equal('dialog-closed');
    expect(error.message).to.contain('settings window');
    await waitForPopupClosed();
    expect((await read()).authValues, 'nothing written').to.deep.equal([]);
  });

  it('notices the user closing the window', async () => {
    const { instanceId, fetchAuthCode } = await setUp();
    open = await openWithGesture({ solutionInstanceId: instanceId, fetchAuthCode });
    expect(await popupText()).to.contain('Finish');
    await closeAllPopups();
    expect((await rejection(open.result)).code).to.equal('dialog-closed');
  });

  it('rejects with dialog-error when the wizard reports an error, with its text capped', async () => {
    const { instanceId, fetchAuthCode } = await setUp();
    const used = await fetchAuthCode();
    await fetch(configWizardUrl({ ...config, solutionInstanceId: instanceId, code: used }), { mode: 'no-cors' });
    open = await openWithGesture({ solutionInstanceId: instanceId, fetchAuthCode: async () => used });
    const error = await rejection(open.result);
    expect(error.code).to.equal('dialog-error');
    expect(error.message).to.contain('already been used');

    // A hostile or broken wizard cannot flood the widget's words.
    open = await openWithGesture({ solutionInstanceId: 'x'.repeat(2000), fetchAuthCode });
    const long = await rejection(open.result);
    expect(long.code).to.equal('dialog-error');
    expect(long.message).to.match(/^The settings window reported a problem: Solution instance "x+…$/);
    expect(long.message.length).to.be.below(300);
    expect(open.popup!.closed).to.equal(true);
  });

  it('ignores a finish forged by the host page, and an error from a frame on the wizard’s origin', async () => {
    const { instanceId, fetchAuthCode } = await setUp();
    open = await openWithGesture({ solutionInstanceId: instanceId, fetchAuthCode });
    expect(await popupText()).to.contain('Finish');
    // Wrong origin and wrong window: the page itself.
    window.postMessage({ type: 'tray.configPopup.finish', data: { solutionInstanceId: instanceId } }, '*');
    // Right origin, wrong window: the wizard's error page in a frame posts tray.configPopup.error to its parent.
    const frame = document.createElement('iframe');
    frame.src = configWizardUrl({ ...config, solutionInstanceId: instanceId, code: 'not-a-code' });
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const seen: string[] = [];
    const spy = (event: MessageEvent) => event.source === frame.contentWindow && seen.push(event.data?.type);
    window.addEventListener('message', spy);
    document.body.append(frame);
    await loaded;
    await until(() => (seen.length ? true : undefined), 'the frame’s message');
    window.removeEventListener('message', spy);
    frame.remove();
    expect(seen).to.deep.equal(['tray.configPopup.error']);
    expect(await settledWithin(open.result, 500), 'forged messages settled the wizard').to.equal(false);

    await popupClick('Cancel');
    expect((await rejection(open.result)).code, 'the real wizard still decides').to.equal('dialog-closed');
  });

  it('closes the window and rejects with aborted when the caller gives up', async () => {
    const { instanceId, fetchAuthCode } = await setUp();
    const controller = new AbortController();
    open = await openWithGesture({ solutionInstanceId: instanceId, fetchAuthCode, signal: controller.signal });
    controller.abort();
    expect((await rejection(open.result)).code).to.equal('aborted');
    expect(open.popup!.closed).to.equal(true);
  });

  it('names the missing settings instead of opening a window', async () => {
    const wizard = openConfigWizard({ dialogOrigin: config.dialogOrigin, embeddedId: config.embeddedId, solutionInstanceId: '', fetchAuthCode: async () => 'code' });
    expect(wizard.popup).to.equal(null);
    const error = await rejection(wizard.result);
    expect(error.code).to.equal('invalid-config');
    expect(error.message).to.contain('solutionInstanceId');
  });
});
