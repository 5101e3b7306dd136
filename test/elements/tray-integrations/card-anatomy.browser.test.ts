/**
 * A card read at a glance: its state in a filled, tinted badge of 12 px or
 * more with a glyph, under a title on the card's whole width; one primary
 * button, the state's next step; the buttons at the foot of the cards of a
 * row; and its services one a line, a ✓ or ! mark in a column before each.
 */
import { expect } from '@open-wc/testing';
import type { CardHarness } from '../../support/widget-harness.ts';
import { CRM } from '../fixture.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

const TRANSPARENT = 'rgba(0, 0, 0, 0)';
const style = (element: Element, pseudo?: string) => getComputedStyle(element, pseudo);
const rect = (element: Element) => element.getBoundingClientRect();
/** The buttons drawn as the card's primary: filled (the others are outlined or plain). */
const primaries = (card: CardHarness) => card.buttons.filter((b) => style(b).backgroundColor !== TRANSPARENT).map((b) => b.textContent!.trim());
/** What a pseudo-element shows, e.g. the ✓ before a service line. */
const glyph = (element: Element) => style(element, '::before').content;

/** Mounts the catalogue with an integration of "Jira and Slack" that has neither service authorized yet. */
async function mountWithTwoMissing() {
  const model = suite.instance('inst-off')!;
  suite.tray.emulator.store.instances.set('inst-crm', { ...model, id: 'inst-crm', solutionId: CRM, name: 'Jira and Slack', authValues: [] });
  return suite.mount();
}

describe('<tray-integrations> card at a glance', () => {
  it('says its state in a filled badge of 12 px or more with a glyph and words, under a title on the card’s whole width', async () => {
    const { widget } = await mountWithTwoMissing();
    const glyphs: Record<string, string> = {};
    for (const title of ['Slack alerts', 'Orders to Slack', 'Leads to Slack', 'Issues to Slack', 'Jira and Slack']) {
      const card = widget.card(title);
      const badge = card.element.querySelector('[part~=badge]')!;
      expect(parseFloat(style(badge).fontSize), `${title}: the badge's size`).to.be.at.least(12);
      expect(style(badge).backgroundColor, `${title}: the badge is filled`).to.not.equal(TRANSPARENT);
      expect(card.badge, `${title}: the badge has words`).to.match(/\w/);
      glyphs[card.state] = glyph(badge);

      const box = card.element;
      const inner = rect(box).width - parseFloat(style(box).paddingInlineStart) - parseFloat(style(box).paddingInlineEnd) - 2;
      const heading = card.element.querySelector('[part~=title]')!;
      expect(rect(heading).width, `${title}: the title spans the card`).to.be.closeTo(inner, 1);
      expect(rect(badge).top, `${title}: the badge is under the title`).to.be.at.least(rect(heading).bottom - 0.5);
      expect(rect(badge).width, `${title}: the badge is as wide as its words`).to.be.lessThan(inner / 2);
    }
    expect(glyphs['enabled']).to.contain('✓');
    expect(glyphs['needs-auth']).to.contain('!');
    expect(glyphs['update-required']).to.contain('↑');
    expect(glyphs['disabled']).to.contain('‖');
    expect(glyphs['not-connected']).to.contain('○');
  });

  it('offers one primary button, the state’s next step, with its buttons at the foot of the cards of a row', async () => {
    const { widget } = await mountWithTwoMissing();
    expect(primaries(widget.card('Slack alerts'))).to.deep.equal(['Connect']);
    expect(primaries(widget.card('Needs settings'))).to.deep.equal(['Set up']);
    expect(primaries(widget.card('Jira and Slack')), 'the first service to authorize').to.deep.equal(['Authorize Jira site']);
    const next = widget.card('Jira and Slack').button('Authorize Slack workspace');
    expect(style(next).borderColor, 'the next service’s Authorize is outlined in the accent').to.equal(style(next).color);
    expect(primaries(widget.card('Leads to Slack'))).to.deep.equal(['Enable']);
    expect(primaries(widget.card('Issues to Slack'))).to.deep.equal(['Update Jira site']);
    expect(primaries(widget.card('Orders to Slack')), 'an enabled card has no next step').to.deep.equal([]);

    // The cards of a row are as tall as the row, their buttons at its foot.
    const cards = widget.cards.map((card) => card.element);
    const row = cards.filter((card) => Math.abs(rect(card).top - rect(cards[0]!).top) < 1);
    expect(row.length, 'more than one card a row').to.be.greaterThan(1);
    const feet = row.map((card) => rect(card.querySelector('[part~=actions]')!).bottom);
    for (const foot of feet) expect(foot).to.be.closeTo(feet[0]!, 0.5);
  });

  it('leads its buttons with the next step: a service to authorize before one to reconnect', async () => {
    // Jira (the first service) authorized, Slack (the second) not yet.
    const model = suite.instance('inst-off')!;
    const authValues = [{ externalId: 'jira_auth', authId: 'auth-jira-1' }];
    suite.tray.emulator.store.instances.set('inst-crm', { ...model, id: 'inst-crm', solutionId: CRM, name: 'Jira and Slack', authValues });
    const { widget } = await suite.mount();
    const card = widget.card('Jira and Slack');
    expect(card.buttons.map((b) => b.textContent!.trim())).to.deep.equal(['Authorize Slack workspace', 'Reconnect Jira site', 'Delete']);
    expect(primaries(card)).to.deep.equal(['Authorize Slack workspace']);
  });

  it('lists its services one a line, a ✓ or ! in a column before each, and a line that wraps starts under its words', async () => {
    const { el, widget } = await mountWithTwoMissing();
    const card = widget.card('Issues to Slack');
    const lines = [...card.element.querySelectorAll('[part~=service]')];
    expect(card.services.map((s) => s.authorized)).to.deep.equal([true, false]);
    expect(lines.map((line) => glyph(line))).to.satisfy((marks: string[]) => marks[0]!.includes('✓') && marks[1]!.includes('!'));
    expect(rect(lines[1]!).top, 'one a line').to.be.at.least(rect(lines[0]!).bottom - 0.5);
    expect(rect(lines[1]!).left, 'the lines start alike').to.be.closeTo(rect(lines[0]!).left, 0.5);
    // The mark sits in the list's indent, before the line's box.
    const list = card.element.querySelector('[part~=services]')!;
    const indent = rect(lines[0]!).left - rect(list).left;
    expect(indent).to.be.greaterThan(10);
    expect(parseFloat(style(lines[0]!, '::before').width)).to.be.closeTo(indent, 0.5);

    // In a narrow widget the line wraps; its second line starts under the words, not under the mark.
    el.style.width = '190px';
    await el.updateComplete;
    const missing = lines[1]!;
    const range = document.createRange();
    range.selectNodeContents(missing);
    const boxes = [...range.getClientRects()].filter((box) => box.width > 0);
    const tops = new Set(boxes.map((box) => Math.round(box.top)));
    expect(tops.size, 'the line wraps').to.be.greaterThan(1);
    for (const box of boxes) expect(box.left, 'every line starts at the words').to.be.at.least(rect(missing).left - 0.5);
  });
});
