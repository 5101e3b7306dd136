/**
 * A lost finish, for real: the emulator's drop-finish switch makes its auth
 * dialog close after Allow without posting `tray.authpopup.finish`, as when
 * an OAuth provider's Cross-Origin-Opener-Policy severs `window.opener`. The
 * widget re-reads the user's authentications and keeps the one the user
 * made; when it cannot tell which one, it is a cancel.
 */
import { expect } from '@open-wc/testing';
import { emulatorDialog } from '../support/auth-dialog.ts';
import { closeAllPopups } from '../support/commands.ts';
import { post, useE2ESession } from '../support/e2e-session.ts';
import { nextEvent, useEvents } from '../support/widget-harness.ts';

const session = useE2ESession('lost-finish');
const E2E_WAIT_MS = 10_000;
const SLACK_ALERTS = '3f6c1d0e-8a41-4c55-9d2b-1a0b9e7c5a01';
const JIRA_GITHUB = '3f6c1d0e-8a41-4c55-9d2b-1a0b9e7c5a03';
const SLACK_SLOT = 'external_slack_authentication';

const dropFinish = (on: boolean) => post(`/__e2e/control?action=drop-auth-finish&on=${on ? 1 : 0}`);

describe('a lost auth-dialog finish (real popup)', () => {
  const events = useEvents('tray-authorize', 'tray-delete', 'tray-enable');
  beforeEach(() => dropFinish(true));
  afterEach(async () => {
    await dropFinish(false);
    await closeAllPopups();
  });

  it('Allow, then the dialog closes with no message: the new auth is attached and the integration enabled', async () => {
    const { el, widget } = await session.mount();
    const slack = widget.card('Slack alerts');
    await slack.connect({ trusted: true, timeout: E2E_WAIT_MS });
    const [created] = await session.trayInstances();

    const authorized = nextEvent(el, 'tray-authorize');
    const enabled = nextEvent(el, 'tray-enable');
    await emulatorDialog.allow();
    const auth = await authorized;
    expect(auth).to.deep.include({ instanceId: created!.id, externalId: SLACK_SLOT, reason: 'authorize' });
    expect((await enabled).auto).to.equal(true);
    await slack.untilBadge('Enabled', E2E_WAIT_MS);
    const [live] = await session.trayInstances();
    expect(live).to.deep.include({ id: created!.id, enabled: true });
    expect(live!.authValues).to.deep.equal([{ externalId: SLACK_SLOT, authId: auth.authId }]);
    expect(events.seen.map((e) => e.type)).to.not.include('tray-delete');
  });

  it('Reconnect: a new auth of another service meanwhile is not mistaken for the one the user made', async () => {
    const { el, widget } = await session.mount();
    const slack = widget.card('Slack alerts');
    await slack.connect({ trusted: true, timeout: E2E_WAIT_MS });
    await emulatorDialog.allow();
    await slack.untilBadge('Enabled', E2E_WAIT_MS);
    const [before] = await session.trayInstances();

    const reconnected = nextEvent(el, 'tray-authorize');
    await slack.realClick('Reconnect Slack workspace');
    expect(await emulatorDialog.text()).to.contain('Connect Slack');
    // A GitHub sign-in elsewhere: not the slot's service, so the Slack one is still the only candidate.
    await post(`/__e2e/authentication?externalUserId=${encodeURIComponent(session.user)}&solutionId=${JIRA_GITHUB}&slot=external_github_authentication`);
    await emulatorDialog.allow();
    const auth = await reconnected;
    expect(auth).to.deep.include({ reason: 'reconnect', previousAuthId: before!.authValues[0]!.authId });
    await slack.untilIdle(E2E_WAIT_MS);
    const [after] = await session.trayInstances();
    expect(after!.authValues).to.deep.equal([{ externalId: SLACK_SLOT, authId: auth.authId }]);
    expect(auth.authId).to.not.equal(before!.authValues[0]!.authId);
    expect(after!.enabled).to.equal(true);
  });

  it('two new auths since the dialog opened: the widget cannot tell which is theirs, so it is a cancel', async () => {
    const { el, widget } = await session.mount();
    const slack = widget.card('Slack alerts');
    await slack.connect({ trusted: true, timeout: E2E_WAIT_MS });

    const deleted = nextEvent(el, 'tray-delete');
    expect(await emulatorDialog.text()).to.contain('Connect Slack');
    // Meanwhile the user signs in to Slack somewhere else too.
    await post(`/__e2e/authentication?externalUserId=${encodeURIComponent(session.user)}&solutionId=${SLACK_ALERTS}&slot=${SLACK_SLOT}`);
    await emulatorDialog.allow();
    expect((await deleted).reason).to.equal('abandoned');
    await slack.untilBadge('Not connected', E2E_WAIT_MS);
    expect(await session.trayInstances()).to.deep.equal([]);
    expect(events.seen.map((e) => e.type)).to.not.include.members(['tray-authorize', 'tray-enable']);
    expect(widget.status).to.contain('cancelled');
  });
});
