/**
 * Faults between the widget and Tray: the endpoint down, 500s, timeouts,
 * malformed JSON and rate limits. Queries are retried with backoff (counted
 * here by the requests that arrive), a mutation whose outcome is unknown is
 * never sent again, and afterwards the widget shows what Tray really holds.
 * Against the emulator core (msw); faults come from the emulator's own
 * `faults.failNext`, or from msw where the fault must come AFTER Tray acted.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { useMockTray } from '../support/mock-tray-suite.ts';
import { settle, useEvents } from '../support/widget-harness.ts';
import { fixture, ONE, USER } from './fixture.ts';

const suite = useMockTray({ fixture: fixture(), user: USER.externalUserId });
const { ops, instancesOf } = suite;
const outcomes = () => suite.tray.emulator.requests.map((r) => `${r.operationName}:${r.outcome}`);

/**
 * The next request for `operation` reaches the emulator, which acts on it,
 * and then the answer is lost: replaced by `fault`. The worst case for a
 * mutation: it happened, and the widget cannot know.
 */
function actThenFail(operation: string, fault: () => Response) {
  let done = false;
  const { tray } = suite;
  tray.worker.use(
    http.post('*/api/tray/graphql', async ({ request }) => {
      const text = await request.clone().text();
      if (done || JSON.parse(text).operationName !== operation) return undefined;
      done = true;
      await tray.emulator.fetch(new Request(new URL('/graphql', request.url), { method: 'POST', headers: request.headers, body: text }));
      return fault();
    }),
  );
}
const http500 = () =>
  HttpResponse.json({ data: null, errors: [{ message: 'Internal server error', extensions: { name: 'InternalError', errorId: 'e1' } }] }, { status: 500 });

