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
import type { TrayAuthorizeEvent, TrayErrorEvent } from '../../src/events.ts';
import { startMockTray, type MockTray } from '../support/msw-tray.ts';
import { realClick } from '../support/commands.ts';
import { fixture, ONE, SLOT } from './fixture.ts';
import {
  badge,
  button,
  card,
  cardError,
  CROSS_DIALOG_ORIGIN,
  dialogLoaded,
  mountWidget,
  recordEvents,
  useEvents,
  settle,
  speakAsPopup,
  spyOnOpen,
  watch,
  type Sent,
} from './support.ts';

let tray: MockTray;
let sent: Sent[];
let ops: (name: string) => Sent[];
const w = window as unknown as { __pwned?: number };

before(async () => {
  tray = await startMockTray({ fixture: fixture() });
  ({ sent, ops } = watch(tray));
});
after(() => tray.stop());
beforeEach(() => {
  tray.emulator.reset();
  sent.length = 0;
  w.__pwned = 0;
});

const authOf = (instanceId: string) => tray.emulator.store.instances.get(instanceId)?.authValues.map((v) => v.authId) ?? null;
const instancesOf = (solutionId: string) => [...tray.emulator.store.instances.values()].filter((i) => i.solutionId === solutionId);
const FINISH = (authId: unknown) => ({ type: 'tray.authpopup.finish', authType: 'oauth', authId });

/** Every finish message that reached this window, so a test knows each forgery was really delivered. */
function deliveries() {
  const seen: Array<{ origin: string; authId: unknown }> = [];
  const listener = (event: MessageEvent) => {
    if (event.data?.type === 'tray.authpopup.finish') seen.push({ origin: event.origin, authId: event.data.authId });
  };
  window.addEventListener('message', listener);
  return { seen, stop: () => window.removeEventListener('message', listener) };
}

/** A frame that posts a forged finish to this page as soon as it loads. */
async function forgingFrame(kind: 'dialog-origin' | 'opaque-origin'): Promise<void> {
  const frame = document.createElement('iframe');
  if (kind === 'dialog-origin') {
    // The stub's forge-parent script: right origin, wrong window.
    frame.src = `${CROSS_DIALOG_ORIGIN}/external/auth/create/forge-parent/x/y?code=z`;
  } else {
    // A sandboxed frame has an opaque origin ("null"): another origin altogether.
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.srcdoc = `<script>parent.postMessage(${JSON.stringify(FINISH('auth-forged'))}, '*')</script>`;
  }
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  await settle(100);
  frame.remove();
}

