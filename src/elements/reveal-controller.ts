/**
 * Renders a long list a screenful at a time: the first `initial` items at
 * once, then `step` more whenever a sentinel after the last rendered item
 * comes within `margin` of the viewport. Cards never rendered cost no DOM
 * and no heap, which is what keeps 1000 solutions within the widget's
 * budget (bench/README.md has the figures against content-visibility and a
 * virtualizer).
 *
 * It only ever appends below what is on screen, and never calls focus() or
 * scrolls: the user's focus and scroll position stay where they are. A
 * keyboard user who tabs to the last rendered card brings the sentinel into
 * view, so Tab reaches every card. Cards not yet rendered are not found by
 * the browser's find-in-page; the catalogue's search field covers that.
 *
 * Usage, in the host's render():
 *
 *   const shown = this.reveal.visible(solutions);
 *   html`<ul>${shown.map(card)}</ul>${this.reveal.sentinel(solutions.length)}`
 *
 * and `this.reveal.reset()` when the list is replaced (e.g. a new filter),
 * `this.reveal.reveal(i)` before moving focus to item `i`.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

export interface RevealOptions {
  /** Items rendered before any scrolling (default 48: more than a tall screen of cards), until `fit` measures a screenful. */
  initial?: number;
  /** Items added each time the sentinel nears the viewport (default 48). */
  step?: number;
  /** How far outside the viewport, in pixels, the sentinel already counts as near (default 800, below and above). */
  margin?: number;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode };

const SENTINEL = 'reveal-sentinel';

export class RevealController implements ReactiveController {
  private readonly host: Host;
  private initial: number;
  private readonly step: number;
  private readonly margin: number;
  private _count: number;
  /** How many items the last sentinel() call said there are. */
  private total = 0;
  private observer: IntersectionObserver | undefined;
  private observed: Element | null = null;
  private grew = false;

  constructor(host: Host, { initial = 48, step = 48, margin = 800 }: RevealOptions = {}) {
    this.host = host;
    this.initial = Math.max(1, initial);
    this.step = Math.max(1, step);
    this.margin = margin;
    this._count = this.initial;
    host.addController(this);
  }

  /** How many items are rendered now (at most). */
  get count(): number {
    return this._count;
  }

  /** The items to render now: the first `count`. */
  visible<T>(items: readonly T[]): readonly T[] {
    return items.length > this._count ? items.slice(0, this._count) : items;
  }

  /**
   * The element to render right after the list: invisible, and there only
   * while items remain unrendered. `total` is the list's full length.
   */
  sentinel(total: number): TemplateResult | typeof nothing {
    this.total = total;
    return total > this._count ? html`<div class=${SENTINEL} aria-hidden="true"></div>` : nothing;
  }

  /** Back to the first `initial` items, for a new list (a new search, a new filter). */
  reset(): void {
    if (this._count === this.initial) return;
    this._count = this.initial;
    this.host.requestUpdate();
  }

  /**
   * Makes the first screenful what this viewport needs, from the first
   * items as drawn in `list`: whole rows down to `margin` below the
   * viewport's bottom, as many items a row as the list has grid columns,
   * each row as tall as the first (taller rows later only leave a little
   * more for the sentinel to reveal). A small window gets a few cards
   * rather than 48, each of which costs the first load its build and layout.
   * Call it before the sentinel is rendered; it never takes back items
   * already in `list`.
   */
  fit(list: Element): void {
    const height = list.firstElementChild?.getBoundingClientRect().height ?? 0;
    // Not laid out (the widget in a hidden tab): nothing to measure, keep the default.
    if (!(height > 0)) return;
    const style = getComputedStyle(list);
    const gap = parseFloat(style.rowGap) || 0;
    const row = height + gap;
    const columns = style.display.endsWith('grid') ? style.gridTemplateColumns.split(' ').length : 1;
    const reach = window.innerHeight + this.margin - list.getBoundingClientRect().top;
    // Enough rows that the list ends (no gap after its last row) past the reach, so the sentinel waits for scrolling.
    const rows = Math.max(1, Math.floor((reach + gap) / row) + 1);
    this.initial = columns * rows;
    const count = Math.max(this.initial, list.childElementCount);
    if (count !== this._count) {
      this._count = count;
      this.host.requestUpdate();
    }
  }

  /** Renders at least up to item `index` (say, before focusing it). */
  reveal(index: number): void {
    if (index < this._count) return;
    this._count = index + 1;
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    const sentinel = this.host.renderRoot.querySelector(`.${SENTINEL}`);
    if (sentinel === this.observed && !this.grew) return;
    this.grew = false;
    this.observer?.disconnect();
    this.observed = sentinel;
    if (!sentinel) return;
    this.observer ??= new IntersectionObserver((entries) => this.onIntersect(entries), { rootMargin: `${this.margin}px 0px` });
    // observe() reports the sentinel's current state at once, so a list
    // still short of the viewport's bottom after growing grows again.
    this.observer.observe(sentinel);
  }

  hostConnected(): void {
    // Back on the page: observe the sentinel again once rendered.
    if (this.observed === null) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.observed = null;
  }

  private onIntersect(entries: IntersectionObserverEntry[]): void {
    if (!entries.some((entry) => entry.isIntersecting) || this._count >= this.total) return;
    this._count = Math.min(this.total, this._count + this.step);
    this.grew = true;
    this.host.requestUpdate();
  }
}
