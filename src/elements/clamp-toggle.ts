/**
 * "Show all" on a card whose title, description or tags are cut short
 * (styles.ts clamps them to a few lines). The button shows only while
 * something is cut short, or the card is open, and says which with
 * `aria-expanded`. Measured with a ResizeObserver, so a card that becomes
 * wider or narrower gains or loses its button.
 *
 * Which cards are open is kept by card key, not on the elements: the grid
 * reuses a card's elements for another solution when the filter changes.
 * The card template renders the button hidden, so the first bundle carries
 * only that; this arrives with the element's lazy features.
 */
import { css, type ReactiveController, type ReactiveElement } from 'lit';

/** The button and an open card, beside the element's own styles (which clamp the text). */
const TOGGLE_STYLES = css`
  .more {
    align-self: start;
    padding: 0;
    border: 0;
    text-decoration: underline;
  }
  .more[aria-expanded='false'] > :last-child,
  .more[aria-expanded='true'] > :first-child {
    display: none;
  }
  [data-open] .clamp {
    -webkit-line-clamp: none;
  }
`;

export class ClampToggle implements ReactiveController {
  private readonly open = new Set<string>();
  /** The key each card showed when last measured. */
  private seen = new WeakMap<Element, string | undefined>();
  // The clamped boxes, not the cards: showing the button changes a card's
  // size, and a callback that changes what it observes loops.
  private readonly observer = new ResizeObserver((entries) => {
    // All the measuring first, then only the changes: a write between two
    // reads would lay the page out again for every card.
    const cards = [...new Set(entries.map((entry) => entry.target.closest<HTMLElement>('article')))];
    const cut = cards.map((card) => !!card && [...card.querySelectorAll('.clamp')].some((box) => box.scrollHeight > box.clientHeight + 1));
    cards.forEach((card, i) => card && this.show(card, cut[i]!));
  });

  constructor(private readonly host: ReactiveElement) {
    host.addController(this);
    // Clicks inside the shadow root reach the host retargeted; the path still starts at the button.
    host.addEventListener('click', (event) => {
      const button = (event.composedPath()[0] as Element).closest?.('.more');
      const card = button?.closest<HTMLElement>('article');
      const key = card?.dataset.key;
      if (!card || key === undefined) return;
      if (!this.open.delete(key)) this.open.add(key);
      // The button stays while the card is open; the observer measures again once it is drawn closed.
      this.show(card, true);
    });
    // The cards may be on screen already.
    host.requestUpdate();
  }

  hostUpdated(): void {
    const root = this.host.renderRoot;
    const sheet = TOGGLE_STYLES.styleSheet;
    if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) {
      // A constructed sheet: allowed under a strict CSP, as the element's own are.
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    for (const card of root.querySelectorAll<HTMLElement>('article')) {
      if (this.seen.has(card) && this.seen.get(card) === card.dataset.key) continue;
      this.seen.set(card, card.dataset.key);
      // Observing again delivers a first measurement at the next frame, after layout.
      for (const box of card.querySelectorAll('.clamp')) {
        this.observer.unobserve(box);
        this.observer.observe(box);
      }
    }
  }

  hostDisconnected(): void {
    this.observer.disconnect();
  }

  hostConnected(): void {
    // Measured again once back in a document.
    this.seen = new WeakMap();
  }

  /** Shows the card open or clamped, and its button if anything is `cut` short or the card is open. */
  private show(card: HTMLElement, cut: boolean): void {
    const button = card.querySelector<HTMLButtonElement>('.more');
    if (!button) return;
    const open = this.open.has(card.dataset.key ?? '');
    if (card.hasAttribute('data-open') !== open) card.toggleAttribute('data-open', open);
    if (button.ariaExpanded !== String(open)) button.ariaExpanded = String(open);
    if (button.hidden !== (!open && !cut)) button.hidden = !open && !cut;
  }
}
