/**
 * What the element adds once it exists, from a chunk of its own (the element
 * imports this module as it is created, so the first bundle carries none of
 * it): following the page's language (language.ts), the accounts view in
 * place of the catalogue (view-switch.ts), and the solutions a host chose
 * with `solution-id` (chosen/chosen-solutions.ts, whose load the controller
 * takes from here), and every view of the widget in step (view-sync.ts).
 */
import { ChosenView, type ChosenHost } from './chosen/chosen-solutions.ts';
import { LanguageController, type TranslatedHost } from './language.ts';
import type { MarketplaceController } from './marketplace-controller.ts';
import { ViewSwitch, type ViewHost } from './view-switch.ts';
import { ViewSync, type SyncHost } from './view-sync.ts';

export { loadChosen } from './chosen/chosen-solutions.ts';

export type LazyFeaturesHost = TranslatedHost & ViewHost & ChosenHost & SyncHost;

export function attachLazyFeatures(host: LazyFeaturesHost, market: MarketplaceController): void {
  new LanguageController(host);
  new ViewSwitch(host, market);
  // After ViewSwitch: its catalogue gives way to the chosen solutions.
  new ChosenView(host, market);
  new ViewSync(host, market);
}
