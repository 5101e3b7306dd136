/**
 * Busy answers waited out: when the host's endpoints answer 429 or 503 with
 * Retry-After (the companion server's shapes, from its own helpers), the
 * widget says "Busy — trying again in N s" where the person is waiting, and
 * tries again on its own; past the bound (30 s in all) it fails as before.
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { http } from 'msw';
import { errorResponse, json } from '../../../src/server/http.ts';
import { useEvents } from '../../support/widget-harness.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();
const SOON = { timeout: 5000 };

/**
 * The host's `path` answers busy (`retryAfter` seconds) the first `times`
 * it is asked for `operation` (any request, for the session endpoint);
 * then the emulator answers, or `then`.
 */
function busyFirst(path: string, options: { operation?: string; times?: number; status?: number; retryAfter: string; then?: () => Response | Promise<Response> }) {
  let left = options.times ?? 1;
  suite.tray.worker.use(
    http.post(`*${path}`, async ({ request }) => {
      if (options.operation && ((await request.clone().json()) as { operationName?: string }).operationName !== options.operation) return undefined;
      if (left <= 0) return options.then?.();
      left--;
      const status = options.status ?? 429;
      return errorResponse(status, status === 429 ? 'too-many-requests' : 'server-busy', 'Busy; try again shortly.', { 'retry-after': options.retryAfter });
    }),
  );
}

const progressOf = (element: Element) => element.querySelector('[part~=progress]')?.textContent ?? null;

describe('<tray-integrations> busy answers waited out', () => {
  const errors = useEvents('tray-error');

  it('a busy first load says so, counting down where the cards will be, then shows the cards', async () => {
    busyFirst('/api/tray/graphql', { operation: 'Marketplace', status: 503, retryAfter: '3' });
    const { widget } = await suite.mount({ wait: false });
    // Three seconds' wait, so a busy machine still sees it count down.
    await waitUntil(() => /^Busy — trying again in [23] s$/.test(widget.part('busy')?.textContent ?? ''), 'the wait shows', SOON);
    await waitUntil(() => widget.part('busy')?.textContent === 'Busy — trying again in 1 s', 'it counts down', SOON);
    await waitUntil(() => widget.cards.length === 9, 'the cards, once tried again', SOON);
    expect(widget.part('busy')).to.equal(null);
    expect(widget.part('error')).to.equal(null);
    expect(suite.ops('Marketplace')).to.have.length(2);
    expect(errors.seen).to.deep.equal([]);
  });

  it('a card waits out a busy answer to its action, a mutation too, and then acts', async () => {
    const { widget } = await suite.mount();
    busyFirst('/api/tray/graphql', { operation: 'UpdateInstance', retryAfter: '2' });
    const orders = widget.card('Orders to Slack');
    orders.click('Disable');
    // Two seconds' wait: a busy machine may draw the first of them late.
    await waitUntil(() => /^Busy — trying again in [12] s$/.test(progressOf(orders.element) ?? ''), 'the card says it waits', SOON);
    await orders.untilBadge('Disabled');
    expect(progressOf(orders.element)).to.equal(null);
    expect(suite.ops('UpdateInstance')).to.have.length(2);
    expect(suite.instance('inst-on')!.enabled).to.equal(false);
    expect(errors.seen).to.deep.equal([]);
  });

  it('the session endpoint answering busy is waited out too (the markup-only embed)', async () => {
    const session = async () => json({ token: await suite.userToken(), expiresAt: new Date(Date.now() + 3600_000).toISOString(), userId: 'u' });
    busyFirst('/api/tray/session', { retryAfter: '2', then: session });
    const { widget } = await suite.mount({ token: undefined, wait: false });
    await waitUntil(() => /^Busy — trying again in [12] s$/.test(widget.part('busy')?.textContent ?? ''), 'the wait shows', SOON);
    await waitUntil(() => widget.cards.length === 9, 'the cards, once signed in', SOON);
    expect(errors.seen).to.deep.equal([]);
  });

  it('the auth-code endpoint answering busy is waited out: the card says so, then its dialog opens and authorizes', async () => {
    busyFirst('/api/tray/auth-code', { retryAfter: '2', then: () => json({ code: 'slack-2' }) });
    const { widget } = await suite.mount({ fetchAuthCode: false });
    const orders = widget.card('Orders to Slack');
    const authorized = orders.realClickFor('Reconnect Slack workspace', 'tray-authorize');
    await waitUntil(() => /^Busy — trying again in [12] s$/.test(progressOf(orders.element) ?? ''), 'the card says it waits', SOON);
    expect((await authorized).instanceId).to.equal('inst-on');
    await waitUntil(() => progressOf(orders.element) === null, 'the card is free again', SOON);
    expect(errors.seen).to.deep.equal([]);
  });

  it('a wait past the bound is not waited: the failure and Retry show at once', async () => {
    busyFirst('/api/tray/graphql', { operation: 'Marketplace', status: 503, retryAfter: '31' });
    const { widget } = await suite.mount({ wait: false });
    await waitUntil(() => widget.part('error'), 'the load failed', SOON);
    expect(widget.part('error')!.textContent).to.match(/^Integrations could not be loaded\. /);
    expect(widget.part('error')!.textContent).to.not.match(/\d{3}/);
    expect(widget.part('busy')).to.equal(null);
    expect(widget.root.querySelector('[part~=button-retry]')).to.not.equal(null);
    expect(suite.ops('Marketplace')).to.have.length(1);
  });

  it('removing the element ends its wait: nothing is asked again', async () => {
    busyFirst('/api/tray/graphql', { operation: 'Marketplace', status: 503, retryAfter: '1' });
    const { el, widget } = await suite.mount({ wait: false });
    await waitUntil(() => widget.part('busy'), 'the wait shows', SOON);
    el.remove();
    // Past the second the server asked for.
    await aTimeout(1500);
    expect(suite.ops('Marketplace')).to.have.length(1);
  });

  it('an element moved elsewhere on the page during the wait carries on', async () => {
    busyFirst('/api/tray/graphql', { operation: 'Marketplace', status: 503, retryAfter: '1' });
    const { el, widget } = await suite.mount({ wait: false });
    await waitUntil(() => widget.part('busy'), 'the wait shows', SOON);
    const elsewhere = document.createElement('section');
    el.parentElement!.after(elsewhere);
    try {
      elsewhere.append(el);
      await waitUntil(() => widget.cards.length === 9, 'the cards, once tried again', SOON);
      expect(errors.seen).to.deep.equal([]);
    } finally {
      elsewhere.remove();
    }
  });
});
