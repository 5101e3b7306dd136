/**
 * Something else answered in the search chunk's place (a host server that
 * gives a blank page for an unknown file): the import resolves with nothing
 * in it, and the grid works as without the chunk. Its own file: a page
 * imports the chunk once.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { useMockTray } from '../../support/mock-tray-suite.ts';
import { USER } from '../fixture.ts';
import { catalogFixture } from './catalog-fixture.ts';

const suite = useMockTray({ fixture: catalogFixture(), user: USER.externalUserId });

describe('<tray-integrations> with an empty module for its search chunk', () => {
  after(() => executeServerCommand('catalog-chunk', 'release'));

  it('renders every card, with no toolbar and no place held for one', async () => {
    await executeServerCommand('catalog-chunk', 'empty');
    const { el, widget } = await suite.mount();
    await waitUntil(() => widget.cardElements().length === 250, 'every card', { timeout: 8000 });
    await el.updateComplete;
    expect(widget.part('toolbar') === null, 'no toolbar, nor a place for one').to.equal(true);
    expect(el.shadowRoot!.querySelector('.reveal-sentinel') === null, 'no reveal sentinel').to.equal(true);
    expect(widget.titles.at(-1)).to.equal('Bulk sync 240');
  });
});