describe('hardening: forged dialog messages', () => {
  const errors = useEvents<TrayErrorEvent>('tray-error');
  const authorized = useEvents<TrayAuthorizeEvent>('tray-authorize');

  it('a finish forged by the host window, a frame on the dialog origin or a frame on another origin changes nothing', async () => {
    const opens = spyOnOpen();
    const heard = deliveries();
    try {
      // The real popup stays open and silent; impostors speak instead.
      const { el } = await mountWidget(tray, { script: 'stay' });
      await realClick(button(card(el, 'Orders to Slack'), 'Reconnect Slack workspace'));
      await waitUntil(() => card(el, 'Orders to Slack').getAttribute('aria-busy') === 'true', 'the dialog is awaited');

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
      expect(card(el, 'Orders to Slack').getAttribute('aria-busy')).to.equal('true');
      expect(opens.opened[0]!.popup!.closed).to.equal(false);

      el.remove(); // a removed widget closes its dialog
      await waitUntil(() => opens.opened[0]!.popup!.closed, 'the dialog closes with the widget');
      await settle();
      expect(authOf('inst-on')).to.deep.equal(['auth-a1']);
      expect(tray.emulator.requests.map((r) => r.operationName)).to.deep.equal(['Marketplace']);
    } finally {
      heard.stop();
      opens.restore();
    }
  });

  it('a forged "closed" or "error" message cannot make the widget abandon (delete) a new connection', async () => {
    const opens = spyOnOpen();
    try {
      const { el } = await mountWidget(tray, { script: 'stay' });
      button(card(el, 'Slack alerts'), 'Connect').click();
      await waitUntil(() => badge(el, 'Slack alerts') === 'Needs authorization', 'connected');
      const [created] = instancesOf(ONE);
      await realClick(button(card(el, 'Slack alerts'), 'Authorize Slack workspace'));
      await waitUntil(() => card(el, 'Slack alerts').getAttribute('aria-busy') === 'true', 'the dialog is awaited');
      for (const data of [{ type: 'tray.authpopup.close' }, { type: 'tray.authPopup.error', error: 'forged' }]) {
        window.postMessage(data, '*');
        const frame = document.createElement('iframe');
        frame.setAttribute('sandbox', 'allow-scripts');
        frame.srcdoc = `<script>parent.postMessage(${JSON.stringify(data)}, '*')</script>`;
        const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
        document.body.append(frame);
        await loaded;
        await settle(100);
        frame.remove();
      }
      await settle();
      expect(ops('RemoveInstance')).to.have.length(0);
      expect(tray.emulator.store.instances.get(created!.id)).to.exist;
      expect(errors.seen).to.have.length(0);
      expect(card(el, 'Slack alerts').getAttribute('aria-busy')).to.equal('true');
      expect(opens.opened[0]!.popup!.closed).to.equal(false);
      el.remove();
    } finally {
      opens.restore();
    }
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
    const opens = spyOnOpen();
    try {
      // Same-origin dialog: the test can run script in the popup, so origin and source are right and only the payload is wrong.
      const { el, calls } = await mountWidget(tray, { script: 'stay', dialogOrigin: location.origin, codes: payloads.map((_, i) => `c${i}`) });
      for (const [i, payload] of payloads.entries()) {
        await realClick(button(card(el, 'Orders to Slack'), 'Reconnect Slack workspace'));
        await waitUntil(() => opens.opened.length === i + 1, 'a popup opened');
        const popup = opens.opened[i]!.popup!;
        await dialogLoaded(popup);
        speakAsPopup(popup, `opener.postMessage(${JSON.stringify(payload)}, '*')`);
        await waitUntil(() => errors.seen.length === i + 1, `payload ${i} is reported`);
        expect(errors.seen[i]!.code, JSON.stringify(payload).slice(0, 80)).to.equal('dialog-error');
        await waitUntil(() => popup.closed, 'the widget closes the dialog after a bad finish');
        await waitUntil(() => !card(el, 'Orders to Slack').querySelector('[part~=progress]'), 'the card is usable again');
      }
      expect(calls.fetchAuthCode).to.equal(payloads.length);
      expect(cardError(el, 'Orders to Slack')).to.contain('without a valid authentication');
      expect(ops('UpdateInstance')).to.have.length(0);
      expect(authorized.seen).to.have.length(0);
      expect(authOf('inst-on')).to.deep.equal(['auth-a1']);
      expect(badge(el, 'Orders to Slack')).to.equal('Enabled');
      await settle(100);
      expect(w.__pwned).to.equal(0);
    } finally {
      opens.restore();
    }
  });

  it('a repeated finish attaches only the first auth, once', async () => {
    const { el } = await mountWidget(tray, { script: 'finish-twice' });
    await realClick(button(card(el, 'Orders to Slack'), 'Reconnect Slack workspace'));
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
      const { el } = await mountWidget(tray, { codes: ['a2'] });
      await realClick(button(card(el, 'Orders to Slack'), 'Reconnect Slack workspace'));
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
    const opens = spyOnOpen();
    const deleted = recordEvents('tray-delete');
    try {
      const { el } = await mountWidget(tray, { script: 'stay', dialogOrigin: location.origin, codes: ['a2'] });
      button(card(el, 'Slack alerts'), 'Connect').click();
      await waitUntil(() => badge(el, 'Slack alerts') === 'Needs authorization', 'connected');
      const [created] = instancesOf(ONE);
      await realClick(button(card(el, 'Slack alerts'), 'Authorize Slack workspace'));
      await waitUntil(() => opens.opened.length === 1);
      const popup = opens.opened[0]!.popup!;
      await dialogLoaded(popup);
      speakAsPopup(
        popup,
        `opener.postMessage({ type: 'tray.authpopup.close' }, '*'); opener.postMessage(${JSON.stringify(FINISH('auth-late'))}, '*');`,
      );
      await waitUntil(() => deleted.seen.length === 1, 'the abandoned connection is cleaned up');
      await waitUntil(() => badge(el, 'Slack alerts') === 'Not connected');
      // A frame on the dialog origin repeats the finish later still.
      await forgingFrame('dialog-origin');
      await settle();
      expect(instancesOf(ONE), 'no instance left or re-created').to.have.length(0);
      expect(tray.emulator.store.instances.get(created!.id)).to.equal(undefined);
      expect(ops('UpdateInstance')).to.have.length(0);
      expect(ops('CreateInstance')).to.have.length(1);
      expect(ops('RemoveInstance')).to.have.length(1);
      expect(authorized.seen).to.have.length(0);
    } finally {
      deleted.stop();
      opens.restore();
    }
  });
});
