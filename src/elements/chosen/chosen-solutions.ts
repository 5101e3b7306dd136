/**
 * `solution-id`: only the solutions a host names, in its order. The load
 * pages through the catalogue until every id is found (the page on its way
 * is then aborted, and no later page is asked for); the view draws their
 * cards, as a grid or, with `layout="compact"`, as one-line rows for a
 * host's own settings page, with no search toolbar, and says so when an id
 * is not in the catalogue. Loaded with the lazy features (lazy-features.ts),
 * so a page without `solution-id` carries none of it.
 */
import { css, html, nothing, type ReactiveController } from 'lit';
import { TrayError } from '../../services/errors.ts';
import { marketplacePages } from '../../services/marketplace-pages.ts';
import type { Marketplace, Solution } from '../../services/types.ts';
import { errorEvent } from '../../events.ts';
import type { CardActions } from '../card-actions.ts';
import { cardItems, marketCard } from '../catalog-cards.ts';
import type { MarketplaceState } from '../marketplace-state.ts';
import type { TrayMessages } from '../messages.ts';
import { DEFAULT_CHOSEN_MESSAGES, type ChosenMessages } from './chosen-messages.ts';

/** The ids of `solution-id` (a comma-separated string, or a list), in order, each once. */
export const chosenIds = (value: unknown): string[] => [
  ...new Set(
    String(value ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  ),
];

/**
 * The chosen solutions, in the host's order, with the user's instances and
 * auths. Fires `tray-error` (`not-found`) when an id is not in the catalogue.
 */
export async function loadChosen(state: MarketplaceState, tags: readonly string[], value: string, signal: AbortSignal): Promise<Marketplace> {
  const ids = chosenIds(value);
  const found = new Map<string, Solution>();
  let rest: Pick<Marketplace, 'instances' | 'authentications'> = { instances: [], authentications: [] };
  for await (const page of marketplacePages(state.client, { tags }, signal)) {
    if (page.first) rest = page;
    for (const solution of page.solutions) if (ids.includes(solution.id)) found.set(solution.id, solution);
    // All found: leaving the loop aborts the page on its way, and no later page is asked for.
    if (found.size === ids.length) break;
  }
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) {
    // The ids are the host's own, so the host may read them; the person sees the short message.
    const error = new TrayError('not-found', `No solution ${missing.join(', ')} in the catalogue${tags.length ? ` with the tags ${tags.join(', ')}` : ''}.`);
    state.report({ event: errorEvent(error), say: (m) => ({ ...DEFAULT_CHOSEN_MESSAGES, ...m }).solutionNotFound });
  }
  return { solutions: ids.flatMap((id) => found.get(id) ?? []), instances: rest.instances, authentications: rest.authentications };
}

/**
 * One line per card: picture, title, state and buttons; what else the card
 * says (an error, "Working…") wraps below, and so does everything in a
 * narrow container. A constructed sheet, allowed under a strict CSP.
 */
const COMPACT_STYLES = css`
  .list.compact {
    grid-template-columns: 100%;
  }
  .compact .card {
    flex-flow: row wrap;
    align-items: center;
    column-gap: var(--tray-spacing, 1rem);
  }
  .compact .card > img {
    width: auto;
    max-width: 4rem;
    height: 2.5rem;
  }
  /* The title takes the row's room, the state beside it (a card of the grid has it under the title). */
  .compact h3 {
    flex: 1 1 8rem;
  }
  .compact .card > :is([part~='description'], [part~='tags'], [part~='services'], [part~='note']) {
    display: none;
  }
  .compact .card > p {
    flex-basis: 100%;
    order: 1;
  }
  .compact .actions {
    margin: 0;
  }
`;

export interface ChosenHost {
  readonly solutionId: string | readonly string[] | undefined;
  readonly layout: string | undefined;
  readonly view: string | undefined;
  _view: ((m: TrayMessages) => unknown) | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
  addController(controller: ReactiveController): void;
  requestUpdate(): void;
}

/** What the chosen view draws from and acts through: the marketplace controller's state and actions. */
export interface ChosenMarket {
  readonly state: MarketplaceState;
  readonly actions: CardActions;
}

/** Draws the chosen solutions in place of the catalogue while `solution-id` is set (the accounts view still wins). */
export class ChosenView implements ReactiveController {
  #styled = false;

  constructor(
    private readonly host: ChosenHost,
    private readonly market: ChosenMarket,
  ) {
    host.addController(this);
    // The element may have rendered before this module came.
    host.requestUpdate();
  }

  hostUpdate(): void {
    const { host } = this;
    const chosen = chosenIds(host.solutionId).length > 0;
    if (chosen && host.view !== 'accounts') {
      host._view = this.render;
      this.#style();
    } else if (host._view === this.render) {
      host._view = undefined;
    }
  }

  #style(): void {
    const root = this.host.renderRoot;
    if (this.#styled || !(root instanceof ShadowRoot) || !COMPACT_STYLES.styleSheet) return;
    this.#styled = true;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, COMPACT_STYLES.styleSheet];
  }

  readonly render = (m: TrayMessages): unknown => {
    const words: TrayMessages & ChosenMessages = { ...DEFAULT_CHOSEN_MESSAGES, ...m };
    const { solutions, instances } = this.market.state.data;
    const missing = chosenIds(this.host.solutionId).some((id) => !solutions.some((s) => s.id === id));
    const compact = this.host.layout === 'compact';
    let n = 0;
    const items = cardItems(solutions, instances);
    return html`${missing ? html`<p part="empty not-found">${words.solutionNotFound}</p>` : nothing}
    ${items.length
      ? html`<ul class="list ${compact ? 'compact' : ''}" part="list${compact ? ' list-compact' : ''}">
          ${items.map((item) => marketCard(this.market, m, item, `c${n++}`))}
        </ul>`
      : nothing}`;
  };
}
