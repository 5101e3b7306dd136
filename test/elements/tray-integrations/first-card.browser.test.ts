/**
 * The first cards do not wait for the search chunk: with the chunk held back
 * by the test server, the first page's screenful shows under a box that
 * holds the toolbar's place, and when the chunk arrives the toolbar fills
 * that place without moving a card, as wide as a laptop's settings column
 * (a phone: first-card-phone.browser.test.ts; the chunk failing:
 * chunk-failed.browser.test.ts).
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { useMockTray } from '../../support/mock-tray-suite.ts';
import { USER } from '../fixture.ts';
import { catalogFixture } from './catalog-fixture.ts';
import { expectFirstCardsStay } from './first-card-check.ts';

const suite = useMockTray({ fixture: catalogFixture(), user: USER.externalUserId });

describe('<tray-integrations> first cards before the search chunk', () => {
  after(() => executeServerCommand('catalog-chunk', 'release'));

  // As wide as a laptop's settings column, where the chips take one row, as the box held for them does.
  it('shows the first screenful while the chunk loads, where the cards stay once the toolbar arrives', () => expectFirstCardsStay(suite, 800));
});
