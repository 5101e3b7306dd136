/** How the auth dialog can end besides a finish: closed, vanished or failed. */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import type { TrayConnectEvent } from '../../../src/events.ts';
import { useEvents } from '../../support/widget-harness.ts';
import { SLACK } from '../fixture.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

describe('<tray-integrations> dialog outcomes', () => {
  const events = useEvents('tray-connect', 'tray-authorize', 'tray-enable', 'tray-delete', 'tray-error');

  it('deletes the half-created instance when the dialog Connect opened is closed before any auth, once', async () => {
    const { el, widget } = await suite.mount({ script: 'close' });
    const slack = widget.card('Slack alerts');
    const deleted = await slack.realClickFor('Connect', 'tray-delete');
    const instanceId = (events.seen[1] as TrayConnectEvent).instanceId!;
    expect([deleted.instanceId, deleted.phase, deleted.reason, deleted.cancelable]).to.deep.equal([instanceId, 'deleted', 'abandoned', false]);
    await el.updateComplete;
    expect(slack.badge).to.equal('Not connected');
    expect(suite.instance(instanceId)).to.equal(undefined);
    // The close message and the closed window both mean "cancelled": still one delete.
    await aTimeout(1000);
    expect(suite.ops('RemoveInstance')).to.have.length(1);
    expect(events.seen.filter((e) => e.type === 'tray-error')).to.have.length(0);
    expect(widget.focused).to.equal('Connect');
  });

  it('treats a dialog window closed without a message as cancelled', async () => {
    const { widget } = await suite.mount({ script: 'vanish' });
    const slack = widget.card('Slack alerts');
    await slack.connect();
    await slack.untilBadge('Not connected');
    expect(suite.instancesOf(SLACK)).to.have.length(0);
    expect(suite.ops('RemoveInstance')).to.have.length(1);
  });

  it('keeps an instance that already has an auth when a later dialog is cancelled', async () => {
    const { el, widget } = await suite.mount({ script: 'close' });
    await widget.card('Orders to Slack').realClick('Reconnect Slack workspace');
    await waitUntil(() => widget.status === 'Authorization of Slack workspace cancelled.');
    await el.updateComplete;
    expect(widget.card('Orders to Slack').badge).to.equal('Enabled');
    expect(suite.ops('RemoveInstance')).to.have.length(0);
    expect(suite.instance('inst-on')!.authValues).to.deep.equal([{ externalId: 'slack_auth', authId: 'auth-slack-1' }]);
  });

  it('shows a dialog error and re-reads the instance', async () => {
    const { el, widget } = await suite.mount({ script: 'error' });
    const error = await widget.card('Orders to Slack').realClickFor('Reconnect Slack workspace', 'tray-error');
    expect([error.code, error.instanceId]).to.deep.equal(['dialog-error', 'inst-on']);
    await waitUntil(() => suite.ops('Instance').length === 1);
    expect(widget.card('Orders to Slack').error).to.contain('code expired');
    await expect(el).to.be.accessible();
  });
});
