/**
 * A right-to-left page (dir="rtl", Arabic and Hebrew Tray text): the cards
 * and the toolbar are laid out mirrored, from the right edge, with nothing
 * overflowing or clipped, at a desktop and a phone width. Each run also
 * saves a screenshot (.screenshots/rtl-<width>.png) for a person to look at.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { useMockTray } from '../../support/mock-tray-suite.ts';
import { fixture, USER } from '../fixture.ts';

const slack = { id: 'service-slack', name: 'slack', title: 'Slack', icon: 'https://icons.example/slack.png', version: '1' };
const rtlSolutions = [
  {
    id: 'sol-ar',
    title: 'تنبيهات الطلبات في سلاك',
    description: 'أرسل كل طلب جديد إلى قناة في سلاك، مع اسم العميل والمبلغ.',
    tags: ['رسائل', 'مبيعات'],
    // A square logo, drawn at its own size at the card's start edge.
    customFields: [{ key: 'image', value: `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"><rect width="48" height="48" fill="#4a154b"/></svg>')}` }],
    authSlots: [{ externalId: 'slack_auth', title: 'مساحة عمل سلاك', service: slack }],
  },
  {
    id: 'sol-he',
    title: 'סנכרון לקוחות ל-CRM',
    description: 'כל לקוח חדש נוסף אוטומטית למערכת ה-CRM שלך.',
    tags: ['מכירות'],
    authSlots: [{ externalId: 'slack_auth', title: 'סלאק', service: slack }],
  },
];
const base = fixture();
const suite = useMockTray({
  fixture: {
    ...base,
    solutions: [...rtlSolutions, ...base.solutions],
    instances: [
      { id: 'inst-ar', solutionId: 'sol-ar', owner: USER.id, name: 'تنبيهات', enabled: true, created: '2024-01-01T00:00:00.000Z', authValues: [{ externalId: 'slack_auth', authId: 'auth-slack-1' }] },
      ...base.instances,
    ],
  },
  user: USER.externalUserId,
});

const page = document.documentElement;
const before = { dir: page.getAttribute('dir'), lang: page.getAttribute('lang') };
const put = (name: string, value: string | null) => (value === null ? page.removeAttribute(name) : page.setAttribute(name, value));
afterEach(async () => {
  put('dir', before.dir);
  put('lang', before.lang);
  await setViewport({ width: 800, height: 600 });
});

const rect = (element: Element) => element.getBoundingClientRect();
/** Within half a pixel: layout rounds to fractions of a pixel. */
const near = (a: number, b: number, what: string) => expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).to.be.lessThan(0.5);

/** Every box in `scope` lies inside `outer`, and no text runs past its own box. */
function expectContained(scope: Element, outer: DOMRect, what: string) {
  for (const element of scope.querySelectorAll<HTMLElement>('*')) {
    const box = rect(element);
    if (box.width === 0 && box.height === 0) continue;
    const name = `${what} ${element.tagName.toLowerCase()}[part="${element.getAttribute('part') ?? ''}"] "${(element.textContent ?? '').trim().slice(0, 30)}"`;
    expect(box.left, `${name} starts left of its box`).to.be.at.least(outer.left - 0.5);
    expect(box.right, `${name} ends right of its box`).to.be.at.most(outer.right + 0.5);
    if (getComputedStyle(element).display !== 'inline' && element.tagName !== 'IMG') {
      expect(element.scrollWidth, `${name} is clipped or overflows`).to.be.at.most(element.clientWidth + 1);
    }
  }
}

