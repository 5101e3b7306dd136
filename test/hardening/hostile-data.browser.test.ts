/**
 * Tray's data is data: solution titles, descriptions, tags, custom fields,
 * auth slot and service titles, icons and error messages that carry markup,
 * `javascript:` URLs or very long strings render as text, run no script and
 * keep the layout inside the host's container. Against the emulator core (msw).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { useMockTray } from '../support/mock-tray-suite.ts';
import { settle, type WidgetHarness } from '../support/widget-harness.ts';
import { fixture, partnerTextInstances, partnerTextSolutions, RLO, SLOT, USER } from './fixture.ts';
import { allElements } from './leaks.ts';

const w = window as unknown as { __pwned?: number };
const PWN = 'window.__pwned=(window.__pwned||0)+1';
const LONG_WORD = 'Supercalifragilistic'.repeat(60);

const evilService = {
  id: 'service-evil',
  name: 'evil',
  title: `<img src=x onerror="${PWN}">Evil service`,
  icon: `javascript:${PWN}`,
  version: '1',
};

const hostileSolutions = [
  {
    id: 'sol-markup',
    title: `<img src=x onerror="${PWN}"><script>${PWN}</script>Markup & <b>bold</b>`,
    description: `<iframe src="javascript:${PWN}"></iframe><a href="javascript:${PWN}">click</a> <style>*{display:none}</style>`,
    tags: ['<i>italic</i>', `"><svg onload="${PWN}">`, '{{constructor.constructor("alert(1)")()}}'],
    customFields: [
      { key: 'image', value: `javascript:${PWN}` },
      { key: 'logo', value: `data:text/html,<script>${PWN}</script>` },
      { key: 'icon', value: `vbscript:msgbox(1)` },
      { key: 'notes', value: `<img src=x onerror="${PWN}">` },
    ],
    authSlots: [{ externalId: SLOT, title: `<u>Slack</u> "workspace" <img src=x onerror="${PWN}">`, service: evilService }],
  },
  {
    id: 'sol-long',
    title: LONG_WORD,
    description: `${'word '.repeat(2000)}${LONG_WORD}`,
    tags: [LONG_WORD, ...Array.from({ length: 40 }, (_, i) => `tag-${i}`)],
    customFields: [{ key: 'image', value: `https://images.example/${'a'.repeat(3000)}.png" onerror="${PWN}` }],
    authSlots: [{ externalId: SLOT, title: LONG_WORD, service: evilService }],
  },
];

const evilAuth = { id: 'auth-evil', userId: USER.id, name: `<b>evil</b>`, service: evilService };
const hostileInstance = {
  id: 'inst-markup',
  solutionId: 'sol-markup',
  owner: USER.id,
  name: `<img src=x onerror="${PWN}">`,
  enabled: false,
  created: '2024-01-01T00:00:00.000Z',
  authValues: [{ externalId: SLOT, authId: 'auth-evil' }],
};

const suite = useMockTray({
  fixture: fixture({
    solutions: [...hostileSolutions, ...partnerTextSolutions],
    instances: [hostileInstance, ...partnerTextInstances],
    authentications: [evilAuth],
  }),
  user: USER.externalUserId,
});
beforeEach(() => {
  w.__pwned = 0;
});

/** Only these tags may appear in the widget: anything else came from Tray's data. */
const OWN_TAGS = new Set(['div', 'p', 'ul', 'li', 'article', 'h3', 'span', 'button', 'img', 'label', 'input', 'bdi']);

