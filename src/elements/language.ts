/**
 * The widget in the language it is in: the element's `lang`, else the
 * nearest ancestor's (across shadow roots), else the document's. Each
 * built-in language is a chunk of its own (translations/*.ts), fetched only
 * when a page uses it; an unknown language, or none, is English, the
 * defaults themselves, and fetches nothing. A `lang` changed at run time
 * (on the element, an ancestor or <html>) re-renders in the new language.
 *
 * This module is itself loaded lazily (lazy-features.ts), so an English page
 * pays nothing for it before its first cards.
 */
import type { ReactiveController, ReactiveElement } from 'lit';
import { chunk } from './chunk-import.ts';
import { formats } from './translations/formats.ts';
import type { Translation, WidgetMessages } from './translations/translation.ts';

/** The element, as this module sees it. */
export interface TranslatedHost extends ReactiveElement {
  /** The built-in translation in use; undefined for English. `messages` still wins over it. */
  _translation: WidgetMessages | undefined;
}

type Load = () => Promise<{ default: Translation }>;

/** The built-in languages, by primary language subtag. */
export const BUILT_IN_LANGUAGES: Readonly<Record<string, Load>> = {
  de: chunk(() => import('./translations/de.ts'), import.meta.url),
  es: chunk(() => import('./translations/es.ts'), import.meta.url),
  fr: chunk(() => import('./translations/fr.ts'), import.meta.url),
  ja: chunk(() => import('./translations/ja.ts'), import.meta.url),
  // Brazilian Portuguese, for any Portuguese page: closer to it than English.
  pt: chunk(() => import('./translations/pt-BR.ts'), import.meta.url),
};

/** The element's language tag: its own `lang`, an ancestor's, across shadow roots, up to <html>; '' when none says. */
export function languageOf(element: Element): string {
  for (let node: Element | undefined = element; node; node = (node.getRootNode() as Partial<ShadowRoot>).host) {
    const said = node.closest('[lang]');
    if (said) return said.getAttribute('lang')?.trim() ?? '';
  }
  return '';
}

/** The built-in language for a BCP 47 tag (`de-AT` is German), or undefined for English. */
export function builtInLanguage(tag: string): Load | undefined {
  const primary = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  return Object.hasOwn(BUILT_IN_LANGUAGES, primary) ? BUILT_IN_LANGUAGES[primary] : undefined;
}

/**
 * Follows the host's language: loads its translation as the host connects
 * and whenever a `lang` attribute changes on the way up, and re-renders.
 */
export class LanguageController implements ReactiveController {
  #observers: MutationObserver[] = [];
  /** The tag shown or being loaded. */
  #tag: string | undefined;

  constructor(private readonly host: TranslatedHost) {
    host.addController(this);
  }

  hostConnected(): void {
    // One observer per tree on the way up (the document, and each shadow
    // root the element sits in): a `lang` change anywhere in them may be an
    // ancestor's. Only `lang` attribute changes are delivered, so it costs
    // nothing while the page works.
    const onChange = () => this.#follow();
    for (let node: Node | undefined = this.host; node; node = (node.getRootNode() as Partial<ShadowRoot>).host) {
      const root = node.getRootNode();
      const observer = new MutationObserver(onChange);
      observer.observe(root instanceof Document ? root.documentElement : root, { attributes: true, attributeFilter: ['lang'], subtree: true });
      this.#observers.push(observer);
    }
    this.#follow();
  }

  hostDisconnected(): void {
    for (const observer of this.#observers) observer.disconnect();
    this.#observers = [];
  }

  #follow(): void {
    const tag = languageOf(this.host);
    if (tag === this.#tag) return;
    this.#tag = tag;
    const load = builtInLanguage(tag);
    if (!load) return this.#show(undefined);
    load().then(
      (language) => {
        // A newer lang won meanwhile: its own load shows it.
        if (this.#tag === tag) this.#show(language.default(formats(tag, tag.split(/[-_]/)[0])));
      },
      // The chunk did not load (offline, not deployed beside the bundle): English, and the next change tries again.
      () => {
        if (this.#tag === tag) {
          this.#tag = undefined;
          this.#show(undefined);
        }
      },
    );
  }

  #show(translation: WidgetMessages | undefined): void {
    if (this.host._translation === translation) return;
    this.host._translation = translation;
    this.host.requestUpdate();
  }
}
