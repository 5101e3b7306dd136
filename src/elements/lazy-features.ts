/**
 * What the element adds once it exists, from a chunk of its own (the element
 * imports this module as it is created, so the first bundle carries none of
 * it): following the page's language (language.ts), and the accounts view
 * in place of the catalogue (view-switch.ts).
 */
import { LanguageController, type TranslatedHost } from './language.ts';
import { ViewSwitch, type ViewHost, type ViewMarket } from './view-switch.ts';

export type LazyFeaturesHost = TranslatedHost & ViewHost;

export function attachLazyFeatures(host: LazyFeaturesHost, market: ViewMarket): void {
  new LanguageController(host);
  new ViewSwitch(host, market);
}
