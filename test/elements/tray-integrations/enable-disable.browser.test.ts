/** The Enable/Disable toggle, and what a failed toggle shows. */
import { expect, waitUntil } from '@open-wc/testing';
import { TrayDisableEvent, type TrayEnableEvent } from '../../../src/events.ts';
import { useEvents } from '../../support/widget-harness.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

describe('<tray-integrations> enable and disable', () => {
  const events = useEvents('tray-authorize', 'tray-enable', 'tray-disable', 'tray-delete', 'tray-error');
  const errors = useEvents('tray-error');

  it('disables and enables with the toggle', async () => {
    const { el, widget } = await suite.mount();
    const orders = widget.card('Orders to Slack');
    orders.click('Disable');
    await orders.untilBadge('Disabled');
    const disabled = events.seen[0] as TrayDisableEvent;
    expect(disabled).to.be.instanceOf(TrayDisableEvent);
    expect(disabled.instanceId).to.equal('inst-on');
    expect(suite.instance('inst-on')!.enabled).to.equal(false);
    expect(widget.status).to.equal('Orders to Slack disabled.');
    await expect(el).to.be.accessible();

    orders.click('Enable');
    await orders.untilBadge('Enabled');
    const enabled = events.seen[1] as TrayEnableEvent;
    expect([enabled.instanceId, enabled.auto]).to.deep.equal(['inst-on', false]);
    expect(suite.ops('UpdateInstance').at(-1)!.variables).to.deep.equal({
      solutionInstanceId: 'inst-on',
      enabled: true,
      errorOnEnablingWithMissingValues: true,
    });
    expect(suite.instance('inst-on')!.enabled).to.equal(true);
  });

  it('re-reads the instance after a failed action instead of guessing', async () => {
    const { el, widget } = await suite.mount();
    const orders = widget.card('Orders to Slack');
    suite.tray.emulator.faults.failNext(1, 'http500');
    orders.click('Disable');
    await waitUntil(() => suite.ops('Instance').length === 1, 'the instance is re-read');
    await orders.until((c) => c.error !== null, 'shows the error');
    expect(orders.error).to.contain('HTTP 500');
    expect(suite.ops('Instance')[0]!.variables).to.deep.equal({ id: 'inst-on' });
    expect(orders.badge).to.equal('Enabled');
    const event = errors.seen.at(-1)!;
    expect([event.code, event.instanceId]).to.deep.equal(['server', 'inst-on']);
    await expect(el).to.be.accessible();
  });
});