describe('hardening: faults', () => {
  const errors = useEvents('tray-error');

  describe('loading (a query: retried with backoff)', () => {
    it('the endpoint down: four attempts, then a clear error with Retry, which loads once it is back', async () => {
      let down = true;
      let attempts = 0;
      suite.tray.worker.use(
        http.post('*/api/tray/graphql', () => {
          if (!down) return undefined;
          attempts++;
          return HttpResponse.error();
        }),
      );
      const { widget } = await suite.mount();
      expect(attempts, 'one request and three retries').to.equal(4);
      expect(widget.loadError).to.contain('Integrations could not be loaded.');
      expect(widget.loadError).to.contain('Could not reach the integrations service');
      expect(errors.seen.map((e) => [e.code, e.recoverable])).to.deep.equal([['network', true]]);
      expect(suite.tray.emulator.requests).to.have.length(0);

      down = false;
      widget.button('Retry').click();
      await waitUntil(() => widget.cards.length > 0, 'Retry loads the cards');
      expect(attempts).to.equal(4);
      expect(outcomes()).to.deep.equal(['Marketplace:ok']);
      expect(widget.loadError).to.equal(null);
    });

    it('500s, malformed JSON and rate limits are retried and the load succeeds without an error', async () => {
      suite.tray.emulator.faults.failNext(1, 'http500');
      suite.tray.emulator.faults.failNext(1, 'malformed-json');
      suite.tray.emulator.faults.failNext(1, 'rate-limit');
      const { widget } = await suite.mount();
      expect(widget.cards.length).to.be.greaterThan(0);
      expect(outcomes()).to.deep.equal(['Marketplace:fault', 'Marketplace:fault', 'Marketplace:fault', 'Marketplace:ok']);
      expect(ops('Marketplace')).to.have.length(4);
      expect(errors.seen).to.have.length(0);
    });

    it('malformed JSON every time: a clear bad-response error after the retries, and Retry recovers', async () => {
      suite.tray.emulator.faults.failNext(4, 'malformed-json');
      const { widget } = await suite.mount();
      expect(ops('Marketplace')).to.have.length(4);
      expect(widget.loadError).to.contain('not GraphQL JSON');
      expect(errors.seen.map((e) => e.code)).to.deep.equal(['bad-response']);
      widget.button('Retry').click();
      await waitUntil(() => widget.cards.length > 0, 'Retry loads the cards');
    });

    describe('timeouts (the 30 s per-attempt limit compressed to 150 ms)', () => {
      let original: typeof AbortSignal.timeout;
      beforeEach(() => {
        original = AbortSignal.timeout;
        AbortSignal.timeout = (ms: number) => original.call(AbortSignal, Math.min(ms, 150));
      });
      afterEach(() => {
        AbortSignal.timeout = original;
      });

      it('an attempt that never answers is abandoned and retried', async () => {
        suite.tray.emulator.faults.failNext(2, 'timeout');
        const { widget } = await suite.mount();
        expect(widget.cards.length).to.be.greaterThan(0);
        expect(outcomes()).to.deep.equal(['Marketplace:fault', 'Marketplace:fault', 'Marketplace:ok']);
        expect(errors.seen).to.have.length(0);
      });

      it('every attempt timing out: a timeout error with Retry', async () => {
        suite.tray.emulator.faults.failNext(4, 'timeout');
        const { widget } = await suite.mount();
        expect(ops('Marketplace')).to.have.length(4);
        expect(errors.seen.map((e) => [e.code, e.recoverable])).to.deep.equal([['timeout', true]]);
        expect(widget.loadError).to.contain('timed out');
        widget.button('Retry').click();
        await waitUntil(() => widget.cards.length > 0, 'Retry loads the cards');
      });
    });
  });

  describe('actions (mutations: never sent twice when the outcome is unknown)', () => {
    it('Connect answered by a 500 after Tray created the instance: no second instance, and the widget shows the one that exists', async () => {
      const { widget } = await suite.mount();
      actThenFail('CreateInstance', http500);
      widget.card('Slack alerts').click('Connect');
      await waitUntil(() => errors.seen.length === 1, 'the failure is reported');
      expect(errors.seen[0]!.code).to.equal('server');
      expect(ops('CreateInstance'), 'the mutation was not re-sent').to.have.length(1);
      expect(instancesOf(ONE)).to.have.length(1);
      // The widget re-reads Tray instead of guessing: the integration that exists shows.
      await widget.card('Slack alerts').until((c) => c.badge === 'Needs authorization', 'the created integration shows', 5000);
      expect(widget.card('Slack alerts').hasButton('Connect')).to.equal(false);
      expect(widget.card('Slack alerts').hasButton('Authorize Slack workspace')).to.equal(true);
      // The user still sees that something went wrong.
      expect(widget.card('Slack alerts').error).to.contain('HTTP 500');
      await settle();
      expect(ops('CreateInstance')).to.have.length(1);
      expect(instancesOf(ONE)).to.have.length(1);
    });

    it('Connect whose connection drops after Tray created the instance: the same', async () => {
      const { widget } = await suite.mount();
      actThenFail('CreateInstance', () => HttpResponse.error());
      widget.card('Slack alerts').click('Connect');
      await waitUntil(() => errors.seen.length === 1, 'the failure is reported');
      expect(errors.seen[0]!.code).to.equal('network');
      await widget.card('Slack alerts').until((c) => c.badge === 'Needs authorization', 'the created integration shows', 5000);
      expect(ops('CreateInstance')).to.have.length(1);
      expect(instancesOf(ONE)).to.have.length(1);
    });

    it('Disable answered by a 500 after Tray disabled it: sent once, then the card shows Disabled from a re-read', async () => {
      const { widget } = await suite.mount();
      actThenFail('UpdateInstance', http500);
      widget.card('Orders to Slack').click('Disable');
      await widget.card('Orders to Slack').until((c) => c.badge === 'Disabled', 'the true state shows');
      expect(suite.instance('inst-on')!.enabled).to.equal(false);
      expect(ops('UpdateInstance')).to.have.length(1);
      expect(ops('Instance').map((s) => s.variables)).to.deep.equal([{ id: 'inst-on' }]);
      expect(widget.card('Orders to Slack').error).to.contain('HTTP 500');
      expect(widget.card('Orders to Slack').hasButton('Enable')).to.equal(true);
    });

    it('Delete answered by a 500 after Tray removed it: sent once, then the card shows it gone', async () => {
      const { widget } = await suite.mount();
      actThenFail('RemoveInstance', http500);
      await widget.card('Orders to Slack').deleteConfirmed();
      await widget.card('Orders to Slack').until((c) => c.badge === 'Not connected', 'the true state shows');
      expect(suite.instance('inst-on')).to.equal(undefined);
      expect(ops('RemoveInstance')).to.have.length(1);
      expect(ops('Instance')).to.have.length(1);
    });

    it('a rate-limited mutation is sent again (Tray did not run it) and happens once', async () => {
      const { widget } = await suite.mount();
      suite.tray.emulator.faults.failNext(2, 'rate-limit');
      widget.card('Orders to Slack').click('Disable');
      await widget.card('Orders to Slack').until((c) => c.badge === 'Disabled', 'disabled after the retries');
      expect(outcomes().slice(1)).to.deep.equal(['UpdateInstance:fault', 'UpdateInstance:fault', 'UpdateInstance:ok']);
      expect(suite.instance('inst-on')!.enabled).to.equal(false);
      expect(errors.seen).to.have.length(0);
    });

    it('a 500 the emulator answers before acting leaves the instance as it was, and the card says so', async () => {
      const { widget } = await suite.mount();
      suite.tray.emulator.faults.failNext(1, 'http500');
      widget.card('Slack alerts').click('Connect');
      await waitUntil(() => widget.card('Slack alerts').error, 'the error shows');
      await settle();
      expect(instancesOf(ONE)).to.have.length(0);
      expect(ops('CreateInstance')).to.have.length(1);
      expect(widget.card('Slack alerts').badge).to.equal('Not connected');
      // Connect is offered again: a fresh, deliberate click.
      widget.card('Slack alerts').click('Connect');
      await widget.card('Slack alerts').until((c) => c.badge === 'Needs authorization', 'connected on the second click');
      expect(instancesOf(ONE)).to.have.length(1);
    });
  });
});
