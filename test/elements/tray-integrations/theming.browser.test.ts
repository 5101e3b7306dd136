/** Theming from the host page: custom properties with layered fallbacks, ::part, and light or dark by the page's color-scheme. */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { WidgetHarness } from '../../support/widget-harness.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

describe('<tray-integrations> theming', () => {
  const style = document.createElement('style');
  afterEach(async () => {
    style.remove();
    await emulateMedia({ colorScheme: 'light' });
  });

  it('reads custom properties from the page with layered fallbacks, and styles through ::part', async () => {
    const { el, widget } = await suite.mount();
    const slack = widget.card('Slack alerts').element;
    const connect = widget.card('Slack alerts').button('Connect');
    expect(getComputedStyle(slack).borderTopLeftRadius).to.equal('8px');
    // Nothing is declared on the host, so a theme on :root reaches every widget.
    expect(getComputedStyle(el).getPropertyValue('--tray-radius')).to.equal('');
    style.textContent = `
      :root { --tray-radius: 3px; --tray-button-radius: 11px; --tray-color-accent: rgb(1, 2, 3); }
      tray-integrations::part(badge-not-connected) { color: rgb(9, 8, 7); }
      tray-integrations::part(card-enabled) { outline: 4px solid rgb(4, 5, 6); }`;
    document.head.append(style);
    expect(getComputedStyle(slack).borderTopLeftRadius).to.equal('3px');
    expect(getComputedStyle(connect).borderTopLeftRadius).to.equal('11px');
    expect(getComputedStyle(connect).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(slack.querySelector('[part~=badge]')!).color).to.equal('rgb(9, 8, 7)');
    expect(getComputedStyle(widget.card('Orders to Slack').element).outlineColor).to.equal('rgb(4, 5, 6)');
  });

  /** The card's background, text and muted (note) colors, and the Connect button's, as drawn. */
  const palette = (widget: WidgetHarness) => {
    const card = widget.card('Slack alerts');
    const muted = card.element.querySelector('[part~=tags]')!;
    return {
      surface: getComputedStyle(card.element).backgroundColor,
      text: getComputedStyle(card.element).color,
      muted: getComputedStyle(muted).color,
      accent: getComputedStyle(card.button('Connect')).backgroundColor,
    };
  };
  const LIGHT = { surface: 'rgb(255, 255, 255)', text: 'rgb(28, 33, 40)', muted: 'rgb(87, 96, 106)', accent: 'rgb(11, 87, 208)' };
  const DARK = { surface: 'rgb(22, 27, 34)', text: 'rgb(230, 237, 243)', muted: 'rgb(157, 167, 179)', accent: 'rgb(124, 172, 248)' };

  it('stays light on a page that did not opt into dark, whatever the OS prefers', async () => {
    const { widget } = await suite.mount();
    await emulateMedia({ colorScheme: 'dark' });
    expect(palette(widget)).to.deep.equal(LIGHT);
  });

  it('is dark, with the whole dark palette, when the page says color-scheme: dark', async () => {
    const { el, widget } = await suite.mount();
    style.textContent = ':root { color-scheme: dark }';
    document.head.append(style);
    expect(palette(widget)).to.deep.equal(DARK);
    await expect(el).to.be.accessible();
  });

  it('follows the OS when the page says color-scheme: light dark', async () => {
    const { widget } = await suite.mount();
    style.textContent = ':root { color-scheme: light dark }';
    document.head.append(style);
    expect(palette(widget)).to.deep.equal(LIGHT);
    await emulateMedia({ colorScheme: 'dark' });
    expect(palette(widget)).to.deep.equal(DARK);
  });

  it('is forced either way by color-scheme on the element itself', async () => {
    const { widget } = await suite.mount();
    style.textContent = ':root { color-scheme: dark } tray-integrations { color-scheme: light }';
    document.head.append(style);
    expect(palette(widget)).to.deep.equal(LIGHT);
    style.textContent = 'tray-integrations { color-scheme: dark }';
    expect(palette(widget)).to.deep.equal(DARK);
  });

  it("lets the page's colors win over both palettes", async () => {
    const { widget } = await suite.mount();
    style.textContent = ':root { color-scheme: dark; --tray-color-surface: rgb(250, 240, 230); --tray-color-muted: rgb(1, 1, 1) }';
    document.head.append(style);
    expect(palette(widget)).to.deep.equal({ ...DARK, surface: 'rgb(250, 240, 230)', muted: 'rgb(1, 1, 1)' });
  });
});