function expectInert(widget: WidgetHarness) {
  const inside = allElements(widget.root);
  const foreign = inside.filter((e) => !OWN_TAGS.has(e.localName)).map((e) => e.localName);
  expect(foreign, 'elements made from Tray data').to.deep.equal([]);
  const handlers = allElements().flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.localName}[${a.name}]`));
  expect(handlers, 'event-handler attributes anywhere on the page').to.deep.equal([]);
  for (const img of widget.root.querySelectorAll('img')) {
    expect(new URL(img.src).protocol, img.src.slice(0, 60)).to.be.oneOf(['https:', 'http:', 'data:']);
    if (img.src.startsWith('data:')) expect(img.src).to.match(/^data:image\//);
  }
  expect(widget.root.querySelectorAll('img[src="x"], img:not([part~=image]):not([part~=service] img)')).to.have.length(0);
}

/** Nothing sticks out sideways: not a card past the list, not the widget past the host's container. */
function expectLayoutHolds(widget: WidgetHarness, container: HTMLElement) {
  const { el } = widget;
  const list = widget.part('list')!;
  const box = container.getBoundingClientRect();
  for (const { element: c, title: fullTitle } of widget.cards) {
    const title = fullTitle.slice(0, 40);
    const r = c.getBoundingClientRect();
    expect(r.right, `card "${title}" stays inside the container`).to.be.at.most(box.right + 1);
    expect(r.left).to.be.at.least(box.left - 1);
    expect(c.scrollWidth, `card "${title}" has no sideways overflow`).to.be.at.most(c.clientWidth + 1);
  }
  expect(list.scrollWidth, 'the list has no sideways overflow').to.be.at.most(list.clientWidth + 1);
  expect(el.scrollWidth, 'the widget has no sideways overflow').to.be.at.most(el.clientWidth + 1);
  expect(container.scrollWidth, 'the host container has no sideways overflow').to.be.at.most(container.clientWidth + 1);
  expect(el.getBoundingClientRect().width).to.be.at.most(box.width + 1);
}

describe('hardening: hostile data from Tray', () => {
  let container: HTMLElement;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => container.remove());

  async function mountIn(width: string) {
    container.style.width = width;
    const { el, widget } = await suite.mount({ script: 'stay' });
    container.append(el);
    await el.updateComplete;
    return widget;
  }

  it('renders markup in every Tray field as the literal text', async () => {
    const widget = await mountIn('900px');
    const [markup, long] = hostileSolutions as [(typeof hostileSolutions)[0], (typeof hostileSolutions)[1]];
    const m = widget.card(markup.title);
    expect(m.description).to.equal(markup.description);
    expect(m.tags).to.deep.equal(markup.tags);
    // The connected instance: slot and service titles come through as text too.
    expect(m.services.map((s) => s.text)).to.deep.equal([`${markup.authSlots[0]!.title}: Authorized`]);
    expect(m.buttonNames).to.include(`Reconnect ${markup.authSlots[0]!.title}`);
    expect(m.badge).to.equal('Disabled');
    // Unsafe picture URLs are dropped, not rendered.
    expect(m.image).to.equal(null);
    expect(m.services.map((s) => s.icon)).to.deep.equal([null]);

    const l = widget.card(long.title);
    expect(l.description).to.equal(long.description);
    expect(l.tags).to.have.length(long.tags.length);
    // An http(s) URL with quotes stays one attribute value: the quote is percent-encoded.
    const img = l.image!;
    expect(img.getAttribute('src')).to.match(/^https:\/\/images\.example\/a+\.png%22%20onerror=%22/);
    expect(img.getAttributeNames().sort()).to.deep.equal(['alt', 'part', 'src']);

    expectInert(widget);
    await settle(300); // an image error or a queued script would have run by now
    expect(w.__pwned).to.equal(0);
  });

  it('keeps every card inside a narrow container, and a wide one', async () => {
    for (const width of ['320px', '1100px']) {
      const widget = await mountIn(width);
      expectLayoutHolds(widget, container);
      widget.el.remove();
    }
    expect(document.documentElement.scrollWidth, 'the page has no sideways scroll').to.be.at.most(innerWidth + 1);
  });

  it('a connection of a hostile solution announces and shows its title as text, and its errors stay text', async () => {
    const widget = await mountIn('640px');
    const long = hostileSolutions[1]!;
    await widget.card(long.title).connect();
    expect(widget.status).to.contain(long.title);
    expectLayoutHolds(widget, container);

    // Tray (or a proxy in between) answers with markup in its error message.
    const message = `<img src=x onerror="${PWN}">Instance locked`;
    suite.tray.worker.use(
      http.post('*/api/tray/graphql', () => HttpResponse.json({ data: null, errors: [{ message, extensions: { code: 'bad_thing' } }] }), { once: true }),
    );
    const markup = hostileSolutions[0]!;
    const card = widget.card(markup.title);
    card.click('Enable');
    await card.until((c) => c.error, 'the error shows');
    expect(card.error).to.equal(message);
    expectInert(widget);
    await settle(300);
    expect(w.__pwned).to.equal(0);
  });
});

describe('hardening: partner text within bounds, in a 320 px window', () => {
  const [huge, zalgo, rlo] = partnerTextSolutions as [(typeof partnerTextSolutions)[0], (typeof partnerTextSolutions)[1], (typeof partnerTextSolutions)[2]];
  const showAll = (element: Element) => element.querySelector<HTMLButtonElement>('[part~=button-more]')!;
  const lineHeight = (element: Element) => parseFloat(getComputedStyle(element).lineHeight);
  const height = (element: Element) => element.getBoundingClientRect().height;
  /** What shows of an element's box: the part inside every box between it and `card` that clips. */
  const visibleBox = (element: Element, card: Element) => {
    const r = element.getBoundingClientRect();
    let { left, top, right, bottom } = r;
    for (let up = element.parentElement; up && up !== card; up = up.parentElement) {
      if (getComputedStyle(up).overflow === 'visible') continue;
      const c = up.getBoundingClientRect();
      left = Math.max(left, c.left);
      top = Math.max(top, c.top);
      right = Math.min(right, c.right);
      bottom = Math.min(bottom, c.bottom);
    }
    return { left, top, right, bottom, width: right - left, height: bottom - top };
  };
  /** Nothing of the box is cut off. */
  const shownWhole = (element: Element) => element.scrollHeight <= element.clientHeight + 1;

  afterEach(() => setViewport({ width: 800, height: 600 }));

  async function mountNarrow(messages?: Record<string, unknown>) {
    await setViewport({ width: 320, height: 640 });
    const { widget } = await suite.mount({ script: 'stay', messages });
    await waitUntil(() => widget.part('search-label'), 'the toolbar is in');
    // "Show all" comes with the element's lazy features and measures after layout.
    await waitUntil(() => !showAll(widget.card(huge.title).element).hidden, 'the cut-short card offers Show all', { timeout: 5000 });
    return widget;
  }

  it('keeps each card around its contents, clamps titles to 3 lines and descriptions to 6, and the page does not scroll sideways', async () => {
    const widget = await mountNarrow();
    expect(document.documentElement.scrollWidth, 'the page scrolls sideways').to.be.at.most(innerWidth);
    for (const { element: card, title } of widget.cards) {
      const what = `card "${title.slice(0, 20)}"`;
      const box = card.getBoundingClientRect();
      expect(box.right, `${what} ends inside the window`).to.be.at.most(innerWidth + 0.5);
      // Every box shows inside the card (text cut short is clipped by its own box, and draws nothing).
      for (const child of card.querySelectorAll('*')) {
        const r = visibleBox(child, card);
        if (r.width <= 0 || r.height <= 0) continue;
        const name = `${what}: ${child.localName}[part="${child.getAttribute('part')}"]`;
        expect(r.left, `${name} starts outside it`).to.be.at.least(box.left - 0.5);
        expect(r.right, `${name} ends outside it`).to.be.at.most(box.right + 0.5);
        expect(r.top, `${name} starts above it`).to.be.at.least(box.top - 0.5);
        expect(r.bottom, `${name} ends below it`).to.be.at.most(box.bottom + 0.5);
      }
      const heading = card.querySelector('[part~=title]')!;
      expect(height(heading), `${what}: title height`).to.be.at.most(3 * lineHeight(heading) + 1);
      const description = card.querySelector('[part~=description]');
      if (description) expect(height(description), `${what}: description height`).to.be.at.most(6 * lineHeight(description) + 1);
    }
    // A combining-mark storm is drawn inside its own box: the box clips what it draws.
    for (const part of ['title', 'description']) {
      expect(getComputedStyle(widget.card(zalgo.title).element.querySelector(`[part~=${part}]`)!).overflow).to.equal('hidden');
    }
    // The chips of 100 kB tags stay inside the toolbar, once "Filters" shows them on this narrow one.
    expect(await widget.showFilters(), 'a 320 px toolbar folds its chips behind "Filters"').to.equal(true);
    const toolbar = widget.part('toolbar')!.getBoundingClientRect();
    const chips = widget.root.querySelectorAll('[part~=chip]');
    expect(chips.length).to.be.greaterThan(0);
    for (const chip of chips) {
      const r = chip.getBoundingClientRect();
      expect(r.width, `chip "${chip.textContent!.trim().slice(0, 20)}" shows`).to.be.greaterThan(0);
      expect(r.right, `chip "${chip.textContent!.trim().slice(0, 20)}"`).to.be.at.most(toolbar.right + 0.5);
      expect(r.height).to.be.below(200);
    }
  });

  it('offers "Show all" only on a card whose text is cut short, and it shows all of it', async () => {
    const widget = await mountNarrow();
    // Short text: nothing to show.
    expect(showAll(widget.card('Slack alerts').element).hidden).to.equal(true);
    expect(showAll(widget.card(rlo.title).element).hidden).to.equal(true);

    const card = widget.card(huge.title);
    const heading = card.element.querySelector('[part~=title]')!;
    const description = card.element.querySelector('[part~=description]')!;
    expect(shownWhole(heading) || shownWhole(description), 'the text is cut short').to.equal(false);
    const toggle = showAll(card.element);
    // What the button says as shown.
    const label = () => toggle.innerText.trim();
    expect(label()).to.equal('Show all');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await waitUntil(() => toggle.getAttribute('aria-expanded') === 'true', 'the card opens');
    expect(label()).to.equal('Show less');
    expect(shownWhole(heading), 'the whole title shows').to.equal(true);
    expect(shownWhole(description), 'the whole description shows').to.equal(true);
    expect(shownWhole(card.element.querySelector('[part~=tags]')!), 'every tag shows').to.equal(true);

    toggle.click();
    await waitUntil(() => toggle.getAttribute('aria-expanded') === 'false', 'the card closes');
    expect(height(heading)).to.be.at.most(3 * lineHeight(heading) + 1);
    expect(toggle.hidden, 'Show all stays, the text being cut short again').to.equal(false);
    expect(label()).to.equal('Show all');
    // The title stays whole in the document, for a screen reader.
    expect(heading.textContent).to.equal(huge.title);
    // It names the card it belongs to.
    expect(toggle.getAttribute('aria-describedby')).to.equal(heading.id);
  });

  it('"Show all" says the host\'s own words', async () => {
    const widget = await mountNarrow({ showAll: 'Read more', showLess: 'Read less' });
    const toggle = showAll(widget.card(huge.title).element);
    expect(toggle.innerText.trim()).to.equal('Read more');
    toggle.click();
    await waitUntil(() => toggle.innerText.trim() === 'Read less', 'the open card says Read less');
  });

  it("a right-to-left override in partner text turns only that text around, not the widget's words beside it", async () => {
    const widget = await mountNarrow();
    const card = widget.card(rlo.title);
    card.click('Delete');
    await card.until((c) => c.confirmation, 'the delete confirmation');
    /** Whether `word` in this element's text reads left to right on screen: its first letter is left of its last. */
    const readsLeftToRight = (scope: Element, word: string) => {
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(word);
        if (at < 0) continue;
        const letter = (i: number) => {
          const range = document.createRange();
          range.setStart(node!, i);
          range.setEnd(node!, i + 1);
          return range.getBoundingClientRect().left;
        };
        return letter(at) < letter(at + word.length - 1);
      }
      throw new Error(`no "${word}" in ${scope.textContent}`);
    };
    const confirm = card.element.querySelector('[part~=confirm]')!;
    expect(confirm.textContent).to.contain(`${RLO}Evil title`);
    expect(readsLeftToRight(confirm, 'workflows'), 'the words after the title').to.equal(true);
    expect(readsLeftToRight(confirm, 'Delete'), 'the words before the title').to.equal(true);
    // The override does turn the title itself around: it is the partner's to choose.
    expect(readsLeftToRight(confirm, 'Evil'), 'the title').to.equal(false);
    expect(readsLeftToRight(card.element.querySelector('[part~=tags]')!, 'after'), 'the tag after an overridden tag').to.equal(true);
  });
});
