/** Delete asks inside the widget first; a host may veto it; then the card goes back to Not connected. */
import { aTimeout, expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TrayDeleteEvent } from '../../../src/events.ts';
import { useEvents } from '../../support/widget-harness.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

describe('<tray-integrations> delete', () => {
  const events = useEvents('tray-authorize', 'tray-enable', 'tray-disable', 'tray-delete', 'tray-error');

  it('asks inside the widget before deleting; Escape and "Keep it" back out', async () => {
    const confirm = window.confirm;
    window.confirm = () => {
      throw new Error('window.confirm must not be used');
    };
    try {
      const { el, widget } = await suite.mount();
      const orders = widget.card('Orders to Slack');
      orders.click('Delete');
      await el.updateComplete;
      expect(orders.confirmation).to.equal('Delete Orders to Slack? Its workflows stop and it cannot be restored.');
      expect(widget.focused).to.equal('Keep it');
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(orders.confirmation).to.equal(null);
      expect(widget.focused).to.equal('Delete');

      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      orders.click('Keep it');
      await el.updateComplete;
      expect(suite.instance('inst-on')).to.exist;
      expect(suite.ops('RemoveInstance')).to.have.length(0);
    } finally {
      window.confirm = confirm;
    }
  });

  it('keeps the instance when tray-delete is cancelled', async () => {
    const { el, widget } = await suite.mount();
    const orders = widget.card('Orders to Slack');
    el.addEventListener('tray-delete', (e) => e.preventDefault(), { once: true });
    await orders.deleteConfirmed();
    await aTimeout(100);
    const request = events.seen[0] as TrayDeleteEvent;
    expect([request.phase, request.cancelable, request.defaultPrevented]).to.deep.equal(['request', true, true]);
    expect(suite.ops('RemoveInstance')).to.have.length(0);
    expect(suite.instance('inst-on')).to.exist;
    expect(orders.badge).to.equal('Enabled');
  });

  it('deletes after confirmation and the card goes back to Not connected', async () => {
    const { el, widget } = await suite.mount();
    const orders = widget.card('Orders to Slack');
    orders.click('Delete');
    await el.updateComplete;
    const yes = orders.button('Yes, delete');
    yes.click();
    yes.click();
    await orders.untilBadge('Not connected');
    expect((events.seen as TrayDeleteEvent[]).map((e) => [e.instanceId, e.phase, e.reason])).to.deep.equal([
      ['inst-on', 'request', 'user'],
      ['inst-on', 'deleted', 'user'],
    ]);
    expect(suite.ops('RemoveInstance')).to.have.length(1);
    expect(suite.instance('inst-on')).to.equal(undefined);
    expect(widget.status).to.equal('Orders to Slack deleted.');
    await widget.untilFocused('Connect');
  });
});
