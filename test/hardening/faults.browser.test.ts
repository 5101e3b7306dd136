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
import type { TrayErrorEvent } from '../../src/events.ts';
import { startMockTray, type MockTray } from '../support/msw-tray.ts';
import { fixture, ONE } from './fixture.ts';
import {
  badge,
  button,
  card,
  cardError,
  cards,
  hasButton,
  loadError,
  mountWidget,
  useEvents,
  root,
  settle,
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
  tray.worker.resetHandlers();
  tray.emulator.reset();
  sent.length = 0;
});

const outcomes = () => tray.emulator.requests.map((r) => `${r.operationName}:${r.outcome}`);
const instancesOf = (solutionId: string) => [...tray.emulator.store.instances.values()].filter((i) => i.solutionId === solutionId);
const retryButton = (el: HTMLElement) => button(el.shadowRoot!, 'Retry');

/**
 * The next request for `operation` reaches the emulator, which acts on it,
 * and then the answer is lost: replaced by `fault`. The worst case for a
 * mutation: it happened, and the widget cannot know.
 */
function actThenFail(operation: string, fault: () => Response) {
  let done = false;
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
  const errors = useEvents<TrayErrorEvent>('tray-error');

  describe('loading (a query: retried with backoff)', () => {
    it('the endpoint down: four attempts, then a clear error with Retry, which loads once it is back', async () => {
      let down = true;
      let attempts = 0;
      tray.worker.use(
        http.post('*/api/tray/graphql', () => {
          if (!down) return undefined;
          attempts++;
          return HttpResponse.error();
        }),
      );
      const { el } = await mountWidget(tray);
      expect(attempts, 'one request and three retries').to.equal(4);
      expect(loadError(el)).to.contain('Integrations could not be loaded.');
      expect(loadError(el)).to.contain('Could not reach the integrations service');
      expect(errors.seen.map((e) => [e.code, e.recoverable])).to.deep.equal([['network', true]]);
      expect(tray.emulator.requests).to.have.length(0);

      down = false;
      retryButton(el).click();
      await waitUntil(() => cards(el).length > 0, 'Retry loads the cards');
      expect(attempts).to.equal(4);
      expect(outcomes()).to.deep.equal(['Marketplace:ok']);
      expect(root(el).querySelector('[part~=error]')).to.equal(null);
    });

    it('500s, malformed JSON and rate limits are retried and the load succeeds without an error', async () => {
      tray.emulator.faults.failNext(1, 'http500');
      tray.emulator.faults.failNext(1, 'malformed-json');
      tray.emulator.faults.failNext(1, 'rate-limit');
      const { el } = await mountWidget(tray);
      expect(cards(el).length).to.be.greaterThan(0);
      expect(outcomes()).to.deep.equal(['Marketplace:fault', 'Marketplace:fault', 'Marketplace:fault', 'Marketplace:ok']);
      expect(ops('Marketplace')).to.have.length(4);
      expect(errors.seen).to.have.length(0);
    });

    it('malformed JSON every time: a clear bad-response error after the retries, and Retry recovers', async () => {
      tray.emulator.faults.failNext(4, 'malformed-json');
      const { el } = await mountWidget(tray);
      expect(ops('Marketplace')).to.have.length(4);
      expect(loadError(el)).to.contain('not GraphQL JSON');
      expect(errors.seen.map((e) => e.code)).to.deep.equal(['bad-response']);
      retryButton(el).click();
      await waitUntil(() => cards(el).length > 0, 'Retry loads the cards');
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
        tray.emulator.faults.failNext(2, 'timeout');
        const { el } = await mountWidget(tray);
        expect(cards(el).length).to.be.greaterThan(0);
        expect(outcomes()).to.deep.equal(['Marketplace:fault', 'Marketplace:fault', 'Marketplace:ok']);
        expect(errors.seen).to.have.length(0);
      });

      it('every attempt timing out: a timeout error with Retry', async () => {
        tray.emulator.faults.failNext(4, 'timeout');
        const { el } = await mountWidget(tray);
        expect(ops('Marketplace')).to.have.length(4);
        expect(errors.seen.map((e) => [e.code, e.recoverable])).to.deep.equal([['timeout', true]]);
        expect(loadError(el)).to.contain('timed out');
        retryButton(el).click();
        await waitUntil(() => cards(el).length > 0, 'Retry loads the cards');
      });
    });
  });

  describe('actions (mutations: never sent twice when the outcome is unknown)', () => {
    it('Connect answered by a 500 after Tray created the instance: no second instance, and the widget shows the one that exists', async () => {
      const { el } = await mountWidget(tray);
      actThenFail('CreateInstance', http500);
      button(card(el, 'Slack alerts'), 'Connect').click();
      await waitUntil(() => errors.seen.length === 1, 'the failure is reported');
      expect(errors.seen[0]!.code).to.equal('server');
      expect(ops('CreateInstance'), 'the mutation was not re-sent').to.have.length(1);
      expect(instancesOf(ONE)).to.have.length(1);
      // The widget re-reads Tray instead of guessing: the integration that exists shows.
      await waitUntil(() => badge(el, 'Slack alerts') === 'Needs authorization', 'the created integration shows', { timeout: 5000 });
      expect(hasButton(card(el, 'Slack alerts'), 'Connect')).to.equal(false);
      expect(hasButton(card(el, 'Slack alerts'), 'Authorize Slack workspace')).to.equal(true);
      // The user still sees that something went wrong.
      expect(cardError(el, 'Slack alerts')).to.contain('HTTP 500');
      await settle();
      expect(ops('CreateInstance')).to.have.length(1);
      expect(instancesOf(ONE)).to.have.length(1);
    });

    it('Connect whose connection drops after Tray created the instance: the same', async () => {
      const { el } = await mountWidget(tray);
      actThenFail('CreateInstance', () => HttpResponse.error());
      button(card(el, 'Slack alerts'), 'Connect').click();
      await waitUntil(() => errors.seen.length === 1, 'the failure is reported');
      expect(errors.seen[0]!.code).to.equal('network');
      await waitUntil(() => badge(el, 'Slack alerts') === 'Needs authorization', 'the created integration shows', { timeout: 5000 });
      expect(ops('CreateInstance')).to.have.length(1);
      expect(instancesOf(ONE)).to.have.length(1);
    });

    it('Disable answered by a 500 after Tray disabled it: sent once, then the card shows Disabled from a re-read', async () => {
      const { el } = await mountWidget(tray);
      actThenFail('UpdateInstance', http500);
      button(card(el, 'Orders to Slack'), 'Disable').click();
      await waitUntil(() => badge(el, 'Orders to Slack') === 'Disabled', 'the true state shows');
      expect(tray.emulator.store.instances.get('inst-on')!.enabled).to.equal(false);
      expect(ops('UpdateInstance')).to.have.length(1);
      expect(ops('Instance').map((s) => s.variables)).to.deep.equal([{ id: 'inst-on' }]);
      expect(cardError(el, 'Orders to Slack')).to.contain('HTTP 500');
      expect(hasButton(card(el, 'Orders to Slack'), 'Enable')).to.equal(true);
    });

    it('Delete answered by a 500 after Tray removed it: sent once, then the card shows it gone', async () => {
      const { el } = await mountWidget(tray);
      actThenFail('RemoveInstance', http500);
      button(card(el, 'Orders to Slack'), 'Delete').click();
      await el.updateComplete;
      button(card(el, 'Orders to Slack'), 'Yes, delete').click();
      await waitUntil(() => badge(el, 'Orders to Slack') === 'Not connected', 'the true state shows');
      expect(tray.emulator.store.instances.get('inst-on')).to.equal(undefined);
      expect(ops('RemoveInstance')).to.have.length(1);
      expect(ops('Instance')).to.have.length(1);
    });

    it('a rate-limited mutation is sent again (Tray did not run it) and happens once', async () => {
      const { el } = await mountWidget(tray);
      tray.emulator.faults.failNext(2, 'rate-limit');
      button(card(el, 'Orders to Slack'), 'Disable').click();
      await waitUntil(() => badge(el, 'Orders to Slack') === 'Disabled', 'disabled after the retries');
      expect(outcomes().slice(1)).to.deep.equal(['UpdateInstance:fault', 'UpdateInstance:fault', 'UpdateInstance:ok']);
      expect(tray.emulator.store.instances.get('inst-on')!.enabled).to.equal(false);
      expect(errors.seen).to.have.length(0);
    });

    it('a 500 the emulator answers before acting leaves the instance as it was, and the card says so', async () => {
      const { el } = await mountWidget(tray);
      tray.emulator.faults.failNext(1, 'http500');
      button(card(el, 'Slack alerts'), 'Connect').click();
      await waitUntil(() => cardError(el, 'Slack alerts'), 'the error shows');
      await settle();
      expect(instancesOf(ONE)).to.have.length(0);
      expect(ops('CreateInstance')).to.have.length(1);
      expect(badge(el, 'Slack alerts')).to.equal('Not connected');
      // Connect is offered again: a fresh, deliberate click.
      button(card(el, 'Slack alerts'), 'Connect').click();
      await waitUntil(() => badge(el, 'Slack alerts') === 'Needs authorization', 'connected on the second click');
      expect(instancesOf(ONE)).to.have.length(1);
    });
  });
});
