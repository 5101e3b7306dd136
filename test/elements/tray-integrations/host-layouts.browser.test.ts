/**
 * The widget is never wider than its container: in a host's grid `1fr`
 * column, as a flex child and in a plain block, from a 320 px phone to a
 * 1280 px desktop, with the whole catalogue and its toolbar (chips for
 * thirty tags), the page never scrolls sideways, and a phone shows one
 * column of cards.
 */
import { expect, nextFrame, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { useMockTray } from '../../support/mock-tray-suite.ts';
import type { WidgetHarness } from '../../support/widget-harness.ts';
import { fixture, USER } from '../fixture.ts';
import { BULK } from './catalog-fixture.ts';

// The catalogue, and solutions that each bring a tag of their own, so the chips are many.
const TAGGED = Array.from({ length: 30 }, (_, i) => ({ id: `tagged-${i}`, title: `Tagged ${i}`, tags: [`department-${i}`], authSlots: [] }));
const suite = useMockTray({ fixture: fixture({ solutions: [...BULK, ...TAGGED] }), user: USER.externalUserId });

/** How a host page holds the element. */
const LAYOUTS: Record<string, string> = {
  'a grid 1fr column': 'display: grid; grid-template-columns: 1fr; gap: 16px',
  'a flex row, as its child': 'display: flex; gap: 16px',
  'a plain block': 'display: block',
};

afterEach(() => setViewport({ width: 800, height: 600 }));

/** Nothing past the window, one column of cards on a phone, and cards of a good width. */
function expectFits(el: HTMLElement, widget: WidgetHarness, what: string) {
  const page = document.documentElement;
  expect(page.scrollWidth, `${what}: the page is wider than the window`).to.be.at.most(innerWidth);
  expect(el.getBoundingClientRect().right, `${what}: the widget ends past the window`).to.be.at.most(innerWidth + 0.5);
  const cards = widget.cardElements().slice(0, 4).map((card) => card.getBoundingClientRect());
  expect(cards.length).to.equal(4);
  if (innerWidth <= 390) {
    for (const card of cards) expect(card.left, `${what}: one column`).to.equal(cards[0]!.left);
  }
  // The widget fills its place rather than shrinking to a sliver: a card takes most of a phone's width.
  expect(cards[0]!.width, `${what}: the first card's width`).to.be.at.least(Math.min(250, innerWidth - 80));
}

for (const [layout, style] of Object.entries(LAYOUTS)) {
  it(`in ${layout}, the page never scrolls sideways at 320, 390, 768 and 1280 px, and a phone shows one column`, async () => {
    const host = document.createElement('div');
    host.setAttribute('style', style);
    document.body.append(host);
    try {
      const { el, widget } = await suite.mount();
      host.append(el);
      await waitUntil(() => widget.part('search-label') && widget.root.querySelectorAll('[part~=chip]').length > 30, 'the toolbar and its chips are in');
      for (const width of [320, 390, 768, 1280]) {
        await setViewport({ width, height: 800 });
        await nextFrame();
        await nextFrame();
        expectFits(el, widget, `${width} px`);
        // A phone folds the chips behind "Filters" (pressed once: they stay shown at the wider widths); shown, they fit too.
        if (await widget.showFilters()) {
          expect(width, 'the chips fold on a phone').to.equal(320);
          expectFits(el, widget, `${width} px, the chips shown`);
        }
        expect(widget.part('filters')!.getClientRects().length, `${width} px: the chips show`).to.be.greaterThan(0);
      }
    } finally {
      host.remove();
    }
  });
}
