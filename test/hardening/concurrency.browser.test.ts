/**
 * Concurrency: double clicks, two widgets on one page, two "tabs" (two
 * widgets for one user, each loading on its own), and Delete while an
 * Authorize dialog is open. Never a duplicate instance, never an orphan:
 * each test checks the emulator's store. Against the emulator core (msw);
 * dialogs are the stub on the page's own origin where the test decides
 * when and what the popup answers.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { TrayAuthorizeEvent, TrayErrorEvent } from '../../src/events.ts';
import type { TrayIntegrationsElement } from '../../src/elements/tray-integrations.ts';
import { startMockTray, type MockTray } from '../support/msw-tray.ts';
import { realClick } from '../support/commands.ts';
import { fixture, ONE } from './fixture.ts';
import {
  badge,
  button,
  card,
  dialogLoaded,
  hasButton,
  mountWidget,
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

before(async () => {
  tray = await startMockTray({ fixture: fixture() });
  ({ sent, ops } = watch(tray));
});
after(() => tray.stop());
beforeEach(() => {
  tray.emulator.reset();
  sent.length = 0;
});

const instancesOf = (solutionId: string) => [...tray.emulator.store.instances.values()].filter((i) => i.solutionId === solutionId);
const authOf = (id: string) => tray.emulator.store.instances.get(id)?.authValues.map((v) => v.authId) ?? null;
const idle = (el: TrayIntegrationsElement, title: string) =>
  waitUntil(() => card(el, title).getAttribute('aria-busy') === 'false', `"${title}" is idle`, { timeout: 4000 });

/** A trusted double click: two presses in a row at the element's centre, as a mouse sends them. */
async function doubleClick(element: Element) {
  element.scrollIntoView({ block: 'center' });
  const r = element.getBoundingClientRect();
  const position: [number, number] = [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
  await Promise.all([sendMouse({ type: 'click', position }), sendMouse({ type: 'click', position })]);
}

const finishFrom = (popup: Window, authId: string) =>
  speakAsPopup(popup, `opener.postMessage({ type: 'tray.authpopup.finish', authType: 'oauth', authId: ${JSON.stringify(authId)} }, '*'); close();`);

describe('hardening: concurrency', () => {
  const errors = useEvents<TrayErrorEvent>('tray-error');
  const authorized = useEvents<TrayAuthorizeEvent>('tray-authorize');

  describe('double clicks', () => {
    it('a double click on Connect creates one instance', async () => {
      const { el } = await mountWidget(tray, { autoEnable: false });
      await doubleClick(button(card(el, 'Slack alerts'), 'Connect'));
      await waitUntil(() => badge(el, 'Slack alerts') === 'Needs authorization');
      await settle();
      expect(ops('CreateInstance')).to.have.length(1);
      expect(instancesOf(ONE)).to.have.length(1);
    });

    it('a double click on Authorize opens one window and spends one code', async () => {
      const opens = spyOnOpen();
      try {
        const { el, calls } = await mountWidget(tray, { script: 'stay', dialogOrigin: location.origin, codes: ['c1', 'c2'] });
        await doubleClick(button(card(el, 'Orders to Slack'), 'Reconnect Slack workspace'));
        await waitUntil(() => opens.opened.length === 1);
        const popup = opens.opened[0]!.popup!;
        await dialogLoaded(popup);
        await settle(200);
        expect(opens.opened).to.have.length(1);
        expect(calls.fetchAuthCode).to.equal(1);
        finishFrom(popup, 'auth-a2');
        await waitUntil(() => authorized.seen.length === 1);
        await settle();
        expect(ops('UpdateInstance')).to.have.length(1);
        expect(authOf('inst-on')).to.deep.equal(['auth-a2']);
      } finally {
        opens.restore();
      }
    });

    it('a double click on Disable, and on Yes, delete, each act once', async () => {
      const { el } = await mountWidget(tray);
      await doubleClick(button(card(el, 'Orders to Slack'), 'Disable'));
      await waitUntil(() => badge(el, 'Orders to Slack') === 'Disabled');
      await idle(el, 'Orders to Slack');
      expect(ops('UpdateInstance')).to.have.length(1);
      button(card(el, 'Orders to Slack'), 'Delete').click();
      await el.updateComplete;
      await doubleClick(button(card(el, 'Orders to Slack'), 'Yes, delete'));
      await waitUntil(() => badge(el, 'Orders to Slack') === 'Not connected');
      await settle();
      expect(ops('RemoveInstance')).to.have.length(1);
      expect(errors.seen, 'no "not found" from a second delete').to.have.length(0);
    });
  });

  describe('two widgets for one user', () => {
    it('two widgets on one page: each dialog answers only its own widget, even when both are open at once', async () => {
      const opens = spyOnOpen();
      try {
        const a = await mountWidget(tray, { script: 'stay', dialogOrigin: location.origin, codes: ['ca'] });
        const b = await mountWidget(tray, { script: 'stay', dialogOrigin: location.origin, codes: ['cb'], autoEnable: false });
        expect(ops('Marketplace')).to.have.length(2);
        button(card(b.el, 'Slack alerts'), 'Connect').click();
        await waitUntil(() => badge(b.el, 'Slack alerts') === 'Needs authorization');
        const [created] = instancesOf(ONE);

        await realClick(button(card(a.el, 'Orders to Slack'), 'Reconnect Slack workspace'));
        await realClick(button(card(b.el, 'Slack alerts'), 'Authorize Slack workspace'));
        await waitUntil(() => opens.opened.length === 2);
        const [popupA, popupB] = opens.opened.map((o) => o.popup!) as [Window, Window];
        await dialogLoaded(popupA);
        await dialogLoaded(popupB);
        // The later dialog answers first.
        finishFrom(popupB, 'auth-a3');
        finishFrom(popupA, 'auth-a2');
        await waitUntil(() => authorized.seen.length === 2, 'both widgets attach their auth');
        await settle();
        const byWidget = authorized.seen.map((e) => [e.target === a.el ? 'A' : e.target === b.el ? 'B' : '?', e.instanceId, e.authId]);
        expect(byWidget).to.have.deep.members([
          ['A', 'inst-on', 'auth-a2'],
          ['B', created!.id, 'auth-a3'],
        ]);
        expect(authOf('inst-on')).to.deep.equal(['auth-a2']);
        expect(authOf(created!.id)).to.deep.equal(['auth-a3']);
        expect(ops('UpdateInstance')).to.have.length(2);
        expect(instancesOf(ONE)).to.have.length(1);
      } finally {
        opens.restore();
      }
    });

    it('two tabs: a connection finished in one shows in the other after its next load', async () => {
      const first = await mountWidget(tray, { codes: ['a2'], autoEnable: false });
      const second = await mountWidget(tray);
      expect(badge(second.el, 'Slack alerts')).to.equal('Not connected');

      button(card(first.el, 'Slack alerts'), 'Connect').click();
      await waitUntil(() => badge(first.el, 'Slack alerts') === 'Needs authorization');
      await realClick(button(card(first.el, 'Slack alerts'), 'Authorize Slack workspace'));
      await waitUntil(() => badge(first.el, 'Slack alerts') === 'Disabled', 'authorized in the first tab');
      const [created] = instancesOf(ONE);
      expect(authOf(created!.id)).to.deep.equal(['auth-a2']);

      // The other tab loads again (a reload, or the host re-mounting it).
      second.el.remove();
      const reloaded = await mountWidget(tray);
      expect(badge(reloaded.el, 'Slack alerts')).to.equal('Disabled');
      expect(card(reloaded.el, 'Slack alerts').querySelector('[part~=service-authorized]')).to.exist;
      expect(hasButton(card(reloaded.el, 'Slack alerts'), 'Enable')).to.equal(true);
      expect(instancesOf(ONE)).to.have.length(1);
    });

    it('a stale tab acting on an integration the other tab deleted re-reads, shows it gone and creates nothing', async () => {
      const first = await mountWidget(tray);
      const stale = await mountWidget(tray);
      button(card(first.el, 'Orders to Slack'), 'Delete').click();
      await first.el.updateComplete;
      button(card(first.el, 'Orders to Slack'), 'Yes, delete').click();
      await waitUntil(() => badge(first.el, 'Orders to Slack') === 'Not connected');

      button(card(stale.el, 'Orders to Slack'), 'Disable').click();
      await waitUntil(() => badge(stale.el, 'Orders to Slack') === 'Not connected', 'the stale tab catches up');
      expect(card(stale.el, 'Orders to Slack').querySelector('[part~=error]')?.textContent, 'the card says why').to.match(/\S/);
      expect(errors.seen.map((e) => [e.code, e.instanceId])).to.deep.equal([['not-found', 'inst-on']]);
      expect(tray.emulator.store.instances.get('inst-on')).to.equal(undefined);
      expect(ops('CreateInstance')).to.have.length(0);
    });
  });

  describe('Delete while an Authorize dialog is open', () => {
    it('in the same widget, Delete is not offered until the dialog ends', async () => {
      const opens = spyOnOpen();
      try {
        const { el } = await mountWidget(tray, { script: 'stay', dialogOrigin: location.origin, codes: ['c1'] });
        await realClick(button(card(el, 'Orders to Slack'), 'Reconnect Slack workspace'));
        await waitUntil(() => opens.opened.length === 1);
        const del = button(card(el, 'Orders to Slack'), 'Delete');
        expect(del.disabled).to.equal(true);
        del.click();
        await settle(200);
        expect(card(el, 'Orders to Slack').querySelector('[part~=confirm]')).to.equal(null);
        expect(ops('RemoveInstance')).to.have.length(0);
        await dialogLoaded(opens.opened[0]!.popup!);
        finishFrom(opens.opened[0]!.popup!, 'auth-a2');
        await waitUntil(() => authOf('inst-on')?.[0] === 'auth-a2');
        await idle(el, 'Orders to Slack');
        expect(button(card(el, 'Orders to Slack'), 'Delete').disabled).to.equal(false);
      } finally {
        opens.restore();
      }
    });

    for (const ending of ['finishes', 'is cancelled'] as const) {
      it(`deleted from another tab while its dialog is open, then the dialog ${ending}: no orphan, no duplicate`, async () => {
        const opens = spyOnOpen();
        try {
          const a = await mountWidget(tray, { script: 'stay', dialogOrigin: location.origin, codes: ['c1'] });
          button(card(a.el, 'Slack alerts'), 'Connect').click();
          await waitUntil(() => badge(a.el, 'Slack alerts') === 'Needs authorization');
          const [created] = instancesOf(ONE);
          await realClick(button(card(a.el, 'Slack alerts'), 'Authorize Slack workspace'));
          await waitUntil(() => opens.opened.length === 1);
          const popup = opens.opened[0]!.popup!;
          await dialogLoaded(popup);

          // The other tab sees the half-made connection and deletes it.
          const b = await mountWidget(tray);
          button(card(b.el, 'Slack alerts'), 'Delete').click();
          await b.el.updateComplete;
          button(card(b.el, 'Slack alerts'), 'Yes, delete').click();
          await waitUntil(() => badge(b.el, 'Slack alerts') === 'Not connected');
          expect(instancesOf(ONE)).to.have.length(0);

          if (ending === 'finishes') finishFrom(popup, 'auth-a2');
          else speakAsPopup(popup, `opener.postMessage({ type: 'tray.authpopup.close' }, '*'); close();`);
          await waitUntil(() => badge(a.el, 'Slack alerts') === 'Not connected', 'the first tab shows it gone');
          await idle(a.el, 'Slack alerts');
          await settle();
          expect(instancesOf(ONE), 'nothing re-created').to.have.length(0);
          expect(tray.emulator.store.instances.get(created!.id)).to.equal(undefined);
          expect(ops('CreateInstance')).to.have.length(1);
          expect(ops('RemoveInstance'), 'deleted once, by the other tab').to.have.length(1);
          expect(authorized.seen).to.have.length(0);
          if (ending === 'finishes') {
            expect(errors.seen.map((e) => e.code)).to.deep.equal(['not-found']);
            expect(card(a.el, 'Slack alerts').querySelector('[part~=error]')?.textContent, 'the card says why').to.match(/\S/);
          } else {
            expect(errors.seen).to.have.length(0);
          }
        } finally {
          opens.restore();
        }
      });
    }
  });
});
