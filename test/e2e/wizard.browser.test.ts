/**
 * Solutions with settings, in real Chromium: the widget opens the emulator's
 * real configuration wizard in a real popup on its second origin, and the
 * test clicks and types in it with trusted input. Set up, Edit settings,
 * every way out of the wizard, the host's validateConfig and resolveConfig,
 * and the solution's disableautoenable custom field.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { TrayConfigureEvent } from '../../src/events.ts';
import { emulatorDialog } from '../support/auth-dialog.ts';
import { closeAllPopups, popupClick, popupFill, popupShows, waitForPopupClosed } from '../support/commands.ts';
import { useE2ESession, type E2EInstance } from '../support/e2e-session.ts';
import { nextEvent, settle, useEvents, type CardHarness } from '../support/widget-harness.ts';

const session = useE2ESession('wizard');
const E2E_WAIT_MS = 10_000;
const WEEKLY = 'Weekly report to Google Sheets';
const WEEKLY_ID = '3f6c1d0e-8a41-4c55-9d2b-1a0b9e7c5a04';
const DIGEST = 'Daily orders digest to Slack';

const valuesOf = (instance: E2EInstance) => Object.fromEntries(instance.configValues.map((v) => [v.externalId, v.value]));

/** Presses Set up and waits until the wizard shows and the new integration exists in Tray. */
async function openSetUp(card: CardHarness): Promise<E2EInstance> {
  await card.realClick('Set up');
  expect(await popupShows('Set up')).to.contain(card.title);
  for (let i = 0; i < 200; i++) {
    const [created] = await session.trayInstances();
    if (created) return created;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('Set up created no integration');
}

describe('configuration wizard (real popup)', () => {
  const events = useEvents('tray-configure', 'tray-delete', 'tray-error', 'tray-enable');
  afterEach(() => closeAllPopups());
  /** The tray-configure events so far, in order. */
  const configured = () => events.seen.filter((e): e is TrayConfigureEvent => e.type === 'tray-configure');

  it('Set up: the integration is created as the wizard opens, its settings written on Finish, then enabled', async () => {
    const { el, widget } = await session.mount();
    const weekly = widget.card(WEEKLY);
    expect(weekly.hasButton('Connect'), 'a solution with settings is set up, not connected blind').to.equal(false);

    const enabled = nextEvent(el, 'tray-enable');
    const created = await openSetUp(weekly);
    expect(created.enabled).to.equal(false);
    // While the wizard is open the card points to it, and no button of its own competes (no Authorize).
    const progress = () => weekly.element.querySelector('[part~=progress]')?.textContent?.trim();
    await waitUntil(() => progress() === 'Being set up in the open window…', 'the card says where it is being set up', { timeout: E2E_WAIT_MS });
    expect(weekly.buttons.filter((b) => !b.disabled).map((b) => b.textContent!.trim()), 'buttons that compete with the wizard').to.deep.equal([]);
    await popupClick('Allow Google account');
    await popupShows('connected as');
    await popupFill('Spreadsheet name', 'Q3 orders');
    await popupClick('Finish');
    await waitForPopupClosed();

    expect((await enabled).auto).to.equal(true);
    await weekly.untilBadge('Enabled', E2E_WAIT_MS);
    const [live] = await session.trayInstances();
    expect(live).to.deep.include({ id: created.id, enabled: true });
    expect(valuesOf(live!)).to.deep.include({ external_spreadsheet_name: '"Q3 orders"', external_include_refunds: 'false' });
    expect(live!.authValues.map((v) => v.externalId)).to.deep.equal(['external_google_sheets_authentication']);
    expect(configured().map((e) => [e.phase, e.instanceId])).to.deep.equal([
      ['request', null],
      ['finished', created.id],
    ]);
    expect(weekly.hasButton('Edit settings')).to.equal(true);
  });

  it('a cancelable request: preventDefault keeps the wizard closed and creates nothing', async () => {
    const { el, widget } = await session.mount();
    el.addEventListener('tray-configure', (event) => event.preventDefault(), { once: true });
    await widget.card(WEEKLY).realClick('Set up');
    await settle();
    expect(await session.trayInstances()).to.deep.equal([]);
    expect(widget.card(WEEKLY).badge).to.equal('Not connected');
  });

  it('Cancel in the wizard deletes the new integration (abandoned) and says cancelled', async () => {
    const { el, widget } = await session.mount();
    const weekly = widget.card(WEEKLY);
    const created = await openSetUp(weekly);
    const deleted = nextEvent(el, 'tray-delete');
    await popupClick('Cancel');
    await waitForPopupClosed();
    expect(await deleted).to.deep.include({ instanceId: created.id, reason: 'abandoned' });
    await weekly.untilBadge('Not connected', E2E_WAIT_MS);
    expect(await session.trayInstances()).to.deep.equal([]);
    expect(configured().map((e) => e.phase)).to.deep.equal(['request', 'cancelled']);
    expect(widget.status).to.contain('cancelled');
  });

  it('closing the wizard window is a cancel too: no orphan left in Tray', async () => {
    const { el, widget } = await session.mount();
    const weekly = widget.card(WEEKLY);
    const created = await openSetUp(weekly);
    const deleted = nextEvent(el, 'tray-delete');
    await closeAllPopups();
    expect(await deleted).to.deep.include({ instanceId: created.id, reason: 'abandoned' });
    await weekly.untilBadge('Not connected', E2E_WAIT_MS);
    expect(await session.trayInstances()).to.deep.equal([]);
    expect(events.seen.at(-1)!.type).to.equal('tray-delete');
    expect(configured().map((e) => e.phase)).to.deep.equal(['request', 'cancelled']);
  });

  it('a wizard error is shown on the card and reported; the new integration stays for the user to retry or delete', async () => {
    // A code Tray does not know: the wizard shows its error page and posts tray.configPopup.error.
    const { el, widget } = await session.mount({ fetchAuthCode: async () => 'no-such-code' });
    const weekly = widget.card(WEEKLY);
    const failed = nextEvent(el, 'tray-error');
    await weekly.realClick('Set up');
    const error = await failed;
    expect(error.code).to.equal('dialog-error');
    await weekly.until((c) => c.error, 'shows the error', E2E_WAIT_MS);
    expect(weekly.error).to.contain('The settings window reported a problem');
    expect(weekly.error).to.not.match(/\b[45]\d\d\b/);
    const [kept] = await session.trayInstances();
    expect(error.instanceId).to.equal(kept!.id);
    expect(weekly.hasButton('Edit settings')).to.equal(true);
  });

  it('validateConfig: its errors show in the wizard, which stays open; once it has none the wizard finishes', async () => {
    const { el, widget } = await session.mount();
    const asked: Array<Record<string, unknown>> = [];
    el.validateConfig = (slots, { solution }) => {
      expect(solution.title).to.equal(WEEKLY);
      const values = Object.fromEntries(slots.map((s) => [s.externalId, s.value]));
      asked.push(values);
      return values.external_spreadsheet_name === 'Weekly orders' ? { external_spreadsheet_name: 'No sheet named "Weekly orders" exists.' } : undefined;
    };
    const weekly = widget.card(WEEKLY);
    const created = await openSetUp(weekly);
    await popupClick('Allow Google account');
    await popupShows('connected as');
    await popupClick('Finish');
    expect(await popupShows('No sheet named')).to.contain('Fix the highlighted settings');
    await settle();
    expect(configured().map((e) => e.phase), 'still open').to.deep.equal(['request']);

    await popupFill('Spreadsheet name', 'Orders 2025');
    await popupClick('Finish');
    await waitForPopupClosed();
    await weekly.untilBadge('Enabled', E2E_WAIT_MS);
    expect(asked.map((v) => v.external_spreadsheet_name)).to.deep.equal(['Weekly orders', 'Orders 2025']);
    expect(valuesOf((await session.trayInstances())[0]!).external_spreadsheet_name).to.equal('"Orders 2025"');
    expect(configured().map((e) => [e.phase, e.instanceId])).to.deep.equal([
      ['request', null],
      ['finished', created.id],
    ]);
  });

  it('Edit settings on an existing integration: Cancel deletes nothing; Finish writes the new values', async () => {
    const { el, widget } = await session.mount();
    const weekly = widget.card(WEEKLY);
    const created = await openSetUp(weekly);
    await popupClick('Allow Google account');
    await popupShows('connected as');
    await popupClick('Finish');
    await waitForPopupClosed();
    await weekly.untilBadge('Enabled', E2E_WAIT_MS);
    events.seen.length = 0;

    await weekly.realClick('Edit settings');
    expect(await popupShows('Spreadsheet name')).to.contain(WEEKLY);
    await popupClick('Cancel');
    await waitForPopupClosed();
    await weekly.untilIdle(E2E_WAIT_MS);
    await settle();
    expect(events.seen.map((e) => e.type)).to.not.include('tray-delete');
    expect(configured().map((e) => [e.phase, e.instanceId])).to.deep.equal([
      ['request', created.id],
      ['cancelled', created.id],
    ]);
    const [kept] = await session.trayInstances();
    expect(kept).to.deep.include({ id: created.id, enabled: true });
    expect(weekly.badge).to.equal('Enabled');

    const finished = nextEvent(el, 'tray-configure');
    await weekly.realClick('Edit settings');
    await (await finished); // the request
    const done = nextEvent(el, 'tray-configure');
    await popupFill('Day of the week (1 = Monday)', '5');
    await popupClick('Finish');
    await waitForPopupClosed();
    expect((await done).phase).to.equal('finished');
    const [edited] = await session.trayInstances();
    expect(valuesOf(edited!).external_day_of_week).to.equal('5');
    expect(edited).to.deep.include({ id: created.id, enabled: true });
  });

  for (const [kind, answer] of [
    ['synchronous', (values: Record<string, unknown>) => () => values],
    ['async', (values: Record<string, unknown>) => async () => values],
  ] as const) {
    it(`${kind} resolveConfig with values: one click on Connect creates the integration with them and shows the real auth dialog`, async () => {
      const { el, widget } = await session.mount();
      const offered: string[] = [];
      const resolve = answer({ external_spreadsheet_name: 'Acme weekly', external_day_of_week: 3 });
      el.resolveConfig = (solution) => {
        offered.push(solution.id);
        return resolve();
      };
      const weekly = widget.card(WEEKLY);
      await weekly.untilBadge('Not connected');
      const enabled = nextEvent(el, 'tray-enable');
      await weekly.connect({ trusted: true, timeout: E2E_WAIT_MS });
      // That one click opened the sign-in dialog: no second press.
      expect(await popupShows('Google')).to.contain('Allow');
      expect(offered.filter((id) => id === WEEKLY_ID), 'asked once, as the card was drawn').to.have.length(1);
      const [created] = await session.trayInstances();
      expect(valuesOf(created!)).to.deep.equal({
        external_spreadsheet_name: '"Acme weekly"',
        external_day_of_week: '3',
        external_include_refunds: 'false', // left out: its default
      });
      await emulatorDialog.allow();
      expect((await enabled).auto).to.equal(true);
      await weekly.untilBadge('Enabled', E2E_WAIT_MS);
      expect((await session.trayInstances())[0]).to.deep.include({ id: created!.id, enabled: true });
      expect(events.seen.map((e) => e.type), 'no wizard on this path').to.not.include('tray-configure');
    });

    it(`${kind} resolveConfig returning undefined: the card says Set up before any click, and one click opens the wizard`, async () => {
      const { el, widget } = await session.mount();
      el.resolveConfig = answer(undefined as unknown as Record<string, unknown>);
      await el.updateComplete;
      const weekly = widget.card(WEEKLY);
      await weekly.until((c) => c.hasButton('Set up') && !c.hasButton('Connect'), 'offers Set up', E2E_WAIT_MS);
      await openSetUp(weekly);
      await popupClick('Cancel');
      await waitForPopupClosed();
      await weekly.untilBadge('Not connected', E2E_WAIT_MS);
      expect(await session.trayInstances(), 'the left setup was deleted').to.deep.equal([]);
    });
  }

  for (const [answered, shows] of [
    ['settings', 'Allow'],
    ['nothing', 'Set up'],
  ] as const) {
    it(`a click before resolveConfig answers opens the window at once; the answer (${answered}) decides what it shows`, async () => {
      const { el, widget } = await session.mount();
      let release: ((values: Record<string, unknown> | undefined) => void) | undefined;
      el.resolveConfig = (solution) =>
        solution.id === WEEKLY_ID ? new Promise((resolve) => (release = resolve)) : undefined;
      const weekly = widget.card(WEEKLY);
      await waitUntil(() => release, 'the host is asked as the card is drawn');
      expect(weekly.hasButton('Connect'), 'Connect while the answer is on its way').to.equal(true);
      await weekly.realClick('Connect');
      release!(answered === 'settings' ? { external_spreadsheet_name: 'Acme weekly' } : undefined);
      expect(await popupShows(shows)).to.contain(answered === 'settings' ? 'Google' : WEEKLY);
      if (answered === 'settings') await emulatorDialog.cancel();
      else {
        await popupClick('Cancel');
        await waitForPopupClosed();
      }
      await weekly.untilBadge('Not connected', E2E_WAIT_MS);
      expect(await session.trayInstances(), 'cancelled: cleaned up').to.deep.equal([]);
    });
  }

  it('disableautoenable: a finished setup stays disabled until the user enables it', async () => {
    const { widget } = await session.mount();
    const digest = widget.card(DIGEST);
    const created = await openSetUp(digest);
    await popupClick('Allow Slack workspace');
    await popupShows('connected as');
    await popupFill('Slack channel', '#orders');
    await popupClick('Finish');
    await waitForPopupClosed();
    await digest.until((c) => c.hasButton('Enable') && !c.busy, 'offers Enable', E2E_WAIT_MS);
    await settle(2500); // past Tray's 2-second rule, when an auto-enable would have happened
    const [live] = await session.trayInstances();
    expect(live).to.deep.include({ id: created.id, enabled: false });
    expect(valuesOf(live!).external_slack_channel).to.equal('"#orders"');
    expect(events.seen.map((e) => e.type)).to.not.include('tray-enable');
    expect(digest.badge).to.equal('Disabled');

    await digest.realClick('Enable');
    await digest.untilBadge('Enabled', E2E_WAIT_MS);
    expect((await session.trayInstances())[0]!.enabled).to.equal(true);
  });
});