for (const width of [1280, 390]) {
  describe(`<tray-integrations> on a right-to-left page, ${width} px wide`, () => {
    it('lays the toolbar and the cards out mirrored, nothing overflowing or clipped', async () => {
      await setViewport({ width, height: 900 });
      put('dir', 'rtl');
      put('lang', 'ar');
      const { el, widget } = await suite.mount();
      await waitUntil(() => widget.part('search-label'), 'the toolbar is in');
      const root = widget.root;

      // The grid starts at its right edge: the first card there, the next to its left (desktop) or below it (phone).
      const list = rect(widget.part('list')!);
      const cards = widget.cardElements();
      const [first, second] = cards.map(rect);
      near(first!.right, list.right, 'the first card’s right edge, the grid’s');
      if (width === 1280) {
        near(second!.top, first!.top, 'the second card’s top, the first’s');
        expect(second!.right, 'the second card is left of the first').to.be.lessThan(first!.left);
      } else {
        near(second!.right, first!.right, 'one column: the second card’s right edge');
        expect(second!.top).to.be.greaterThan(first!.bottom);
      }

      // Inside a card: the title at the right on the card's whole width, the badge under it at the right; the services (their marks in the indent) and buttons start at the right.
      const arabic = cards[0]!;
      expect(arabic.querySelector('h3')!.textContent).to.equal('تنبيهات الطلبات في سلاك');
      const inner = rect(arabic);
      const padding = parseFloat(getComputedStyle(arabic).paddingInlineStart) + parseFloat(getComputedStyle(arabic).borderInlineStartWidth);
      const title = rect(arabic.querySelector('[part~=title]')!);
      const badge = rect(arabic.querySelector('[part~=badge]')!);
      near(title.right, inner.right - padding, 'the title’s right edge, the card’s content edge');
      near(title.left, inner.left + padding, 'the title’s left edge: it has the card’s whole width');
      near(badge.right, inner.right - padding, 'the badge’s right edge');
      expect(badge.top, 'the badge is under the title').to.be.at.least(title.bottom - 0.5);
      const firstButton = rect(arabic.querySelector('[part~=actions] button')!);
      near(firstButton.right, inner.right - padding, 'the first button’s right edge');
      const services = rect(arabic.querySelector('[part~=services]')!);
      near(services.right, inner.right - padding, 'the services list’s right edge');
      const firstService = rect(arabic.querySelector('[part~=service]')!);
      expect(firstService.right, 'the first service line’s words, left of the marks at the right').to.be.lessThan(services.right - 10);

      // A logo smaller than its box sits at the box's top right (start) corner.
      const logo = arabic.querySelector<HTMLImageElement>('[part~=image]')!;
      await waitUntil(() => logo.complete && logo.naturalWidth > 0, 'the logo loads');
      expect(getComputedStyle(logo).objectPosition).to.equal('100% 0%');

      // The toolbar: its label and the first chip at the right.
      const toolbar = root.querySelector('[part~=toolbar]')!;
      const toolbarBox = rect(toolbar);
      const toolbarPadding = parseFloat(getComputedStyle(toolbar).paddingInlineStart) + parseFloat(getComputedStyle(toolbar).borderInlineStartWidth);
      near(rect(widget.part('search-label')!).right, toolbarBox.right - toolbarPadding, 'the search label’s right edge');
      const filters = widget.part('filters')!;
      const filtersButton = widget.part('button-filters')!;
      if (width === 390) {
        // A phone: the chips fold behind "Filters", at the right like the label; Enter shows them.
        expect(rect(filters).height, 'the chips are folded away').to.equal(0);
        near(rect(filtersButton).right, toolbarBox.right - toolbarPadding, 'the Filters button’s right edge');
        filtersButton.focus();
        await sendKeys({ press: 'Enter' });
        expect(filtersButton.getAttribute('aria-expanded')).to.equal('true');
      } else {
        expect(rect(filtersButton).height, 'a wide toolbar has no Filters button').to.equal(0);
      }
      expect(rect(filters).height, 'the chips show').to.be.greaterThan(0);
      near(rect(filters.querySelector('[part~=filter-group]')!).right, rect(filters).right - parseFloat(getComputedStyle(filters).paddingInlineStart), 'the first filter group’s right edge');

      // Nothing runs out of its card or the toolbar, nor the widget out of the page.
      for (const card of cards) expectContained(card, rect(card), `card "${card.querySelector('h3')!.textContent!.slice(0, 20)}":`);
      expectContained(toolbar.querySelector('.search')!, toolbarBox, 'toolbar:');
      expect(rect(el).right).to.be.at.most(window.innerWidth + 0.5);
      expect(page.scrollWidth, 'the page scrolls sideways').to.be.at.most(window.innerWidth);

      // The chips wrap onto more rows rather than run past the toolbar, "Clear filters" with them.
      widget.button('Connected').click();
      await waitUntil(() => widget.part('button-clear-filters'), 'Clear filters shows');
      expect(filters.scrollWidth, 'the chips run past the toolbar').to.be.at.most(filters.clientWidth);
      expectContained(filters, rect(filters), 'filters:');

      await executeServerCommand('save-screenshot', { name: `rtl-${width}` });

      // The accounts view mirrors too: each account's icon (or title) and first button at its right edge, the title left of the icon, nothing overflowing.
      widget.part('button-accounts')!.click();
      await waitUntil(() => root.querySelector('[part~=accounts]:not([aria-busy=true])'), 'the accounts view lists the accounts');
      const heading = rect(root.querySelector('[part~=accounts-title]')!);
      near(heading.right, rect(root.querySelector('[part~=accounts-view]')!).right, 'the accounts heading’s right edge');
      for (const item of root.querySelectorAll<HTMLElement>('[part~=account]')) {
        const box = rect(item);
        const inset = parseFloat(getComputedStyle(item).paddingInlineStart) + parseFloat(getComputedStyle(item).borderInlineStartWidth);
        const icon = item.querySelector('[part~=account-icon]');
        const title = rect(item.querySelector('[part~=title]')!);
        near(rect(icon ?? item.querySelector('[part~=title]')!).right, box.right - inset, 'an account’s icon or title at its right edge');
        if (icon) expect(title.right, 'the title is left of the icon').to.be.at.most(rect(icon).left + 0.5);
        near(rect(item.querySelector('[part~=actions] button')!).right, box.right - inset, 'an account’s first button');
        expectContained(item, box, 'account:');
      }
      expect(page.scrollWidth, 'the page scrolls sideways').to.be.at.most(window.innerWidth);
      await executeServerCommand('save-screenshot', { name: `rtl-accounts-${width}`, fullPage: false });
    });
  });
}
