/**
 * The catalogue at scale: pages appear as they arrive (focus and scroll
 * kept, the progress line announced), search and filters by keyboard with
 * the results line announced, and `no-search` for a bare grid.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { useMockTray } from '../../support/mock-tray-suite.ts';
import { nextEvent } from '../../support/widget-harness.ts';
import { USER } from '../fixture.ts';
import { catalogFixture } from './catalog-fixture.ts';

const suite = useMockTray({ fixture: catalogFixture(), user: USER.externalUserId });

const shadowFocus = (root: ShadowRoot) => root.activeElement as HTMLElement | null;

describe('<tray-integrations> catalogue', () => {
  it('shows the first page at once, appends the rest without moving focus or scroll, and says so', async () => {
    suite.tray.emulator.setLatency(600);
    const { el, widget } = await suite.mount({ wait: false });
    const done = nextEvent(el, 'tray-load');
    let loads = 0;
    el.addEventListener('tray-load', () => loads++);
    // The first page: cards, the visible progress line and its announcement, while pages two and three load.
    await waitUntil(() => widget.part('loading-more') && widget.part('search'), 'the first page and the toolbar', { timeout: 8000 });
    expect(widget.part('loading-more')!.textContent!.trim()).to.equal('Loading more… 100');
    expect(widget.status).to.equal('Loading more… 100');
    expect(widget.part('base')!.getAttribute('aria-busy')).to.equal('false');
    // A user scrolls a little and focuses a card's button.
    window.scrollTo(0, 200);
    const button = widget.card('Leads to Slack').buttons[0]!;
    button.focus();
    const top = button.getBoundingClientRect().top;
    // The count moves on as the next page arrives (pages are paced, not held back).
    await waitUntil(() => widget.part('loading-more')?.textContent!.trim() === 'Loading more… 200', 'the second page counted', { timeout: 8000 });
    const event = await done;
    expect([event.solutions, loads]).to.deep.equal([250, 1]);
    await el.updateComplete;
    expect(widget.part('loading-more')).to.equal(null);
    expect(widget.status).to.equal('250 integrations loaded.');
    // A boolean, not the elements: a failed equality of two elements inside
    // a full widget takes the runner minutes to report.
    expect(shadowFocus(widget.root) === button, 'focus stays on the button').to.equal(true);
    expect(button.getBoundingClientRect().top).to.be.closeTo(top, 1);
    // A screenful is rendered, not all 250; the toolbar counts them all.
    expect(widget.cardElements().length).to.be.below(250);
    expect(widget.part('results')!.textContent!.trim()).to.equal('250 integrations');
    window.scrollTo(0, 0);
  });

  it('an action works on a card shown while later pages load', async () => {
    suite.tray.emulator.setLatency(500);
    const { el, widget } = await suite.mount({ wait: false });
    await waitUntil(() => widget.part('loading-more') && widget.part('search'), 'the first screenful and the toolbar', { timeout: 8000 });
    // Below the first screenful: the user scrolls down to it.
    window.scrollTo(0, document.documentElement.scrollHeight);
    await waitUntil(() => widget.titles.includes('Bulk sync 3'), 'the card revealed by scrolling', { timeout: 8000 });
    const connected = nextEvent(el, 'tray-connect');
    widget.card('Bulk sync 3').element.querySelector<HTMLButtonElement>('[data-action=connect]')!.click();
    expect((await connected).phase).to.equal('request');
    await nextEvent(el, 'tray-load');
    await waitUntil(() => widget.card('Bulk sync 3').badge !== 'Not connected', 'the integration is created', { timeout: 8000 });
    window.scrollTo(0, 0);
  });

  it('searches and filters by keyboard, announcing how many are shown', async () => {
    const { el, widget } = await suite.mount();
    await waitUntil(() => widget.part('results')?.textContent!.trim() === '250 integrations', 'every page and the toolbar', { timeout: 8000 });
    const results = widget.part('results')!;
    expect(results.getAttribute('role')).to.equal('status');
    const search = widget.part('search') as HTMLInputElement;
    expect(search.labels![0]!.textContent).to.equal('Search integrations');
    search.focus();
    await sendKeys({ type: 'slack' });
    await waitUntil(() => results.textContent!.includes(' of '), 'the search applies');
    expect(results.textContent!.trim()).to.match(/^\d+ of 250 integrations shown$/);
    // The chips wrap in rows as wide as the toolbar (nothing scrolls sideways),
    // and "Clear filters" joins them, in sight.
    const filters = widget.part('filters')!;
    expect(widget.part('button-filters')!.getClientRects().length, 'a wide toolbar shows its chips, no "Filters" button').to.equal(0);
    expect(filters.scrollWidth, 'the chips wrap within their row').to.be.at.most(filters.clientWidth);
    const clear = widget.part('button-clear-filters')!.getBoundingClientRect();
    const atClear = widget.root.elementFromPoint(clear.left + clear.width / 2, clear.top + clear.height / 2);
    expect(atClear === widget.part('button-clear-filters'), 'Clear filters is in sight').to.equal(true);
    expect(clear.right).to.be.at.most(filters.getBoundingClientRect().right + 1);
    // Title, description or a tag of every card shown says Slack.
    for (const card of widget.cardElements()) expect(card.textContent!.toLowerCase()).to.contain('slack');
    expect(widget.titles).to.include('Slack alerts');
    expect(widget.titles.some((t) => t.startsWith('Bulk'))).to.equal(false);
    // Escape clears the search; Tab reaches a chip, Space presses it.
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => results.textContent!.trim() === '250 integrations', 'the search clears');
    const chip = [...widget.root.querySelectorAll<HTMLButtonElement>('[part~=chip]')].find((c) => c.textContent!.trim() === 'Not connected')!;
    chip.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => chip.getAttribute('aria-pressed') === 'true', 'the chip is pressed');
    expect(widget.cards.every((card) => card.badge === 'Not connected')).to.equal(true);
    expect(results.textContent!.trim()).to.match(/^\d+ of 250 integrations shown$/);
    await expect(el).to.be.accessible();
    // Nothing left: a message in place of the grid.
    search.focus();
    await sendKeys({ type: 'zzz-nothing' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => widget.part('no-match'), 'the no-results message');
    expect(widget.part('no-match')!.textContent).to.equal('No integrations match the search and filters.');
  });

  it('no-search gives a bare grid', async () => {
    const el = document.createElement('tray-integrations');
    el.setAttribute('no-search', '');
    el.token = await suite.userToken();
    const loaded = nextEvent(el, 'tray-load');
    document.body.append(el);
    try {
      await loaded;
      await el.updateComplete;
      // 250 cards: still a screenful at a time (the RevealController's sentinel is in), but no toolbar.
      await waitUntil(() => el.shadowRoot!.querySelector('.reveal-sentinel'), 'the reveal sentinel');
      expect(el.shadowRoot!.querySelectorAll('article').length).to.be.within(1, 249);
      expect(el.shadowRoot!.querySelector('[part~=toolbar], [part~=search]')).to.equal(null);
    } finally {
      el.remove();
    }
  });
});
