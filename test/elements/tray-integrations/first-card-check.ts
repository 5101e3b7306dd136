/**
 * The first cards do not wait for the search chunk: with the chunk held back
 * by the test server, the first page's screenful shows under a box that
 * holds the toolbar's place, and when the chunk arrives the toolbar fills
 * that place without moving a card. One width a test file: the chunk loads
 * once a page. (The chunk failing: chunk-failed.browser.test.ts.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { MockTraySuite } from '../../support/mock-tray-suite.ts';
import { nextEvent } from '../../support/widget-harness.ts';

/** The widget `width` px wide: its first screenful before the chunk, and the same first card where it was after. */
export async function expectFirstCardsStay(suite: MockTraySuite, width: number): Promise<void> {
    await executeServerCommand('catalog-chunk', 'hold');
    suite.tray.emulator.setLatency(300);
    const { el, widget } = await suite.mount({ wait: false });
    el.style.display = 'block';
    el.style.width = `${width}px`;
    const loaded = nextEvent(el, 'tray-load');
    await waitUntil(() => widget.cardElements().length, 'the first cards, the chunk still held', { timeout: 8000 });
    // The first few in one frame, the rest of the screenful in the next.
    await waitUntil(() => widget.cardElements().length === 48, 'a screenful of cards, the chunk still held');
    expect(widget.part('search') === null, 'no search field yet').to.equal(true);
    const reserved = widget.part('toolbar-reserved')!;
    expect([reserved.getAttribute('aria-hidden'), reserved.inert]).to.deep.equal(['true', true]);
    const first = widget.cardElements()[0]!;
    const top = first.getBoundingClientRect().top;
    expect(top).to.be.above(reserved.getBoundingClientRect().bottom);
    // Every page in, the chunk still held: the cards stay, and work.
    expect((await loaded).solutions).to.equal(250);
    await el.updateComplete;
    expect(widget.cardElements().length).to.equal(48);
    expect(widget.card('Bulk sync 3').element.querySelector('[data-action=connect]')).to.not.equal(null);

    await executeServerCommand('catalog-chunk', 'release');
    await waitUntil(() => widget.part('search'), 'the toolbar arrives', { timeout: 8000 });
    await el.updateComplete;
    expect(widget.part('toolbar-reserved') === null, 'the reserved box is gone').to.equal(true);
    expect(widget.cardElements()[0] === first, 'the same first card').to.equal(true);
    expect(first.getBoundingClientRect().top).to.be.closeTo(top, 0.5);
    // The chips sit within the bar: nothing to scroll sideways (on a phone, once "Filters" shows them).
    expect(await widget.showFilters(), 'the chips fold behind "Filters" only on a phone').to.equal(width < 480);
    const filters = widget.part('filters')!;
    expect(filters.getClientRects().length, 'the chips show').to.be.greaterThan(0);
    expect(filters.scrollWidth).to.be.at.most(filters.clientWidth);
}
