/**
 * The emulator enforces Tray's own guards; the widget must cope with each:
 * the rate limit (30/s, bursts of 50, per token) is retried until it clears,
 * and the 2-second rule (no enabling sooner than 2 s after creation) is
 * waited out rather than failed. Against the emulator core (msw), whose clock
 * follows real time plus an offset the test can move forward. (Single-use
 * codes need the real dialog: see e2e.browser.test.ts.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import { useMockTray } from '../support/mock-tray-suite.ts';
import { settle, useEvents } from '../support/widget-harness.ts';
import { fixture, NOAUTH, ONE, USER } from './fixture.ts';

const clock = { offset: 0, frozen: undefined as number | undefined };
const now = () => clock.frozen ?? Date.now() + clock.offset;

// Before the suite's own reset: the emulator starts each test on the real clock.
beforeEach(() => {
  clock.offset = 0;
  clock.frozen = undefined;
});
const suite = useMockTray({ fixture: fixture(), user: USER.externalUserId, emulatorOptions: { now } });
const { ops, instancesOf } = suite;

const updates = () => suite.tray.emulator.requests.filter((r) => r.operationName === 'UpdateInstance').map((r) => r.outcome);

/** Uses up the token's burst, as other tabs of the same user would. */
async function spendBucket(token: string) {
  const requests = Array.from({ length: 60 }, () =>
    suite.tray.emulator.fetch(
      new Request('http://tray.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ viewer { details { name } } }' }),
      }),
    ),
  );
  await Promise.all(requests);
  expect(suite.tray.emulator.requests.at(-1)!.outcome, 'the bucket is empty').to.equal('rate-limited');
}

describe('hardening: the widget copes with Tray’s guards', () => {
  const errors = useEvents('tray-error');

  describe('rate limit', () => {
    it('an action refused by the rate limit is retried, and happens once when the limit clears', async () => {
      const token = await suite.userToken();
      const { widget } = await suite.mount({ token });
      clock.frozen = now(); // no refill until the test says so
      await spendBucket(token);
      widget.card('Orders to Slack').click('Disable');
      await waitUntil(() => updates().includes('rate-limited'), 'the first attempt is refused');
      clock.frozen += 1000; // a second later: 30 requests' worth refilled
      await widget.card('Orders to Slack').until((c) => c.badge === 'Disabled', 'disabled once the limit clears', 5000);
      expect(updates().at(-1)).to.equal('ok');
      expect(updates().filter((o) => o === 'ok')).to.have.length(1);
      expect(updates().slice(0, -1).every((o) => o === 'rate-limited')).to.equal(true);
      expect(suite.instance('inst-on')!.enabled).to.equal(false);
      expect(errors.seen).to.have.length(0);
    });

    it('a limit that does not clear ends in a rate-limited error the user can act on, and trying again works', async () => {
      const token = await suite.userToken();
      const { widget } = await suite.mount({ token });
      clock.frozen = now();
      await spendBucket(token);
      widget.card('Orders to Slack').click('Disable');
      await waitUntil(() => errors.seen.length === 1, 'reported after the retries', { timeout: 8000 });
      expect(updates()).to.deep.equal(['rate-limited', 'rate-limited', 'rate-limited', 'rate-limited']);
      expect([errors.seen[0]!.code, errors.seen[0]!.recoverable]).to.deep.equal(['rate-limited', true]);
      expect(widget.card('Orders to Slack').error).to.contain('Too many requests');
      expect(suite.instance('inst-on')!.enabled).to.equal(true);

      clock.frozen += 2000;
      await widget.card('Orders to Slack').untilIdle();
      widget.card('Orders to Slack').click('Disable');
      await widget.card('Orders to Slack').untilBadge('Disabled');
      expect(suite.instance('inst-on')!.enabled).to.equal(false);
    });
  });

  describe('the 2-second rule (real time: the wait is the subject)', () => {
    const enabled = useEvents('tray-enable');

    it('Enable pressed right after authorizing waits out the 2 s and enables, never refused', async () => {
      const { widget } = await suite.mount({ codes: ['a2'], autoEnable: false });
      const slack = widget.card('Slack alerts');
      await slack.connect();
      await slack.until((c) => c.badge === 'Disabled', 'authorized');
      const [instance] = instancesOf(ONE);
      expect(now() - instance!.created, 'pressed inside the 2 s').to.be.below(2000);
      slack.click('Enable');
      await slack.until((c) => c.badge === 'Enabled', 'enabled after the wait', 5000);
      expect(updates()).to.deep.equal(['ok', 'ok']);
      expect(suite.instance(instance!.id)!.enabled).to.equal(true);
      expect(enabled.seen.map((e) => [e.instanceId, e.auto])).to.deep.equal([[instance!.id, false]]);
      expect(errors.seen).to.have.length(0);
    });

    it('an integration another tab created a moment ago: Enable here waits too', async () => {
      const creator = await suite.mount({ autoEnable: false });
      creator.widget.card('Webhook relay').click('Connect');
      await creator.widget.card('Webhook relay').until((c) => c.badge === 'Disabled', 'created (no services to authorize)');
      const [instance] = instancesOf(NOAUTH);
      const other = await suite.mount();
      expect(now() - instance!.created, 'pressed inside the 2 s').to.be.below(2000);
      other.widget.card('Webhook relay').click('Enable');
      await other.widget.card('Webhook relay').until((c) => c.badge === 'Enabled', 'enabled after the wait', 5000);
      expect(updates()).to.deep.equal(['ok']);
      expect(errors.seen).to.have.length(0);
      await settle(100);
      expect(ops('UpdateInstance')).to.have.length(1);
    });
  });
});
