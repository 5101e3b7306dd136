/** Loading the marketplace: one request, the skeleton, the empty state, tags, and superseded loads. */
import { expect, fixture as mount, html, waitUntil } from '@open-wc/testing';
import type { TrayIntegrationsElement } from '../../../src/elements/tray-integrations.ts';
import { TrayLoadEvent } from '../../../src/events.ts';
import { nextEvent, WidgetHarness } from '../../support/widget-harness.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

describe('<tray-integrations> loading', () => {
  it('loads solutions, instances and auths in one GraphQL request and reports the counts', async () => {
    const token = await suite.userToken();
    const el = document.createElement('tray-integrations');
    el.token = token;
    const loaded = nextEvent(document, 'tray-load');
    document.body.append(el);
    try {
      const event = await loaded;
      expect(event).to.be.instanceOf(TrayLoadEvent);
      expect(event.composed && event.bubbles).to.equal(true);
      expect([event.solutions, event.instances]).to.deep.equal([9, 4]);
      expect(suite.sent.map((s) => s.operationName)).to.deep.equal(['Marketplace']);
      expect(suite.tray.emulator.requests.map((r) => r.rootFields)).to.deep.equal([['viewer']]);
      await el.updateComplete;
      expect(new WidgetHarness(el).status).to.equal('9 integrations loaded.');
    } finally {
      el.remove();
    }
  });

  it('shows an accessible loading skeleton while loading', async () => {
    suite.tray.emulator.setLatency(400);
    const { el, widget } = await suite.mount({ wait: false });
    expect(widget.part('skeleton')).to.exist;
    expect(widget.part('base')!.getAttribute('aria-busy')).to.equal('true');
    expect(widget.root.textContent).to.contain('Loading integrations…');
    await expect(el).to.be.accessible();
    await waitUntil(() => widget.cards.length > 0);
    expect(widget.part('skeleton')).to.equal(null);
  });

  it('shows an accessible empty state when no solution matches the tags', async () => {
    const { el, widget } = await suite.mount({ tags: ['no-such-tag'] });
    expect(widget.part('empty')!.textContent).to.equal('No integrations are available yet.');
    expect(suite.sent[0]!.variables.tags).to.deep.equal(['no-such-tag']);
    await expect(el).to.be.accessible();
  });

  it('filters by the tags attribute', async () => {
    const token = await suite.userToken();
    const widget = new WidgetHarness(await mount<TrayIntegrationsElement>(html`<tray-integrations .token=${token} tags="crm"></tray-integrations>`));
    await waitUntil(() => widget.cards.length > 0);
    expect(widget.titles).to.deep.equal(['Jira and Slack', 'Needs settings']);
  });

  it('cancels a load that new arguments superseded', async () => {
    suite.tray.emulator.setLatency(300);
    const signals: AbortSignal[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (init?.signal) signals.push(init.signal);
      return realFetch(input, init);
    };
    let loads = 0;
    const counted = () => loads++;
    document.addEventListener('tray-load', counted);
    try {
      const { el, widget } = await suite.mount({ tags: ['crm'], wait: false });
      await waitUntil(() => signals.length === 1, 'the first load is sent');
      el.tags = ['messaging'];
      await waitUntil(() => widget.cards.length > 0, 'the second load renders', { timeout: 5000 });
      expect(signals[0]!.aborted, 'the superseded request is aborted').to.equal(true);
      expect(suite.sent.map((s) => s.variables.tags)).to.deep.equal([['crm'], ['messaging']]);
      expect(widget.titles).to.include('Orders to Slack');
      expect(loads, 'only the load that counts is reported').to.equal(1);
    } finally {
      document.removeEventListener('tray-load', counted);
      window.fetch = realFetch;
    }
  });
});
