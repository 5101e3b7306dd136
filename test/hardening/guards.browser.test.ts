/**
 * The emulator enforces Tray's own guards; the widget must cope with each:
 * the rate limit (30/s, bursts of 50, per token) is retried until it clears,
 * and the 2-second rule (no enabling sooner than 2 s after creation) is
 * waited out rather than failed. Against the emulator core (msw), whose clock
 * follows real time plus an offset the test can move forward. (Single-use
 * codes need the real dialog: see e2e.browser.test.ts.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { TrayEnableEvent, TrayErrorEvent } from '../../src/events.ts';
import { startMockTray, type MockTray } from '../support/msw-tray.ts';
import { realClick } from '../support/commands.ts';
import { fixture, NOAUTH, ONE, USER } from './fixture.ts';
import { badge, button, card, cardError, mountWidget, recordEvents, useEvents, settle, watch, type Sent } from './support.ts';

const clock = { offset: 0, frozen: undefined as number | undefined };
const now = () => clock.frozen ?? Date.now() + clock.offset;

let tray: MockTray;
let sent: Sent[];
let ops: (name: string) => Sent[];

before(async () => {
  tray = await startMockTray({ fixture: fixture(), emulatorOptions: { now } });
  ({ sent, ops } = watch(tray));
});
after(() => tray.stop());
beforeEach(() => {
  clock.offset = 0;
  clock.frozen = undefined;
  tray.emulator.reset();
  sent.length = 0;
});

const updates = () => tray.emulator.requests.filter((r) => r.operationName === 'UpdateInstance').map((r) => r.outcome);
const instancesOf = (solutionId: string) => [...tray.emulator.store.instances.values()].filter((i) => i.solutionId === solutionId);

/** Uses up the token's burst, as other tabs of the same user would. */
async function spendBucket(token: string) {
  const requests = Array.from({ length: 60 }, () =>
    tray.emulator.fetch(
      new Request('http://tray.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ viewer { details { name } } }' }),
      }),
    ),
  );
  await Promise.all(requests);
  expect(tray.emulator.requests.at(-1)!.outcome, 'the bucket is empty').to.equal('rate-limited');
}

describe('hardening: the widget copes with Tray’s guards', () => {
  const errors = useEvents<TrayErrorEvent>('tray-error');

  describe('rate limit', () => {
    it('an action refused by the rate limit is retried, and happens once when the limit clears', async () => {
      const token = await tray.userToken(USER.externalUserId);
      const { el } = await mountWidget(tray, { token });
      clock.frozen = now(); // no refill until the test says so
      await spendBucket(token);
      button(card(el, 'Orders to Slack'), 'Disable').click();
      await waitUntil(() => updates().includes('rate-limited'), 'the first attempt is refused');
      clock.frozen += 1000; // a second later: 30 requests' worth refilled
      await waitUntil(() => badge(el, 'Orders to Slack') === 'Disabled', 'disabled once the limit clears', { timeout: 5000 });
      expect(updates().at(-1)).to.equal('ok');
      expect(updates().filter((o) => o === 'ok')).to.have.length(1);
      expect(updates().slice(0, -1).every((o) => o === 'rate-limited')).to.equal(true);
      expect(tray.emulator.store.instances.get('inst-on')!.enabled).to.equal(false);
      expect(errors.seen).to.have.length(0);
    });

    it('a limit that does not clear ends in a rate-limited error the user can act on, and trying again works', async () => {
      const token = await tray.userToken(USER.externalUserId);
      const { el } = await mountWidget(tray, { token });
      clock.frozen = now();
      await spendBucket(token);
      button(card(el, 'Orders to Slack'), 'Disable').click();
      await waitUntil(() => errors.seen.length === 1, 'reported after the retries', { timeout: 8000 });
      expect(updates()).to.deep.equal(['rate-limited', 'rate-limited', 'rate-limited', 'rate-limited']);
      expect([errors.seen[0]!.code, errors.seen[0]!.recoverable]).to.deep.equal(['rate-limited', true]);
      expect(cardError(el, 'Orders to Slack')).to.contain('Too many requests');
      expect(tray.emulator.store.instances.get('inst-on')!.enabled).to.equal(true);

      clock.frozen += 2000;
      await waitUntil(() => card(el, 'Orders to Slack').getAttribute('aria-busy') === 'false');
      button(card(el, 'Orders to Slack'), 'Disable').click();
      await waitUntil(() => badge(el, 'Orders to Slack') === 'Disabled');
      expect(tray.emulator.store.instances.get('inst-on')!.enabled).to.equal(false);
    });
  });

  describe('the 2-second rule (real time: the wait is the subject)', () => {
    it('Enable pressed right after authorizing waits out the 2 s and enables, never refused', async () => {
      const enabled = recordEvents<TrayEnableEvent>('tray-enable');
      try {
        const { el } = await mountWidget(tray, { codes: ['a2'], autoEnable: false });
        button(card(el, 'Slack alerts'), 'Connect').click();
        await waitUntil(() => badge(el, 'Slack alerts') === 'Needs authorization');
        await realClick(button(card(el, 'Slack alerts'), 'Authorize Slack workspace'));
        await waitUntil(() => badge(el, 'Slack alerts') === 'Disabled', 'authorized');
        const [instance] = instancesOf(ONE);
        expect(now() - instance!.created, 'pressed inside the 2 s').to.be.below(2000);
        button(card(el, 'Slack alerts'), 'Enable').click();
        await waitUntil(() => badge(el, 'Slack alerts') === 'Enabled', 'enabled after the wait', { timeout: 5000 });
        expect(updates()).to.deep.equal(['ok', 'ok']);
        expect(tray.emulator.store.instances.get(instance!.id)!.enabled).to.equal(true);
        expect(enabled.seen.map((e) => [e.instanceId, e.auto])).to.deep.equal([[instance!.id, false]]);
        expect(errors.seen).to.have.length(0);
      } finally {
        enabled.stop();
      }
    });

    it('an integration another tab created a moment ago: Enable here waits too', async () => {
      const creator = await mountWidget(tray, { autoEnable: false });
      button(card(creator.el, 'Webhook relay'), 'Connect').click();
      await waitUntil(() => badge(creator.el, 'Webhook relay') === 'Disabled', 'created (no services to authorize)');
      const [instance] = instancesOf(NOAUTH);
      const other = await mountWidget(tray);
      expect(now() - instance!.created, 'pressed inside the 2 s').to.be.below(2000);
      button(card(other.el, 'Webhook relay'), 'Enable').click();
      await waitUntil(() => badge(other.el, 'Webhook relay') === 'Enabled', 'enabled after the wait', { timeout: 5000 });
      expect(updates()).to.deep.equal(['ok']);
      expect(errors.seen).to.have.length(0);
      await settle(100);
      expect(ops('UpdateInstance')).to.have.length(1);
    });
  });
});
