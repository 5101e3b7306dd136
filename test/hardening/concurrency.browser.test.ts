/**
 * Concurrency: double clicks, two widgets on one page, views on "another
 * device" (widgets for one user on endpoints of their own, so nothing keeps
 * them in step), and Delete while an Authorize dialog is open. Never a duplicate instance, never an orphan:
 * each test checks the emulator's store. Against the emulator core (msw);
 * dialogs are the stub on the page's own origin where the test decides
 * when and what the popup answers.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { useStubDialogs } from '../support/auth-dialog.ts';
import { useMockTray } from '../support/mock-tray-suite.ts';
import { settle, useEvents, type CardHarness } from '../support/widget-harness.ts';
import { fixture, ONE, USER } from './fixture.ts';

const suite = useMockTray({ fixture: fixture(), user: USER.externalUserId });
const { ops, instancesOf, authOf } = suite;
/** Dialogs on the page's own origin, so the test can answer from inside the popup. */
const SAME_ORIGIN = { script: 'stay', dialogOrigin: location.origin };
/**
 * A view on another device: an endpoint of its own, so it is not kept in step
 * with the others (views of one endpoint in one browser are) and shows what it
 * last loaded until it loads again.
 */
const ANOTHER_DEVICE = { endpoint: '/another-device/api/tray/graphql' };

