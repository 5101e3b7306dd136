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
});
