/** Messages that do not come from the dialog, or say nothing valid, change nothing. */
import { aTimeout, expect } from '@open-wc/testing';
import type { TrayAuthorizeEvent } from '../../../src/events.ts';
import { CROSS_DIALOG_ORIGIN } from '../../support/auth-dialog.ts';
import { useEvents } from '../../support/widget-harness.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

describe('<tray-integrations> hostile dialog messages', () => {
  const events = useEvents('tray-authorize', 'tray-error');

  it('ignores finish messages from the wrong origin or the wrong window, and forged payloads', async () => {
    // The popup stays open and says nothing; impostors speak instead.
    const { el, widget } = await suite.mount({ script: 'stay' });
    const orders = widget.card('Orders to Slack');
    await orders.realClick('Reconnect Slack workspace');
    await orders.until((c) => c.busy, 'awaits the dialog');
    // Wrong origin: this page posts to itself.
    window.postMessage({ type: 'tray.authpopup.finish', authId: 'auth-slack-2' }, '*');
    // Right origin, wrong window: a frame on the dialog's origin.
    const frame = document.createElement('iframe');
    frame.src = `${CROSS_DIALOG_ORIGIN}/external/auth/create/forge-parent/x/y?code=z`;
    const framed = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await framed;
    await aTimeout(300);
    frame.remove();
    expect(events.seen).to.have.length(0);
    expect(suite.ops('UpdateInstance')).to.have.length(0);
    expect(orders.busy).to.equal(true);
    el.remove(); // closes the waiting popup
  });

  it('acts on the real finish after junk payloads from the popup', async () => {
    const { widget } = await suite.mount({ script: 'junk' });
    const authorized = await widget.card('Orders to Slack').realClickFor('Reconnect Slack workspace', 'tray-authorize');
    expect(authorized.authId).to.equal('auth-after-junk');
    await widget.untilIdle();
    expect(events.seen.filter((e) => e.type === 'tray-authorize' && (e as TrayAuthorizeEvent).reason === 'reconnect')).to.have.length(1);
  });

  it('refuses a finish whose authId is not an id', async () => {
    const { widget } = await suite.mount({ script: 'odd-id' });
    const error = await widget.card('Orders to Slack').realClickFor('Reconnect Slack workspace', 'tray-error');
    expect(error.code).to.equal('dialog-error');
    expect(suite.ops('UpdateInstance')).to.have.length(0);
    expect(widget.root.querySelectorAll('img[src=x]')).to.have.length(0);
  });
});
