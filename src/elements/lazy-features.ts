/**
 * What the element adds once it exists, from a chunk of its own (the element
 * imports this module as it is created, so the first bundle carries none of
 * it): following the page's language (language.ts).
 */
import { LanguageController, type TranslatedHost } from './language.ts';

export type LazyFeaturesHost = TranslatedHost;

export function attachLazyFeatures(host: LazyFeaturesHost): void {
  new LanguageController(host);
}
