/**
 * Forged `tray.authpopup.finish` messages never change an integration.
 *
 * The widget runs against the emulator core (msw); the dialog is the stub on
 * a second origin, or, where a test must speak AS the popup, the stub on the
 * page's own origin so the test can run script inside the popup's realm.
 * Every forged authId is a real authentication of the user, so a widget that
 * believed a forgery would get it accepted by the emulator: each test checks
 * the emulator's store, not only the screen.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { CROSS_DIALOG_ORIGIN, finishMessage as FINISH, useStubDialogs } from '../support/auth-dialog.ts';
import { useMockTray } from '../support/mock-tray-suite.ts';
import { settle, useEvents } from '../support/widget-harness.ts';
import { fixture, ONE, SLOT, USER } from './fixture.ts';

const suite = useMockTray({ fixture: fixture(), user: USER.externalUserId });
const { ops, instancesOf, authOf } = suite;
const w = window as unknown as { __pwned?: number };
beforeEach(() => {
  w.__pwned = 0;
});

/** Every finish message that reached this window, so a test knows each forgery was really delivered. */
function deliveries() {
  const seen: Array<{ origin: string; authId: unknown }> = [];
  const listener = (event: MessageEvent) => {
    if (event.data?.type === 'tray.authpopup.finish') seen.push({ origin: event.origin, authId: event.data.authId });
  };
  window.addEventListener('message', listener);
  return { seen, stop: () => window.removeEventListener('message', listener) };
}

/** A frame that posts a forged message (by default a finish) to this page as soon as it loads. */
async function forgingFrame(kind: 'dialog-origin' | 'opaque-origin', data: unknown = FINISH('auth-forged')): Promise<void> {
  const frame = document.createElement('iframe');
  if (kind === 'dialog-origin') {
    // The stub's forge-parent script: right origin, wrong window.
    frame.src = `${CROSS_DIALOG_ORIGIN}/external/auth/create/forge-parent/x/y?code=z`;
  } else {
    // A sandboxed frame has an opaque origin ("null"): another origin altogether.
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.srcdoc = `<script>parent.postMessage(${JSON.stringify(data)}, '*')</script>`;
  }
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  await settle(100);
  frame.remove();
}

