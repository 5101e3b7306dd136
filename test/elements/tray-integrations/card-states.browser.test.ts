/** What each card shows: its state's badge, services, notes and buttons, and Tray's text as text. */
import { aTimeout, expect } from '@open-wc/testing';
import { hostile, HOSTILE_TITLE } from '../fixture.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

describe('<tray-integrations> cards', () => {
  it('shows each state with its badge, services, and why a solution is unavailable', async () => {
    const { widget } = await suite.mount();
    expect(widget.card('Slack alerts').badge).to.equal('Not connected');
    expect(widget.card('Orders to Slack').badge).to.equal('Enabled');
    expect(widget.card('Leads to Slack').badge).to.equal('Disabled');
    expect(widget.card('Issues to Slack').badge).to.equal('Update required');
    expect(widget.card('Needs settings').badge).to.equal('Unavailable');
    expect(widget.card('Daily digest').badge).to.equal('Enabled');
    // Hosts style each state through its part, e.g. ::part(card-needs-auth).
    expect(['Slack alerts', 'Orders to Slack', 'Leads to Slack', 'Issues to Slack', 'Needs settings'].map((t) => widget.card(t).state)).to.deep.equal([
      'not-connected',
      'enabled',
      'disabled',
      'update-required',
      'unavailable',
    ]);

    const unavailable = widget.card('Needs settings');
    expect(unavailable.buttons).to.have.length(0);
    expect(unavailable.note).to.contain('needs settings that cannot be entered here');

    const on = widget.card('Orders to Slack');
    // Service title and icon come from the user's authentication, not the slot.
    expect(on.services).to.deep.equal([{ text: 'Slack: Authorized', authorized: true, icon: 'https://icons.example/slack.png' }]);
    expect(on.buttonNames).to.deep.equal(['Reconnect Slack workspace', 'Disable', 'Delete']);
    // What a button does is in its data attributes too, whatever the host's words for it.
    expect(on.button({ action: 'reconnect', slot: 'slack_auth' })).to.equal(on.button('Reconnect Slack workspace'));
    expect(on.button({ action: 'toggle' })).to.equal(on.button('Disable'));
    expect(widget.card('Leads to Slack').buttonNames).to.contain('Enable');

    const upgrade = widget.card('Issues to Slack');
    expect(upgrade.element.textContent).to.contain('A new version needs you to authorize again');
    expect(upgrade.services.filter((s) => !s.authorized).map((s) => s.text)).to.deep.equal(['Jira site: Not authorized']);
    expect(upgrade.buttonNames).to.deep.equal(['Update Jira site', 'Disable', 'Delete']);

    expect(widget.card('Daily digest').element.textContent).to.contain('A newer version is available');
    expect(widget.card('Daily digest').buttonNames).not.to.contain('Update Slack workspace');

    const slack = widget.card('Slack alerts');
    expect(slack.description).to.equal('Post new orders to Slack.');
    expect(slack.tags[0]).to.equal('messaging');
    expect(slack.image!.src).to.equal('https://images.example/slack.png');
    expect(slack.image!.alt).to.equal('Slack alerts logo');
  });

  it('renders hostile solution text as text and drops unsafe image URLs', async () => {
    (window as { __pwned?: number }).__pwned = 0;
    const { widget } = await suite.mount();
    const evil = widget.card(HOSTILE_TITLE);
    expect(evil.element.querySelector('h3')!.textContent).to.equal(HOSTILE_TITLE);
    expect(evil.description).to.equal(hostile.description);
    expect(evil.tags[0]).to.equal('<i>tag</i>');
    expect(evil.element.querySelectorAll('img, script, b, i, u')).to.have.length(0);
    // Very long text wraps inside the card instead of widening it.
    expect(evil.element.scrollWidth).to.be.at.most(evil.element.clientWidth + 1);
    await aTimeout(50);
    expect((window as { __pwned?: number }).__pwned).to.equal(0);
  });
});
