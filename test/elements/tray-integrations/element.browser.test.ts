/** <tray-integrations> as a custom element: accessible, registered once, and keeping its token out of the markup. */
import { expect } from '@open-wc/testing';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

describe('<tray-integrations>', () => {
  it('is accessible', async () => {
    const { el } = await suite.mount();
    await expect(el).to.be.accessible();
  });

  it('never puts the token in an attribute or the markup', async () => {
    const token = await suite.userToken();
    const { el, widget } = await suite.mount({ token });
    expect(el.outerHTML).not.to.contain(token);
    expect(widget.root.innerHTML).not.to.contain(token);
    expect([...el.attributes].map((a) => a.value).join(' ')).not.to.contain(token);
  });

  it('registers the tag once, even when the definition module runs twice', async () => {
    const again = '../../../src/define.ts?again';
    await import(/* @vite-ignore */ again);
    expect(customElements.get('tray-integrations')).to.equal(document.createElement('tray-integrations').constructor);
  });
});
