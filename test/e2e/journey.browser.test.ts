/**
 * The whole end-user journey in real Chromium: the widget talks to the real
 * host backend (src/server mounted at /api/tray by the e2e plugin), which
 * talks to the HTTP emulator; the auth dialog is the emulator's own page in a
 * real popup on its second origin, clicked with trusted clicks.
 */
import { expect } from '@open-wc/testing';
import { emulatorDialog } from '../support/auth-dialog.ts';
import { useE2ESession } from '../support/e2e-session.ts';
import { nextEvent } from '../support/widget-harness.ts';

const session = useE2ESession('journey');
const trayInstances = () => session.trayInstances();
const E2E_WAIT_MS = 10_000;

describe('journey', () => {
  it('connect, authorize in the real dialog, auto-enable, disable, enable, delete', async () => {
    const { el, widget, calls } = await session.mount();
    const slack = widget.card('Slack alerts');
    expect(calls.session).to.equal(1);
    expect(slack.badge).to.equal('Not connected');
    await expect(el).to.be.accessible();

    await slack.connect({ trusted: true, timeout: E2E_WAIT_MS });
    const [created] = await trayInstances();
    expect(created!.enabled).to.equal(false);

    const authorized = nextEvent(el, 'tray-authorize');
    const enabled = nextEvent(el, 'tray-enable');
    expect(await emulatorDialog.text()).to.contain('Connect Slack');
    await emulatorDialog.allow();
    const auth = await authorized;
    expect(auth.instanceId).to.equal(created!.id);
    expect(calls.authCode).to.equal(1);
    // The emulator refuses an enable within 2 s of creation: reaching Enabled proves the wait.
    expect((await enabled).auto).to.equal(true);
    await slack.untilBadge('Enabled', E2E_WAIT_MS);
    const [live] = await trayInstances();
    expect(live).to.deep.include({ id: created!.id, enabled: true });
    expect(live!.authValues).to.deep.equal([{ externalId: 'external_slack_authentication', authId: auth.authId }]);
    expect(slack.services.map((s) => [s.authorized, s.text.includes('Authorized')])).to.deep.equal([[true, true]]);

    await slack.realClick('Disable');
    await slack.untilBadge('Disabled', E2E_WAIT_MS);
    expect((await trayInstances())[0]!.enabled).to.equal(false);

    await slack.realClick('Enable');
    await slack.untilBadge('Enabled', E2E_WAIT_MS);
    expect((await trayInstances())[0]!.enabled).to.equal(true);

    await slack.deleteConfirmed({ trusted: true });
    await slack.untilBadge('Not connected', E2E_WAIT_MS);
    expect(await trayInstances()).to.deep.equal([]);

    // Every call went through the host backend with the user's token, never the master token.
    const log: Array<{ operationName: string | null; token: string }> = await (await fetch('/__e2e/requests')).json();
    const widgetCalls = log.filter((entry) => entry.token === 'user' && entry.operationName);
    expect(widgetCalls.map((entry) => entry.operationName)).to.include.members([
      'Marketplace',
      'CreateInstance',
      'UpdateInstance',
      'RemoveInstance',
    ]);
  });

  it('cancelling the real dialog leaves no half-created integration behind', async () => {
    const { el, widget } = await session.mount();
    const slack = widget.card('Slack alerts');
    await slack.connect({ trusted: true, timeout: E2E_WAIT_MS });
    expect(await trayInstances()).to.have.length(1);

    const deleted = nextEvent(el, 'tray-delete');
    await emulatorDialog.cancel();
    expect((await deleted).reason).to.equal('abandoned');
    await slack.untilBadge('Not connected', E2E_WAIT_MS);
    expect(await trayInstances()).to.deep.equal([]);
  });
});
