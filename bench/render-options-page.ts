/**
 * The page side of bench/render-options.ts: `<bench-cards>` renders
 * solutions with the widget's own card template and styles, in one of the
 * ways the widget could render a long catalogue. Bundled by esbuild for the
 * bench only; never shipped.
 */
import { LitElement, css, html } from 'lit';
import { renderCard } from '../src/elements/card.ts';
import type { CardActions } from '../src/elements/card-actions.ts';
import { IDLE } from '../src/elements/card-activity.ts';
import { DEFAULT_MESSAGES } from '../src/elements/messages.ts';
import { RevealController } from '../src/elements/reveal-controller.ts';
import { CatalogView } from '../src/elements/catalog-view.ts';
import { styles } from '../src/elements/styles.ts';
import type { Solution } from '../src/services/types.ts';

export type RenderMode = 'all cards' | 'content-visibility: auto' | 'RevealController' | 'RevealController, fitted';

/** What content-visibility would add to styles.ts: off-screen cards skip style, layout and paint. */
const contentVisibility = css`
  :host([mode='content-visibility: auto']) .list > li {
    content-visibility: auto;
    contain-intrinsic-size: auto 12rem;
  }
`;

class BenchCards extends LitElement {
  static override styles = [styles, contentVisibility];
  static override properties = { solutions: { attribute: false }, mode: { reflect: true } };
  declare solutions: Solution[];
  declare mode: RenderMode;
  private reveal = new RevealController(this);
  /** The element's own grid logic, without the toolbar: 6 cards in the first frame, then whole rows down to the reveal margin. */
  private catalog = new CatalogView(this);
  readonly noSearch = true;
  view: string | undefined;

  constructor() {
    super();
    this.solutions = [];
    this.mode = 'all cards';
  }

  protected override render() {
    // Asked only once there are cards, as the element does: its first frame is the first with cards.
    const fitted = this.mode === 'RevealController, fitted' && this.solutions.length > 0;
    // Under no-search the catalog view loads its RevealController only past a screenful: filter() says how many.
    if (fitted) this.catalog.filter({ solutions: this.solutions, instances: [], authentications: [] }, {});
    const shown =
      this.mode === 'RevealController'
        ? this.reveal.visible(this.solutions)
        : fitted
          ? this.catalog.visible(this.solutions, this.solutions.map((s) => s.id))
          : this.solutions;
    let n = 0;
    const noop = () => {};
    // Not-connected cards only show Connect; nothing is ever clicked here.
    const actions = { connect: noop, authorize: noop, reconnect: noop, upgrade: noop, continueBlocked: noop, toggle: noop, askDelete: noop, remove: noop } as unknown as CardActions;
    return html`<div class="base">
      <ul class="list">
        ${shown.map(
          (solution) =>
            html`<li>
              ${renderCard(solution, undefined, {
                m: DEFAULT_MESSAGES,
                activity: IDLE,
                usesWizard: false,
                upgradeAuths: {},
                id: `c${n++}`,
                auths: [],
                actions,
              })}
            </li>`,
        )}
      </ul>
      ${this.mode === 'RevealController' ? this.reveal.sentinel(this.solutions.length) : fitted ? this.catalog.sentinel(this.solutions.length) : ''}
    </div>`;
  }
}
customElements.define('bench-cards', BenchCards);
