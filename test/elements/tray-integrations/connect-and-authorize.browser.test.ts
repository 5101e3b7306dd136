/** Connect, then Authorize each service in the dialog, then the automatic Enable. */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { TrayAuthorizeEvent, type TrayConnectEvent } from '../../../src/events.ts';
import { nextEvent, useEvents } from '../../support/widget-harness.ts';
import { CRM, SLACK } from '../fixture.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

describe('<tray-integrations> connect and authorize', () => {
  const events = useEvents('tray-connect', 'tray-authorize', 'tray-enable', 'tray-delete', 'tray-error');

  it('does nothing when tray-connect is cancelled', async () => {
    const { el, widget } = await suite.mount();
    el.addEventListener('tray-connect', (e) => e.preventDefault(), { once: true });
    widget.card('Slack alerts').click('Connect');
    // The request event comes once the actions chunk is in, which takes as long as the machine takes.
    await waitUntil(() => events.seen.length > 0, 'no tray-connect event');
    await el.updateComplete;
    expect(suite.ops('CreateInstance')).to.have.length(0);
    expect(widget.card('Slack alerts').badge).to.equal('Not connected');
    const event = events.seen[0] as TrayConnectEvent;
    expect([event.phase, event.cancelable, event.defaultPrevented]).to.deep.equal(['request', true, true]);
  });

  it('creates one instance per click even on a double click', async () => {
    const { widget } = await suite.mount();
    const connect = widget.card('Slack alerts').button('Connect');
    connect.click();
    connect.click();
    await widget.card('Slack alerts').untilBadge('Needs authorization');
    expect(suite.ops('CreateInstance')).to.have.length(1);
    expect(suite.instancesOf(SLACK)).to.have.length(1);
    expect(suite.ops('CreateInstance')[0]!.variables).to.deep.equal({ solutionId: SLACK, instanceName: 'Slack alerts' });
  });

  it('one key press on Connect: creates, authorizes in the popup it opened and enables', async () => {
    const { el, widget, calls } = await suite.mount({ codes: ['slack-2'] });
    const slack = widget.card('Slack alerts');
    slack.button('Connect').focus();
    const authorizing = nextEvent(el, 'tray-authorize');
    const enabling = nextEvent(el, 'tray-enable');
    // A real key press, and the only one: the dialog opens inside it.
    await sendKeys({ press: 'Enter' });

    const authorized = await authorizing;
    const [request, created] = events.seen as TrayConnectEvent[];
    expect([request!.phase, request!.solutionId, request!.instanceId]).to.deep.equal(['request', SLACK, null]);
    expect([created!.phase, created!.cancelable]).to.deep.equal(['created', false]);
    const instanceId = created!.instanceId!;
    expect(suite.instance(instanceId)).to.exist;
    expect(authorized).to.be.instanceOf(TrayAuthorizeEvent);
    expect([authorized.instanceId, authorized.externalId, authorized.authId, authorized.reason, authorized.previousAuthId]).to.deep.equal([
      instanceId,
      'slack_auth',
      'auth-slack-2',
      'authorize',
      null,
    ]);
    expect(calls.fetchAuthCode).to.equal(1);

    const enabled = await enabling;
    expect([enabled.instanceId, enabled.auto]).to.deep.equal([instanceId, true]);
    await el.updateComplete;
    expect(slack.badge).to.equal('Enabled');
    expect(suite.instance(instanceId)!.enabled).to.equal(true);
    await expect(el).to.be.accessible();
    // The emulator refuses an enable sooner than 2 s after creation, so success proves the wait.
    expect(suite.ops('UpdateInstance').map((s) => s.variables)).to.deep.equal([
      { solutionInstanceId: instanceId, authValues: [{ externalId: 'slack_auth', authId: 'auth-slack-2' }] },
      { solutionInstanceId: instanceId, enabled: true, errorOnEnablingWithMissingValues: true },
    ]);
    expect(widget.status).to.equal('Slack alerts enabled.');
    await widget.untilFocused('Disable');

    // The service line reads the same once the page is reloaded (the auth then known, with its icon).
    const before = slack.services.map((line) => line.text);
    expect(before).to.deep.equal(['Slack workspace: Authorized']);
    const reloaded = await suite.mount();
    const after = reloaded.widget.cards.filter((c) => c.title === 'Slack alerts' && c.badge === 'Enabled');
    expect(after.map((c) => c.services.map((line) => line.text))).to.deep.equal([before]);
  });

  it('enables a solution without auth slots right after connecting, 2 s after creation', async () => {
    const { el, widget } = await suite.mount();
    const enabling = nextEvent(el, 'tray-enable');
    widget.card('Webhook relay').click('Connect');
    expect((await enabling).auto).to.equal(true);
    await el.updateComplete;
    expect(widget.card('Webhook relay').badge).to.equal('Enabled');
    expect(suite.ops('UpdateInstance').map((s) => s.variables.errorOnEnablingWithMissingValues)).to.deep.equal([true]);
  });

  it('does not enable when autoEnable is off', async () => {
    const { widget } = await suite.mount({ codes: ['slack-2'], autoEnable: false });
    const slack = widget.card('Slack alerts');
    await slack.connect();
    await slack.untilBadge('Disabled');
    await aTimeout(2200);
    expect(slack.badge).to.equal('Disabled');
    expect(events.seen.some((e) => e.type === 'tray-enable')).to.equal(false);
  });

  it('sends all auth values and enables only once every slot is filled', async () => {
    const { widget } = await suite.mount({ codes: ['jira-1', 'slack-1'] });
    const crm = widget.card('Jira and Slack');
    // Connect opens the first service's dialog; the second has its own Authorize button.
    await crm.connect();
    await crm.until((c) => !c.button('Reconnect Jira site').disabled, 'Jira site authorized');
    expect(crm.badge).to.equal('Needs authorization');
    expect(events.seen.some((e) => e.type === 'tray-enable')).to.equal(false);
    await crm.realClick('Authorize Slack workspace');
    await crm.untilBadge('Enabled');
    const [id] = suite.instancesOf(CRM).map((i) => i.id);
    expect(suite.ops('UpdateInstance')[1]!.variables).to.deep.equal({
      solutionInstanceId: id,
      authValues: [
        { externalId: 'jira_auth', authId: 'auth-jira-1' },
        { externalId: 'slack_auth', authId: 'auth-slack-1' },
      ],
    });
  });
});
