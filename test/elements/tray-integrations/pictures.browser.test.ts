/**
 * Solution pictures a person can see: drawn at their own aspect ratio (a
 * banner across the card, a logo at its own size), only from absolute https:
 * or data: image URLs; and text from a dialog or server capped before it
 * reaches a card.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { useMockTray } from '../../support/mock-tray-suite.ts';
import { useEvents } from '../../support/widget-harness.ts';
import { fixture, USER } from '../fixture.ts';

/** An SVG picture with only a viewBox, as the demo's fixture has them. */
const svg = (w: number, h: number) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}"><rect width="${w}" height="${h}" fill="teal"/></svg>`)}`;
/** A picture with its own pixel size. */
const sized = (w: number, h: number) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="teal"/></svg>`)}`;

const pictured = (id: string, title: string, image: string) => ({ id, title, customFields: [{ key: 'image', value: image }] });

const suite = useMockTray({
  fixture: fixture({
    solutions: [
      pictured('pic-banner', 'Banner', svg(320, 120)),
      pictured('pic-logo', 'Logo', sized(48, 48)),
      pictured('pic-relative', 'Relative', '/logo.png'),
      pictured('pic-http', 'Plain http', 'http://images.example/logo.png'),
      pictured('pic-https', 'Secure', 'https://images.example/logo.png'),
    ],
  }),
  user: USER.externalUserId,
});

async function loaded(img: HTMLImageElement) {
  await waitUntil(() => img.complete && img.naturalWidth > 0, 'the picture loads');
  return img.getBoundingClientRect();
}

/** The card's width inside its padding: a picture's box spans it. */
const innerWidth = (card: HTMLElement) => card.clientWidth - parseFloat(getComputedStyle(card).paddingLeft) * 2;
const REM = parseFloat(getComputedStyle(document.documentElement).fontSize);

describe('<tray-integrations> pictures and capped text', () => {
  const errors = useEvents('tray-error');
  let container: HTMLElement;
  beforeEach(() => {
    container = document.createElement('div');
    container.style.width = '320px';
    document.body.append(container);
  });
  afterEach(() => container.remove());

  it('draws a banner across the card at its own aspect ratio', async () => {
    const { el, widget } = await suite.mount();
    container.append(el);
    const card = widget.card('Banner');
    const box = await loaded(card.image!);
    expect(box.width).to.be.closeTo(innerWidth(card.element), 1);
    // Scaled down to fit its box, never stretched: a 320×120 banner in a box
    // less wide than that ratio fills the box's width, at its own height.
    expect(getComputedStyle(card.image!).objectFit).to.equal('scale-down');
    expect(box.width / box.height).to.be.below(320 / 120);
    expect(card.image!.alt).to.equal('Banner logo');
  });

  it('draws a small logo at its own size, not stretched', async () => {
    const { el, widget } = await suite.mount();
    container.append(el);
    const logo = widget.card('Logo').image!;
    const box = await loaded(logo);
    // Scaled down only: a 48×48 logo in a larger box is drawn at 48×48.
    expect([logo.naturalWidth, logo.naturalHeight]).to.deep.equal([48, 48]);
    expect(getComputedStyle(logo).objectFit).to.equal('scale-down');
    expect(box.width).to.be.above(48);
    expect(box.height).to.be.above(48);
  });

  it("holds a picture's place before it loads, so the card does not grow when it does", async () => {
    const { el, widget } = await suite.mount();
    container.append(el);
    await loaded(widget.card('Banner').image!);
    await loaded(widget.card('Logo').image!);
    // Loaded (a banner, a logo) or not (a host that does not answer): one box, the card's width and 8rem high.
    for (const title of ['Banner', 'Logo', 'Secure']) {
      const card = widget.card(title);
      const box = card.image!.getBoundingClientRect();
      expect([title, Math.round(box.width), Math.round(box.height)]).to.deep.equal([title, Math.round(innerWidth(card.element)), 8 * REM]);
    }
  });

  it('draws only absolute https: and data: images: no relative URL, no http:', async () => {
    const { widget } = await suite.mount();
    expect(widget.card('Relative').image).to.equal(null);
    expect(widget.card('Plain http').image).to.equal(null);
    expect(widget.card('Secure').image!.getAttribute('src')).to.equal('https://images.example/logo.png');
  });

  it('caps a huge error message before it reaches the card or tray-error', async () => {
    const { el, widget } = await suite.mount();
    el.fetchAuthCode = () => Promise.reject(new Error(`denied ${'x'.repeat(200_000)}`));
    const orders = widget.card('Orders to Slack');
    await orders.realClick('Reconnect Slack workspace');
    await orders.until((c) => c.error !== null, 'shows the error', 10_000);
    expect(orders.error!.length).to.be.at.most(300);
    expect(orders.error).to.match(/^Could not open the sign-in window: denied x+…$/);
    expect(errors.seen[0]!.message).to.equal(orders.error);
  });
});
