/**
 * The grid's catalog features, for the element: the search toolbar and the
 * RevealController arrive in a lazily loaded chunk (catalog-ui.ts), imported
 * as the element connects, alongside its first data request (the script-tag
 * bundle has fetched it already as it ran: cdn.ts). The cards never
 * wait for it: until it is in, a box of the toolbar's size holds its place
 * (so nothing moves when it arrives) and a plain slice of the cards stands in
 * for the RevealController. Holds what the user searched for and which cards
 * the grid lists, so the element can reveal a card before focusing it.
 */
import { html, nothing, type LitElement, type ReactiveController } from 'lit';
import type { Marketplace, Solution } from '../services/types.ts';
import type { CatalogFilter } from './catalog-filter.ts';
import type { CatalogToolbarMessages } from './toolbar-messages.ts';
import { chunk } from './chunk-import.ts';
import type { RevealController } from './reveal-controller.ts';

/** The search and filter UI and the RevealController, loaded on first use (a separate chunk: see catalog-ui.ts). */
type CatalogUi = typeof import('./catalog-ui.ts');
/** Shared by every element on the page (and fetched early by the script-tag bundle, cdn.ts): one that connects after a failure imports it again. */
export const searchChunk = chunk(() => import('./catalog-ui.ts'), import.meta.url);

/**
 * A grid longer than this is revealed a screenful at a time. Also the cards
 * rendered before the RevealController has loaded (more than a tall screen);
 * with it, a screenful is what the window shows (RevealController.fit).
 */
export const SCREENFUL = 48;

/**
 * Cards in the very first render of a grid longer than a screenful: a few,
 * so they are painted right after the first page's round trip (48 cards and
 * the toolbar take 20 to 60 ms to build on a slow machine). Once that frame
 * is painted, the RevealController measures them and the rest of a screenful
 * follows, with the toolbar in its reserved place: they only add below, or
 * fill the place held for them, so nothing moves. A shorter grid renders at
 * once.
 */
export const FIRST_PAINT = 6;

/**
 * Where the toolbar goes, while its chunk loads: the toolbar's own boxes
 * (its styles are the element's, see styles.ts) with nothing in them, so the
 * toolbar takes exactly this space when it comes; `part="toolbar"` too, so a
 * host's `::part(toolbar)` sizes both alike. Inert: nothing to focus or read.
 */
const RESERVED_TOOLBAR = html`<div class="toolbar reserved" part="toolbar toolbar-reserved" aria-hidden="true" inert>
  <div class="search"><span>&nbsp;</span><input tabindex="-1" /></div>
  <div class="filters"><button type="button" class="chip" tabindex="-1">&nbsp;</button></div>
  <p class="results">&nbsp;</p>
</div>`;

export interface CatalogHost extends LitElement {
  readonly noSearch: boolean;
  /** The toolbar's accounts button sets it to `accounts`. */
  view: string | undefined;
}

export class CatalogView implements ReactiveController {
  /** What the user searched for and chose in the toolbar. */
  #filter: CatalogFilter = {};
  #ui: CatalogUi | undefined;
  #requested = false;
  #failed = false;
  /** Renders a screenful of cards, and more as the user scrolls; loaded with the search UI. */
  #reveal: RevealController | undefined;
  /** The keys of the cards the grid lists (rendered or not yet), in order. */
  #keys: string[] = [];
  /** How many of them the last render drew. */
  #drawn = 0;
  /** Whether the first cards are on screen, so the toolbar and the rest of the screenful may follow. */
  #painted = false;
  #waitingForPaint = false;

  constructor(private readonly host: CatalogHost) {
    host.addController(this);
  }

  hostConnected(): void {
    // Now, in parallel with the first data request: usually in before the first page.
    this.#load(0);
  }

  /**
   * Fetches the search UI's module, once: as the element connects, or under
   * `no-search` only once there are more than a screenful of cards.
   */
  #load(cards: number): void {
    if (this.#requested || (this.host.noSearch && cards <= SCREENFUL)) return;
    this.#requested = true;
    void searchChunk()
      .then((ui) => {
        this.#reveal = new ui.RevealController(this.host, { initial: SCREENFUL });
        this.#ui = ui;
        this.host.requestUpdate();
      })
      // The chunk could not load (not deployed next to the bundle, offline, or
      // something else answered in its place): the grid works without it,
      // every card rendered as before the chunk existed.
      .catch(() => {
        this.#failed = true;
        this.host.requestUpdate();
      });
  }

  /**
   * The toolbar (or its reserved place), the solutions it lets through, and
   * what to say when none does; `messages` are the element's, in its language
   * and with the host's overrides (the toolbar's own defaults fill the rest).
   */
  filter(data: Marketplace, messages: Partial<CatalogToolbarMessages>): { toolbar: unknown; shown: Solution[]; noResults: string } {
    const { solutions } = data;
    this.#load(solutions.length + data.instances.length);
    if (this.host.noSearch || this.#failed) return { toolbar: nothing, shown: solutions, noResults: '' };
    if (!this.#ui || this.#firstFrame(solutions.length)) return { toolbar: RESERVED_TOOLBAR, shown: solutions, noResults: '' };
    return this.#ui.searchView(this.host, data, this.#filter, messages, (filter) => {
      this.#filter = filter;
      // A new list: a screenful of it again, from its top.
      this.#reveal?.reset();
      this.host.requestUpdate();
    });
  }

  /** The items to render now, out of all the grid lists (`keys` in the same order). */
  visible<T>(items: readonly T[], keys: string[]): readonly T[] {
    this.#keys = keys;
    let shown = this.#reveal?.visible(items) ?? (this.#failed ? items : items.slice(0, SCREENFUL));
    if (this.#firstFrame(items.length)) shown = shown.slice(0, FIRST_PAINT);
    this.#drawn = shown.length;
    return shown;
  }

  /**
   * True while the first cards of a grid of more than a screenful (`count`)
   * are not painted yet; the first such call asks for a render once they are.
   * A frame callback runs just before that frame's paint, a task queued from it after.
   */
  #firstFrame(count: number): boolean {
    if (!this.#waitingForPaint && count <= SCREENFUL) this.#painted = true;
    if (!this.#painted && !this.#waitingForPaint) {
      this.#waitingForPaint = true;
      requestAnimationFrame(() =>
        setTimeout(() => {
          this.#painted = true;
          // The first cards are laid out: the rest of the screenful is what this window shows.
          const list = this.host.renderRoot.querySelector('.list');
          if (list) this.#reveal?.fit(list);
          this.host.requestUpdate();
        }),
      );
    }
    return !this.#painted;
  }

  /** The sentinel that reveals more as the user scrolls. */
  sentinel(count: number): unknown {
    // Not under the first few cards: it would reveal a second screenful at once.
    return (this.#painted && this.#reveal?.sentinel(count)) || nothing;
  }

  /** Renders up to the card `key` if it is listed but not rendered yet; true when the caller should wait a render. */
  revealFor(key: string): boolean {
    const index = this.#keys.indexOf(key);
    if (index < this.#drawn) return false;
    if (!this.#painted) {
      this.#painted = true;
      this.host.requestUpdate();
    }
    this.#reveal?.reveal(index);
    return true;
  }
}
