/**
 * The first cards do not wait for the search chunk: with the chunk held back
 * by the test server, the first page's screenful shows under a box that
 * holds the toolbar's place, and when the chunk arrives the toolbar fills
 * that place without moving a card, on a phone, where
 * the chips fold behind "Filters": one row, as the box held for them (their
 * rows would push the cards down when the bar arrived).
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { useMockTray } from '../../support/mock-tray-suite.ts';
import { USER } from '../fixture.ts';
import { catalogFixture } from './catalog-fixture.ts';
import { expectFirstCardsStay } from './first-card-check.ts';

const suite = useMockTray({ fixture: catalogFixture(), user: USER.externalUserId });

describe('<tray-integrations> first cards before the search chunk, on a phone', () => {
  after(() => executeServerCommand('catalog-chunk', 'release'));

  it('on a phone, shows the first screenful while the chunk loads, where the cards stay once the toolbar arrives', () => expectFirstCardsStay(suite, 360));
});
