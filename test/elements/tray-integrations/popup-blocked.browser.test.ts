/** A blocked sign-in window: the card offers Continue, and a fresh click opens it. */
import { expect } from '@open-wc/testing';
import { blockPopups } from '../../support/popups.ts';
import { nextEvent } from '../../support/widget-harness.ts';
import { SLACK } from '../fixture.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

describe('<tray-integrations> popup blocked', () => {
  it('offers Continue when the popup Connect opens is blocked, and a fresh click opens it', async () => {
    const { el, widget, calls } = await suite.mount({ codes: ['never-shown', 'slack-2'] });
    const slack = widget.card('Slack alerts');
    // Chromium driven over DevTools never blocks a popup, so the browser's
    // answer to a blocked one (window.open → null) is produced by hand, until
    // the widget has said so (the click may wait for the actions' chunk).
    const failed = nextEvent(el, 'tray-error');
    const unblock = blockPopups();
    let blocked;
    try {
      slack.click('Connect');
      blocked = await failed;
    } finally {
      unblock();
    }
    expect([blocked.code, blocked.recoverable]).to.deep.equal(['popup-blocked', true]);
    await el.updateComplete;
    expect(slack.notice).to.contain('The sign-in window was blocked');
    // Connect asks for the dialog's code before its window opens; the window never did, so that code goes unused.
    expect(calls.fetchAuthCode).to.equal(1);
    expect(suite.instancesOf(SLACK)).to.have.length(1);
    await widget.untilFocused('Continue');
    await expect(el).to.be.accessible();

    const authorized = await slack.realClickFor('Continue', 'tray-authorize');
    expect(authorized.authId).to.equal('auth-slack-2');
    // Codes are single use: the dialog Continue opens asks for its own.
    expect(calls.fetchAuthCode).to.equal(2);
    await el.updateComplete;
    expect(slack.notice).to.equal(null);
  });
});
