/**
 * `solution-id`: only the solutions a host names, in its order, no search
 * toolbar, no paging past the last one found; an id the catalogue lacks says
 * so and fires `tray-error` (`not-found`); `layout="compact"` draws one line
 * per solution and still fits a 320 px container.
 */
import { expect, fixture as mount, html, waitUntil } from '@open-wc/testing';
import { useMockTray } from '../../support/mock-tray-suite.ts';
import { useEvents } from '../../support/widget-harness.ts';
import { USER } from '../fixture.ts';
import { catalogFixture } from './catalog-fixture.ts';

const suite = useMockTray({ fixture: catalogFixture(), user: USER.externalUserId });
/** The pages this element asked for (an element of an earlier test may still be finishing its own). */
const pagesAsked = (el: { token: string | undefined }) =>
  suite.sent.filter((s) => s.operationName === 'Marketplace' && s.authorization === `Bearer ${el.token}`).length;

describe('<tray-integrations solution-id>', () => {
  const events = useEvents('tray-error', 'tray-load');

  it('shows only the chosen solutions, in the order given, without the search toolbar', async () => {
    const { el, widget } = await suite.mount({ attributes: { 'solution-id': 'sol-crm, sol-slack' } });
    expect(widget.titles).to.deep.equal(['Jira and Slack', 'Slack alerts']);
    expect(widget.part('toolbar')).to.equal(null);
    expect(widget.part('not-found')).to.equal(null);
    // A list as a property, in another order.
    el.solutionId = ['sol-slack', 'sol-hook'];
    await waitUntil(() => widget.titles.join() === 'Slack alerts,Webhook relay', 'the new choice shows', { timeout: 5000 });
    await expect(el).to.be.accessible();
  });

  it('stops paging once every chosen solution is found', async () => {
    // bulk-5 is on the first of three pages: the second, already on its way, is dropped, the third never asked for.
    const { el, widget } = await suite.mount({ attributes: { 'solution-id': 'bulk-5' } });
    expect(widget.titles).to.deep.equal(['Bulk sync 5']);
    expect(pagesAsked(el)).to.be.at.most(2);
    expect(events.seen.find((e) => e.type === 'tray-load')).to.include({ solutions: 1 });
  });

  it('pages on until a solution on a later page is found', async () => {
    const { el, widget } = await suite.mount({ attributes: { 'solution-id': 'bulk-240,sol-slack' } });
    expect(widget.titles).to.deep.equal(['Bulk sync 240', 'Slack alerts']);
    expect(pagesAsked(el)).to.equal(3);
  });

  it('says an id is not in the catalogue, rather than an empty grid, and fires tray-error not-found', async () => {
    const { el, widget } = await suite.mount({ attributes: { 'solution-id': 'no-such-solution' } });
    expect(widget.part('not-found')!.textContent).to.equal('This integration is not available.');
    expect(widget.part('list')).to.equal(null);
    const error = events.seen.find((e) => e.type === 'tray-error') as { code: string; message: string } | undefined;
    expect(error?.code).to.equal('not-found');
    expect(error?.message).to.contain('no-such-solution');
    // Every page was searched before saying so.
    expect(pagesAsked(el)).to.equal(3);
    await expect(el).to.be.accessible();
  });

  it('shows the ids it found beside the message for the one it did not', async () => {
    const { widget } = await suite.mount({ attributes: { 'solution-id': 'sol-slack,no-such-solution' }, messages: { solutionNotFound: 'Gone.' } });
    expect(widget.titles).to.deep.equal(['Slack alerts']);
    expect(widget.part('not-found')!.textContent).to.equal('Gone.');
  });

  it('draws one line per solution with layout="compact", and wraps inside a 320 px container', async () => {
    const wide = await mount<HTMLDivElement>(html`<div style="width: 900px"></div>`);
    const { widget } = await suite.mount({ parent: wide, attributes: { 'solution-id': 'sol-slack', layout: 'compact' } });
    try {
      const card = widget.cardElements()[0]!;
      expect(widget.status, 'one integration, said in the singular').to.equal('1 integration loaded.');
      const row = (part: string) => card.querySelector<HTMLElement>(`[part~=${part}]`)!.getBoundingClientRect();
      // Title, state and the button on one line.
      const title = row('title');
      expect(Math.abs(row('badge').top - title.top)).to.be.below(title.height);
      expect(Math.abs(row('button-connect').top - title.top)).to.be.below(title.height * 1.5);
      expect(card.querySelector('[part~=description]')?.checkVisibility() ?? false).to.equal(false);
      wide.style.width = '320px';
      await new Promise(requestAnimationFrame);
      expect(widget.el.getBoundingClientRect().width).to.be.at.most(320);
      expect(card.scrollWidth).to.be.at.most(card.clientWidth);
      expect(row('button-connect').right).to.be.at.most(wide.getBoundingClientRect().right);
      await widget.card('Slack alerts').connect();
      await widget.card('Slack alerts').untilBadge('Needs authorization');
    } finally {
      widget.el.remove();
    }
  });
});