/** A trusted double click: two presses in a row at the button's centre, as a mouse sends them. */
async function doubleClick(card: CardHarness, name: string) {
  const element = card.button(name);
  element.scrollIntoView({ block: 'center' });
  const r = element.getBoundingClientRect();
  const position: [number, number] = [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
  await Promise.all([sendMouse({ type: 'click', position }), sendMouse({ type: 'click', position })]);
}

describe('hardening: concurrency', () => {
  const errors = useEvents('tray-error');
  const authorized = useEvents('tray-authorize');
  const dialogs = useStubDialogs();

  describe('double clicks', () => {
    it('a double click on Connect creates one instance', async () => {
      const { widget } = await suite.mount({ autoEnable: false });
      await doubleClick(widget.card('Slack alerts'), 'Connect');
      await widget.card('Slack alerts').untilBadge('Needs authorization');
      await settle();
      expect(ops('CreateInstance')).to.have.length(1);
      expect(instancesOf(ONE)).to.have.length(1);
    });

    it('a double click on Authorize opens one window and spends one code', async () => {
      const { widget, calls } = await suite.mount({ ...SAME_ORIGIN, codes: ['c1', 'c2'] });
      await doubleClick(widget.card('Orders to Slack'), 'Reconnect Slack workspace');
      await waitUntil(() => dialogs.opened.length === 1);
      const popup = await dialogs.loaded();
      await settle(200);
      expect(dialogs.opened).to.have.length(1);
      expect(calls.fetchAuthCode).to.equal(1);
      dialogs.finish(popup, 'auth-a2');
      await waitUntil(() => authorized.seen.length === 1);
      await settle();
      expect(ops('UpdateInstance')).to.have.length(1);
      expect(authOf('inst-on')).to.deep.equal(['auth-a2']);
    });

    it('a double click on Disable, and on Yes, delete, each act once', async () => {
      const { el, widget } = await suite.mount();
      const orders = widget.card('Orders to Slack');
      await doubleClick(orders, 'Disable');
      await orders.untilBadge('Disabled');
      await orders.untilIdle();
      expect(ops('UpdateInstance')).to.have.length(1);
      orders.click('Delete');
      await el.updateComplete;
      await doubleClick(orders, 'Yes, delete');
      await orders.untilBadge('Not connected');
      await settle();
      expect(ops('RemoveInstance')).to.have.length(1);
      expect(errors.seen, 'no "not found" from a second delete').to.have.length(0);
    });
  });

  describe('two widgets for one user', () => {
    it('two widgets on one page: each dialog answers only its own widget, even when both are open at once', async () => {
      const a = await suite.mount({ ...SAME_ORIGIN, codes: ['ca'] });
      const b = await suite.mount({ ...SAME_ORIGIN, codes: ['cb'], autoEnable: false });
      expect(ops('Marketplace')).to.have.length(2);
      await b.widget.card('Slack alerts').connect();
      const [created] = instancesOf(ONE);

      // B's Connect opened its dialog; now A's Reconnect opens another.
      await a.widget.card('Orders to Slack').realClick('Reconnect Slack workspace');
      await waitUntil(() => dialogs.opened.length === 2);
      const popupB = await dialogs.loaded(0);
      const popupA = await dialogs.loaded(1);
      // The later dialog answers first.
      dialogs.finish(popupB, 'auth-a3');
      dialogs.finish(popupA, 'auth-a2');
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
    });

    it('another device: a connection finished on one shows on the other after its next load', async () => {
      const first = await suite.mount({ codes: ['a2'], autoEnable: false });
      const second = await suite.mount(ANOTHER_DEVICE);
      expect(second.widget.card('Slack alerts').badge).to.equal('Not connected');

      const slack = first.widget.card('Slack alerts');
      await slack.connect();
      await slack.until((c) => c.badge === 'Disabled', 'authorized on the first device');
      const [created] = instancesOf(ONE);
      expect(authOf(created!.id)).to.deep.equal(['auth-a2']);
      await settle();
      expect(second.widget.card('Slack alerts').badge, 'the other device shows what it loaded').to.equal('Not connected');

      // The other device loads again (a reload, or the host re-mounting it).
      second.el.remove();
      const reloaded = (await suite.mount(ANOTHER_DEVICE)).widget.card('Slack alerts');
      expect(reloaded.badge).to.equal('Disabled');
      expect(reloaded.services.map((s) => s.authorized)).to.deep.equal([true]);
      expect(reloaded.hasButton('Enable')).to.equal(true);
      expect(instancesOf(ONE)).to.have.length(1);
    });

    it('a stale view on another device acting on an integration deleted elsewhere re-reads, shows it gone and creates nothing', async () => {
      const first = await suite.mount();
      const stale = await suite.mount(ANOTHER_DEVICE);
      await first.widget.card('Orders to Slack').deleteConfirmed();
      await first.widget.card('Orders to Slack').untilBadge('Not connected');

      const orders = stale.widget.card('Orders to Slack');
      orders.click('Disable');
      await orders.until((c) => c.badge === 'Not connected', 'the stale view catches up');
      expect(orders.error, 'the card says why').to.match(/\S/);
      expect(errors.seen.map((e) => [e.code, e.instanceId])).to.deep.equal([['not-found', 'inst-on']]);
      expect(suite.instance('inst-on')).to.equal(undefined);
      expect(ops('CreateInstance')).to.have.length(0);
    });
  });

  describe('Delete while an Authorize dialog is open', () => {
    it('in the same widget, Delete is not offered until the dialog ends', async () => {
      const { widget } = await suite.mount({ ...SAME_ORIGIN, codes: ['c1'] });
      const orders = widget.card('Orders to Slack');
      await orders.realClick('Reconnect Slack workspace');
      await waitUntil(() => dialogs.opened.length === 1);
      const del = orders.button('Delete');
      expect(del.disabled).to.equal(true);
      del.click();
      await settle(200);
      expect(orders.confirmation).to.equal(null);
      expect(ops('RemoveInstance')).to.have.length(0);
      dialogs.finish(await dialogs.loaded(), 'auth-a2');
      await waitUntil(() => authOf('inst-on')?.[0] === 'auth-a2');
      await orders.untilIdle();
      expect(orders.button('Delete').disabled).to.equal(false);
    });

    for (const ending of ['finishes', 'is cancelled'] as const) {
      it(`deleted from another device while its dialog is open, then the dialog ${ending}: no orphan, no duplicate`, async () => {
        const a = await suite.mount({ ...SAME_ORIGIN, codes: ['c1'] });
        const slackA = a.widget.card('Slack alerts');
        await slackA.connect();
        const [created] = instancesOf(ONE);
        await waitUntil(() => dialogs.opened.length === 1);
        const popup = await dialogs.loaded();

        // Another device sees the half-made connection and deletes it.
        const b = await suite.mount(ANOTHER_DEVICE);
        await b.widget.card('Slack alerts').deleteConfirmed();
        await b.widget.card('Slack alerts').untilBadge('Not connected');
        expect(instancesOf(ONE)).to.have.length(0);

        if (ending === 'finishes') dialogs.finish(popup, 'auth-a2');
        else dialogs.cancel(popup);
        await slackA.until((c) => c.badge === 'Not connected', 'the dialog\'s view shows it gone');
        await slackA.untilIdle();
        await settle();
        expect(instancesOf(ONE), 'nothing re-created').to.have.length(0);
        expect(suite.instance(created!.id)).to.equal(undefined);
        expect(ops('CreateInstance')).to.have.length(1);
        expect(ops('RemoveInstance'), 'deleted once, by the other device').to.have.length(1);
        expect(authorized.seen).to.have.length(0);
        if (ending === 'finishes') {
          expect(errors.seen.map((e) => e.code)).to.deep.equal(['not-found']);
          expect(slackA.error, 'the card says why').to.match(/\S/);
        } else {
          expect(errors.seen).to.have.length(0);
        }
      });
    }
  });
});
