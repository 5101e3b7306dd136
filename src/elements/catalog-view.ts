/**
 * The grid's catalog features, for the element: the search toolbar and the
 * RevealController arrive in a lazily loaded chunk (catalog-ui.ts); until
 * then, or without it, a plain slice stands in. Holds what the user searched
 * for and which cards the grid lists, so the element can reveal a card before
 * focusing it.
 */
import { adoptStyles, nothing, type CSSResultOrNative, type LitElement } from 'lit';
import type { Solution, SolutionInstance } from '../services/types.ts';
import type { CatalogFilter } from './catalog-filter.ts';
import type { CatalogToolbarMessages } from './catalog-toolbar.ts';
import type { RevealController } from './reveal-controller.ts';

/** The search and filter UI and the RevealController, loaded on first use (a separate chunk: see catalog-ui.ts). */
type CatalogUi = typeof import('./catalog-ui.ts');

/** Cards rendered before the RevealController has loaded: its own first screenful (more than a tall screen). */
export const SCREENFUL = 48;

export interface CatalogHost extends LitElement {
  readonly noSearch: boolean;
  readonly messages: Partial<CatalogToolbarMessages> | undefined;
}

export class CatalogView {
  /** What the user searched for and chose in the toolbar. */
  #filter: CatalogFilter = {};
  #ui: CatalogUi | undefined;
  #requested = false;
  #failed = false;
  /** Renders a screenful of cards, and more as the user scrolls; loaded with the search UI. */
  #reveal: RevealController | undefined;
  /** The keys of the cards the grid lists (rendered or not yet), in order. */
  #keys: string[] = [];

  constructor(
    private readonly host: CatalogHost,
    private readonly styles: () => CSSResultOrNative[],
  ) {}

  /**
   * Fetches the search UI's module, once: at the first render with cards, or
   * with more than a screenful of them under `no-search`.
   */
  load(cards: number): void {
    if (this.#requested || (this.host.noSearch && cards <= SCREENFUL)) return;
    this.#requested = true;
    void import('./catalog-ui.ts').then(
      (ui) => {
        // Its styles join the element's (adopted stylesheets: no inline <style> for a strict CSP to refuse).
        if (this.host.shadowRoot) adoptStyles(this.host.shadowRoot, [...this.styles(), ui.catalogToolbarStyles]);
        this.#ui = ui;
        this.#reveal = new ui.RevealController(this.host, { initial: SCREENFUL });
        this.host.requestUpdate();
      },
      // The chunk could not load (not deployed next to the bundle, offline):
      // the grid works without it, every card rendered as before the chunk existed.
      () => {
        this.#failed = true;
        this.host.requestUpdate();
      },
    );
  }

  /**
   * Whether the grid may show: the toolbar goes above it, so the cards wait
   * for its chunk (asked for at the first render, it is usually in before
   * the data) rather than jump down under a click when it arrives.
   */
  get settled(): boolean {
    return this.host.noSearch || this.#ui !== undefined || this.#failed;
  }

  /** The toolbar, the solutions it lets through, and what to say when none does. */
  filter(solutions: Solution[], instances: SolutionInstance[]): { toolbar: unknown; shown: Solution[]; noResults: string } {
    this.load(solutions.length + instances.length);
    if (!this.#ui || this.host.noSearch) return { toolbar: nothing, shown: solutions, noResults: '' };
    return this.#ui.catalogView(this.host, solutions, instances, this.#filter, this.host.messages, (filter) => {
      this.#filter = filter;
      // A new list: a screenful of it again, from its top.
      this.#reveal?.reset();
      this.host.requestUpdate();
    });
  }

  /** The items to render now, out of all the grid lists (`keys` in the same order). */
  visible<T>(items: readonly T[], keys: string[]): readonly T[] {
    this.#keys = keys;
    return this.#reveal?.visible(items) ?? (this.#failed ? items : items.slice(0, SCREENFUL));
  }

  /** The sentinel that reveals more as the user scrolls. */
  sentinel(count: number): unknown {
    return this.#reveal?.sentinel(count) ?? nothing;
  }

  /** Renders up to the card `key` if it is listed but not rendered yet; true when the caller should wait a render. */
  revealFor(key: string): boolean {
    const index = this.#keys.indexOf(key);
    if (index < (this.#reveal?.count ?? SCREENFUL)) return false;
    this.#reveal?.reveal(index);
    return true;
  }
}
