/**
 * What the element adds once it exists, from a chunk of its own (the element
 * imports this module as it is created, so the first bundle carries none of
 * it): following the page's language (language.ts), the accounts view in
 * place of the catalogue (view-switch.ts), and the solutions a host chose
 * with `solution-id` (chosen/chosen-solutions.ts, whose load the controller
 * takes from here), every view of the widget in step (view-sync.ts), and "Show
 * all" on cards whose text is cut short (clamp-toggle.ts).
 */
import { ChosenView, type ChosenHost, type ChosenMarket } from './chosen/chosen-solutions.ts';
import { LanguageController, type TranslatedHost } from './language.ts';
import { ClampToggle, type ClampHost } from './clamp-toggle.ts';
import { ViewSwitch, type ViewHost, type ViewMarket } from './view-switch.ts';
import { ViewSync, type SyncHost, type SyncMarket } from './view-sync.ts';

export { loadChosen } from './chosen/chosen-solutions.ts';

export type LazyFeaturesHost = TranslatedHost & ViewHost & ChosenHost & SyncHost & ClampHost;

/** What the features use of the element's marketplace controller (named structurally, so this chunk imports nothing back from the controller that loads it). */
export type LazyFeaturesMarket = ViewMarket & ChosenMarket & SyncMarket;

export function attachLazyFeatures(host: LazyFeaturesHost, market: LazyFeaturesMarket): void {
  new LanguageController(host);
  new ViewSwitch(host, market);
  // After ViewSwitch: its catalogue gives way to the chosen solutions.
  new ChosenView(host, market);
  new ViewSync(host, market);
  new ClampToggle(host);
}
