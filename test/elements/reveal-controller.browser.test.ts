/**
 * RevealController in Chromium with a real IntersectionObserver: a long list
 * renders a screenful, grows as the user scrolls or tabs towards its end,
 * and never moves the user's focus or scroll position.
 */
import { expect, fixture as mount, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement, css } from 'lit';
import { RevealController } from '../../src/elements/reveal-controller.ts';

class RevealList extends LitElement {
  static override styles = css`
    li {
      height: var(--row, 40px);
    }
    .reveal-sentinel {
      height: 1px;
    }
  `;
  static override properties = { items: { attribute: false } };
  declare items: string[];
  reveal = new RevealController(this, { initial: 20, step: 10, margin: 0 });
  constructor() {
    super();
    this.items = [];
  }
  protected override render() {
    return html`<ul>
        ${this.reveal.visible(this.items).map((item) => html`<li><button type="button">${item}</button></li>`)}
      </ul>
      ${this.reveal.sentinel(this.items.length)}`;
  }
}
customElements.define('test-reveal-list', RevealList);

/** A grid of three columns, its first items drawn before the rest of a screenful is measured (as the widget's first frame). */
class FitGrid extends LitElement {
  static override styles = css`
    ul {
      display: grid;
      grid-template-columns: repeat(3, 1fr);
      row-gap: 10px;
      margin: 0;
    }
    li {
      height: 40px;
    }
  `;
  static override properties = { items: { attribute: false }, fitted: { state: true } };
  declare items: string[];
  declare fitted: boolean;
  reveal = new RevealController(this, { initial: 3, step: 9, margin: 100 });
  constructor() {
    super();
    this.items = [];
    this.fitted = false;
  }
  protected override render() {
    return html`<ul>
        ${this.reveal.visible(this.items).map((item) => html`<li>${item}</li>`)}
      </ul>
      ${this.fitted ? this.reveal.sentinel(this.items.length) : ''}`;
  }
}
customElements.define('test-fit-grid', FitGrid);

const items = (n: number) => Array.from({ length: n }, (_, i) => `Item ${i + 1}`);
const rendered = (el: RevealList) => el.shadowRoot!.querySelectorAll('li').length;
const settle = async (el: LitElement) => {
  // Two frames: the observer reports, then the host renders what it asked for.
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await el.updateComplete;
  }
};

afterEach(() => window.scrollTo(0, 0));

describe('RevealController', () => {
  it('fit() makes a screenful the whole grid rows that reach the margin below the window', async () => {
    const el = await mount<FitGrid>(html`<test-fit-grid .items=${items(1000)}></test-fit-grid>`);
    const list = el.shadowRoot!.querySelector('ul')!;
    expect(list.children.length).to.equal(3);
    el.reveal.fit(list);
    el.fitted = true;
    await settle(el);
    // Rows of 40 px and a 10 px gap, three to a row, until the list ends past 100 px below the window.
    const rows = Math.floor((window.innerHeight + 100 - list.getBoundingClientRect().top + 10) / 50) + 1;
    expect(rows).to.be.greaterThan(5);
    expect(list.children.length).to.equal(3 * rows);
    // The sentinel sits beyond the margin: nothing more until the user scrolls.
    window.scrollTo(0, 400);
    await settle(el);
    expect(list.children.length).to.be.greaterThan(3 * rows);
  });

  it('fit() keeps the first screenful as it is when the list is not laid out (a hidden tab)', async () => {
    const el = await mount<FitGrid>(html`<test-fit-grid hidden .items=${items(1000)}></test-fit-grid>`);
    const list = el.shadowRoot!.querySelector('ul')!;
    el.reveal.fit(list);
    await el.updateComplete;
    expect(el.reveal.count).to.equal(3);
    expect(list.children.length).to.equal(3);
  });

  it('renders the first screenful of a long list, and all of a short one without a sentinel', async () => {
    const long = await mount<RevealList>(html`<test-reveal-list .items=${items(1000)}></test-reveal-list>`);
    await settle(long);
    // 20 rows of 40 px fill the 600 px viewport; the sentinel sits below it.
    expect(rendered(long)).to.equal(20);
    expect(long.shadowRoot!.querySelector('.reveal-sentinel')!.getAttribute('aria-hidden')).to.equal('true');
    const short = await mount<RevealList>(html`<test-reveal-list .items=${items(5)}></test-reveal-list>`);
    await settle(short);
    expect(rendered(short)).to.equal(5);
    expect(short.shadowRoot!.querySelector('.reveal-sentinel')).to.equal(null);
  });

  it('keeps growing while the end of the list is still on screen', async () => {
    // Rows of 5 px: the first 20 fill 100 px of the 600 px viewport.
    const el = await mount<RevealList>(html`<test-reveal-list style="--row: 5px" .items=${items(1000)}></test-reveal-list>`);
    await waitUntil(() => rendered(el) >= 120, 'the list stopped growing before it filled the viewport');
    await settle(el);
    expect(rendered(el)).to.be.below(1000);
    expect(el.shadowRoot!.querySelector('.reveal-sentinel')!.getBoundingClientRect().top).to.be.at.least(window.innerHeight);
  });

  it('appends as the user scrolls, without moving the scroll position or the focus', async () => {
    const el = await mount<RevealList>(html`<test-reveal-list .items=${items(1000)}></test-reveal-list>`);
    await settle(el);
    const first = el.shadowRoot!.querySelector('button')!;
    first.focus();
    const before = rendered(el);
    window.scrollTo(0, document.documentElement.scrollHeight);
    const scrolledTo = window.scrollY;
    await waitUntil(() => rendered(el) > before, 'scrolling to the end rendered nothing more');
    await settle(el);
    expect(window.scrollY).to.equal(scrolledTo);
    expect(el.shadowRoot!.activeElement).to.equal(first);
    expect([...el.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal(items(rendered(el)));
  });

  it('Tab reaches past the first screenful: focusing the last card brings the sentinel near', async () => {
    const el = await mount<RevealList>(html`<test-reveal-list .items=${items(1000)}></test-reveal-list>`);
    await settle(el);
    const buttons = () => [...el.shadowRoot!.querySelectorAll('button')];
    buttons().at(-1)!.focus();
    await settle(el);
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => el.shadowRoot!.activeElement?.textContent === 'Item 21', 'Tab did not reach the 21st item');
  });

  it('reset() goes back to the first screenful; reveal(i) renders up to item i', async () => {
    const el = await mount<RevealList>(html`<test-reveal-list .items=${items(1000)}></test-reveal-list>`);
    await settle(el);
    el.reveal.reveal(499);
    await el.updateComplete;
    expect(rendered(el)).to.equal(500);
    expect(el.reveal.count).to.equal(500);
    el.reveal.reset();
    await settle(el);
    expect(rendered(el)).to.equal(20);
  });

  it('stops observing once removed, and starts again when put back', async () => {
    const el = await mount<RevealList>(html`<test-reveal-list .items=${items(1000)}></test-reveal-list>`);
    await settle(el);
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await settle(el);
    window.scrollTo(0, document.documentElement.scrollHeight);
    await waitUntil(() => rendered(el) > 20, 'the controller did not observe again after reconnecting');
  });
});