describe('hardening: forged dialog messages', () => {
  const errors = useEvents('tray-error');
  const authorized = useEvents('tray-authorize');
  const deleted = useEvents('tray-delete');
  const dialogs = useStubDialogs();

  it('a finish forged by the host window, a frame on the dialog origin or a frame on another origin changes nothing', async () => {
    const heard = deliveries();
    try {
      // The real popup stays open and silent; impostors speak instead.
      const { el, widget } = await suite.mount({ script: 'stay' });
      const orders = widget.card('Orders to Slack');
      await orders.realClick('Reconnect Slack workspace');
      await orders.until((c) => c.busy, 'the dialog is awaited');

      window.postMessage(FINISH('auth-forged'), '*');
      await forgingFrame('dialog-origin');
      await forgingFrame('opaque-origin');
      await waitUntil(() => heard.seen.length === 3, 'all three forgeries reached the page');
      expect(heard.seen.map((m) => m.origin)).to.deep.equal([location.origin, CROSS_DIALOG_ORIGIN, 'null']);
      await settle();

      expect(ops('UpdateInstance'), 'no update was sent').to.have.length(0);
      expect(authorized.seen).to.have.length(0);
      expect(authOf('inst-on')).to.deep.equal(['auth-a1']);
      // Still waiting for the real dialog: the forgeries did not even end it.
      expect(orders.busy).to.equal(true);
      const popup = dialogs.opened[0]!.popup!;
      expect(popup.closed).to.equal(false);

      el.remove(); // a removed widget closes its dialog
      await waitUntil(() => popup.closed, 'the dialog closes with the widget');
      await settle();
      expect(authOf('inst-on')).to.deep.equal(['auth-a1']);
      // Nothing but the load and the snapshot of the user's auths taken as the
      // dialog opened (to recognise a lost finish): no forgery caused a request.
      expect(suite.tray.emulator.requests.map((r) => r.operationName)).to.deep.equal(['Marketplace', 'Authentications']);
    } finally {
      heard.stop();
    }
  });

  it('a forged "closed" or "error" message cannot make the widget abandon (delete) a new connection', async () => {
    const { el, widget } = await suite.mount({ script: 'stay' });
    const slack = widget.card('Slack alerts');
    await slack.connect();
    const [created] = instancesOf(ONE);
    await slack.until((c) => c.busy, 'the dialog is awaited');
    for (const data of [{ type: 'tray.authpopup.close' }, { type: 'tray.authPopup.error', error: 'forged' }]) {
      window.postMessage(data, '*');
      await forgingFrame('opaque-origin', data);
    }
    await settle();
    expect(ops('RemoveInstance')).to.have.length(0);
    expect(suite.instance(created!.id)).to.exist;
    expect(errors.seen).to.have.length(0);
    expect(slack.busy).to.equal(true);
    expect(dialogs.opened[0]!.popup!.closed).to.equal(false);
    el.remove();
  });

  it('a finish from the popup itself with a missing, empty, non-string, markup or oversized authId is refused, and nothing changes', async () => {
    const payloads = [
      { type: 'tray.authpopup.finish', authType: 'oauth' },
      FINISH(''),
      FINISH(42),
      FINISH({ id: 'auth-forged' }),
      FINISH(['auth-forged']),
      FINISH('<img src=x onerror="window.__pwned=1">'),
      FINISH('auth-forged" OR "1"="1'),
      FINISH(`auth-${'x'.repeat(5000)}`),
    ];
    // Same-origin dialog: the test can run script in the popup, so origin and source are right and only the payload is wrong.
    const { widget, calls } = await suite.mount({ script: 'stay', dialogOrigin: location.origin, codes: payloads.map((_, i) => `c${i}`) });
    const orders = widget.card('Orders to Slack');
    for (const [i, payload] of payloads.entries()) {
      await orders.realClick('Reconnect Slack workspace');
      await waitUntil(() => dialogs.opened.length === i + 1, 'a popup opened');
      const popup = await dialogs.loaded(i);
      dialogs.speak(popup, `opener.postMessage(${JSON.stringify(payload)}, '*')`);
      await waitUntil(() => errors.seen.length === i + 1, `payload ${i} is reported`);
      expect(errors.seen[i]!.code, JSON.stringify(payload).slice(0, 80)).to.equal('dialog-error');
      await waitUntil(() => popup.closed, 'the widget closes the dialog after a bad finish');
      await orders.until((c) => !c.working, 'the card is usable again');
    }
    expect(calls.fetchAuthCode).to.equal(payloads.length);
    expect(orders.error).to.contain('without a valid authentication');
    expect(ops('UpdateInstance')).to.have.length(0);
    expect(authorized.seen).to.have.length(0);
    expect(authOf('inst-on')).to.deep.equal(['auth-a1']);
    expect(orders.badge).to.equal('Enabled');
    await settle(100);
    expect(w.__pwned).to.equal(0);
  });

  it('a repeated finish attaches only the first auth, once', async () => {
    const { widget } = await suite.mount({ script: 'finish-twice' });
    await widget.card('Orders to Slack').realClick('Reconnect Slack workspace');
    await waitUntil(() => authorized.seen.length === 1, 'the first finish is used');
    await settle(600);
    expect(authorized.seen.map((e) => e.authId)).to.deep.equal(['auth-first']);
    expect(ops('UpdateInstance').map((s) => s.variables)).to.deep.equal([
      { solutionInstanceId: 'inst-on', authValues: [{ externalId: SLOT, authId: 'auth-first' }] },
    ]);
    expect(authOf('inst-on')).to.deep.equal(['auth-first']);
  });

  it('a finish arriving after the dialog completed changes nothing', async () => {
    const heard = deliveries();
    try {
      const { widget } = await suite.mount({ codes: ['a2'] });
      await widget.card('Orders to Slack').realClick('Reconnect Slack workspace');
      await waitUntil(() => authorized.seen.length === 1, 'the real finish is used');
      expect(authOf('inst-on')).to.deep.equal(['auth-a2']);

      window.postMessage(FINISH('auth-forged'), '*');
      await forgingFrame('dialog-origin');
      await waitUntil(() => heard.seen.length === 3, 'the late finishes reached the page');
      await settle();
      expect(ops('UpdateInstance')).to.have.length(1);
      expect(authorized.seen).to.have.length(1);
      expect(authOf('inst-on')).to.deep.equal(['auth-a2']);
    } finally {
      heard.stop();
    }
  });

  it('a finish the popup posts after it said "closed" neither keeps nor re-creates the abandoned connection', async () => {
    const { widget } = await suite.mount({ script: 'stay', dialogOrigin: location.origin, codes: ['a2'] });
    const slack = widget.card('Slack alerts');
    await slack.connect();
    const [created] = instancesOf(ONE);
    await waitUntil(() => dialogs.opened.length === 1);
    const popup = await dialogs.loaded();
    dialogs.speak(popup, `opener.postMessage({ type: 'tray.authpopup.close' }, '*'); opener.postMessage(${JSON.stringify(FINISH('auth-late'))}, '*');`);
    await waitUntil(() => deleted.seen.length === 1, 'the abandoned connection is cleaned up');
    await slack.untilBadge('Not connected');
    // A frame on the dialog origin repeats the finish later still.
    await forgingFrame('dialog-origin');
    await settle();
    expect(instancesOf(ONE), 'no instance left or re-created').to.have.length(0);
    expect(suite.instance(created!.id)).to.equal(undefined);
    expect(ops('UpdateInstance')).to.have.length(0);
    expect(ops('CreateInstance')).to.have.length(1);
    expect(ops('RemoveInstance')).to.have.length(1);
    expect(authorized.seen).to.have.length(0);
  });
});
