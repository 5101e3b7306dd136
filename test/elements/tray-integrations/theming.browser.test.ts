/** Theming from the host page: custom properties with layered fallbacks, ::part, and the dark scheme. */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
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

  it('follows the dark color scheme unless the page sets colors', async () => {
    const { el, widget } = await suite.mount();
    const slack = widget.card('Slack alerts').element;
    const light = getComputedStyle(slack).backgroundColor;
    await emulateMedia({ colorScheme: 'dark' });
    const dark = getComputedStyle(slack).backgroundColor;
    expect(dark).not.to.equal(light);
    await expect(el).to.be.accessible();
    style.textContent = ':root { --tray-color-surface: rgb(250, 240, 230); }';
    document.head.append(style);
    expect(getComputedStyle(slack).backgroundColor).to.equal('rgb(250, 240, 230)');
  });
});
