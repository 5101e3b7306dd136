/** The widget's words: a host overrides some (e.g. to translate) and keeps the rest. */
import { expect } from '@open-wc/testing';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

describe('<tray-integrations> messages', () => {
  it('takes partial message overrides and keeps the other defaults', async () => {
    const { widget } = await suite.mount({
      messages: { connect: 'Verbinden', authorize: (slot: string) => `${slot} autorisieren` },
    });
    const slack = widget.card('Slack alerts');
    expect(slack.button('Verbinden')).to.equal(slack.button({ action: 'connect' }));
    expect(slack.badge).to.equal('Not connected');
    slack.click('Verbinden');
    await slack.until((c) => c.hasButton('Slack workspace autorisieren'), 'offers the translated Authorize');
  });

  it('redraws every card when the host sets new messages after the load', async () => {
    const { el, widget } = await suite.mount();
    expect(widget.card('Slack alerts').badge).to.equal('Not connected');
    el.messages = { stateNotConnected: 'Nicht verbunden', connect: 'Verbinden' };
    await el.updateComplete;
    const notConnected = widget.cards.filter((c) => c.state === 'not-connected');
    expect(notConnected.length, 'cards not connected').to.be.greaterThan(1);
    for (const card of notConnected) expect(card.badge).to.equal('Nicht verbunden');
    expect(widget.card('Slack alerts').buttonNames).to.deep.equal(['Verbinden']);
  });
});
