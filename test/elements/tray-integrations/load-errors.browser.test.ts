/** When loading fails: the error state and its Retry, and rejected or missing tokens. */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { TrayErrorEvent } from '../../../src/events.ts';
import { useEvents } from '../../support/widget-harness.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

describe('<tray-integrations> load errors and tokens', () => {
  const errors = useEvents('tray-error');

  it('shows an accessible error state whose Retry loads again', async () => {
    // The client retries a query 3 times: 4 failures reach the widget.
    suite.tray.emulator.faults.failNext(4, 'http500');
    const { el, widget } = await suite.mount();
    expect(widget.loadError).to.contain('Integrations could not be loaded.');
    expect(widget.loadError).to.contain('HTTP 500');
    const event = errors.seen.at(-1)!;
    expect(event).to.be.instanceOf(TrayErrorEvent);
    expect([event.code, event.recoverable]).to.deep.equal(['server', true]);
    await expect(el).to.be.accessible();
    widget.button('Retry').click();
    await waitUntil(() => widget.cards.length > 0, 'Retry loads the cards');
  });

  it('asks fetchToken for a new token when Tray rejects it, and retries once', async () => {
    const fresh = await suite.userToken();
    const { widget, calls } = await suite.mount({ token: 'expired-token', fetchToken: async () => fresh });
    expect(widget.cards.length).to.equal(9);
    expect(calls.fetchToken).to.equal(1);
    expect(suite.tray.emulator.requests.map((r) => r.token)).to.deep.equal(['invalid', 'user']);
    // The new token is used for what follows, without asking again.
    widget.card('Orders to Slack').click('Disable');
    await widget.card('Orders to Slack').untilBadge('Disabled');
    expect(calls.fetchToken).to.equal(1);
    expect(suite.tray.emulator.requests.at(-1)!.token).to.equal('user');
  });

  it('asks fetchToken when no token is set', async () => {
    const fresh = await suite.userToken();
    const { widget, calls } = await suite.mount({ token: undefined, fetchToken: async () => fresh });
    expect(widget.cards.length).to.equal(9);
    expect(calls.fetchToken).to.equal(1);
  });

  it('waits for a token or fetchToken set after it is on the page, then loads once', async () => {
    const { el, widget, calls } = await suite.mount({ token: undefined, wait: false });
    await aTimeout(100);
    expect(widget.part('skeleton'), 'still waiting, not failed').to.not.equal(null);
    expect(widget.loadError).to.equal(null);
    expect(suite.sent).to.have.length(0);
    const fresh = await suite.userToken();
    el.fetchToken = async () => (calls.fetchToken++, fresh);
    await waitUntil(() => widget.cards.length === 9, 'the cards load once fetchToken is set');
    expect(calls.fetchToken).to.equal(1);
    // A new function (as a framework re-render passes) does not reload.
    el.fetchToken = async () => fresh;
    await aTimeout(100);
    expect(suite.ops('Marketplace')).to.have.length(1);
  });

  it('says what to fix when the token is rejected and there is no fetchToken', async () => {
    const { widget } = await suite.mount({ token: 'expired-token' });
    expect(widget.loadError).to.contain('set a valid token property, or provide fetchToken');
    expect(errors.seen.at(-1)!.code).to.equal('token-rejected');
  });
});
