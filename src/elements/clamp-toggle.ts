/**
 * "Show all" on a card whose title, description or tags are cut short
 * (styles.ts clamps them to a few lines). The button shows only while
 * something is cut short, or the card is open, and says which with
 * `aria-expanded`. Measured with a ResizeObserver, so a card that becomes
 * wider or narrower gains or loses its button.
 *
 * Which cards are open is kept by card key, not on the elements: the grid
 * reuses a card's elements for another solution when the filter changes.
 * The card template renders the button empty and hidden, so the first bundle
 * carries only that; its words, state and styles arrive here, with the
 * element's lazy features.
 *
 * One ResizeObserver for all cards, on their clamped boxes only; the boxes of
 * a card are measured once when it is drawn for a solution and again only
 * when they change size.
 */
import { css, type ReactiveController } from 'lit';
import { DEFAULT_CLAMP_MESSAGES, type ClampMessages } from './clamp-messages.ts';
import type { TranslatedHost } from './language.ts';

/** The element as this reads it: its language and the host's own `messages`. */
export interface ClampHost extends TranslatedHost {
  readonly messages: Partial<ClampMessages> | undefined;
}

/** The button and an open card, beside the element's own styles (which clamp the text). */
const TOGGLE_STYLES = css`
  .more {
    align-self: start;
    padding: 0;
    border: 0;
    text-decoration: underline;
  }
  [data-open] .clamp {
    -webkit-line-clamp: none;
  }
`;

export class ClampToggle implements ReactiveController {
  private readonly open = new Set<string>();
  /** The key each card showed when last measured. */
  private seen = new WeakMap<Element, string | undefined>();
  /** The words the buttons were last given. */
  private said: ClampMessages | undefined;
  // The clamped boxes, not the cards: showing the button changes a card's
  // size, and a callback that changes what it observes loops.
  private readonly observer = new ResizeObserver((entries) => {
    // All the measuring first, then only the changes: a write between two
    // reads would lay the page out again for every card.
    const cards = [...new Set(entries.map((entry) => entry.target.closest<HTMLElement>('article')))];
    const cut = cards.map((card) => !!card && [...card.querySelectorAll('.clamp')].some((box) => box.scrollHeight > box.clientHeight + 1));
    cards.forEach((card, i) => card && this.show(card, cut[i]!));
  });

  constructor(private readonly host: ClampHost) {
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
    const words = this.words();
    if (words.showAll !== this.said?.showAll || words.showLess !== this.said?.showLess) {
      // The language or the host's words changed: the buttons shown say the new ones.
      this.said = words;
      for (const button of root.querySelectorAll<HTMLButtonElement>('.more:not([hidden])')) this.label(button, words);
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
    if (!button.hidden) {
      // Which card's text it shows: the card's title (the grid may have drawn it for another solution).
      const title = card.getAttribute('aria-labelledby');
      if (title && button.getAttribute('aria-describedby') !== title) button.setAttribute('aria-describedby', title);
      this.label(button, this.said ?? this.words());
    }
  }

  private words(): ClampMessages {
    return { ...DEFAULT_CLAMP_MESSAGES, ...this.host._translation, ...this.host.messages };
  }

  private label(button: HTMLButtonElement, words: ClampMessages): void {
    const text = button.ariaExpanded === 'true' ? words.showLess : words.showAll;
    if (button.textContent !== text) button.textContent = text;
  }
}
