/**
 * The search chunk could not load (a host that deployed only the bundle):
 * the grid works without it, every card rendered, no toolbar and no box
 * held for one.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { useMockTray } from '../../support/mock-tray-suite.ts';
import { USER } from '../fixture.ts';
import { catalogFixture } from './catalog-fixture.ts';

const suite = useMockTray({ fixture: catalogFixture(), user: USER.externalUserId });

describe('<tray-integrations> without its search chunk', () => {
  after(() => executeServerCommand('catalog-chunk', 'release'));

  it('renders every card, with no toolbar and no place held for one', async () => {
    await executeServerCommand('catalog-chunk', 'fail');
    const { el, widget } = await suite.mount();
    await waitUntil(() => widget.cardElements().length === 250, 'every card', { timeout: 8000 });
    await el.updateComplete;
    expect(widget.part('toolbar') === null, 'no toolbar, nor a place for one').to.equal(true);
    expect(el.shadowRoot!.querySelector('.reveal-sentinel') === null, 'no reveal sentinel').to.equal(true);
    expect(widget.titles.at(-1)).to.equal('Bulk sync 240');
  });
});
