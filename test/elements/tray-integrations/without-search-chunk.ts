/**
 * The suite for a grid whose search chunk does not arrive as itself (it
 * fails to load, or something else answers in its place): every card
 * rendered, no toolbar and no place held for one. One file per answer: a
 * page imports the chunk once.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { useMockTray } from '../../support/mock-tray-suite.ts';
import { USER } from '../fixture.ts';
import { catalogFixture } from './catalog-fixture.ts';

export function describeWithoutSearchChunk(answer: 'fail' | 'empty', title: string): void {
  const suite = useMockTray({ fixture: catalogFixture(), user: USER.externalUserId });

  describe(title, () => {
    after(() => executeServerCommand('catalog-chunk', 'release'));

    it('renders every card, with no toolbar and no place held for one', async () => {
      await executeServerCommand('catalog-chunk', answer);
      const { el, widget } = await suite.mount();
      await waitUntil(() => widget.cardElements().length === 250, 'every card', { timeout: 8000 });
      await el.updateComplete;
      expect(widget.part('toolbar') === null, 'no toolbar, nor a place for one').to.equal(true);
      expect(el.shadowRoot!.querySelector('.reveal-sentinel') === null, 'no reveal sentinel').to.equal(true);
      expect(widget.titles.at(-1)).to.equal('Bulk sync 240');
    });
  });
}
