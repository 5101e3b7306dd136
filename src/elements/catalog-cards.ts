/**
 * The catalogue once its data is in: the toolbar, the cards in order (a
 * screenful at a time, through the CatalogView), what it says when there
 * are none or none match, and "Loading more…" while later pages arrive
 * (or "Busy — trying again in N s" while one is waited out).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Solution, SolutionInstance } from '../services/types.ts';
import { cardKey } from './card-activity.ts';
import { cardListItem } from './card.ts';
import type { CatalogView } from './catalog-view.ts';
import type { CardActions } from './card-actions.ts';
import type { MarketplaceState } from './marketplace-state.ts';
import type { TrayMessages } from './messages.ts';
import type { MessagesShown } from './messages-in-use.ts';
import { NONE_GATHERED } from './upgrade-auths.ts';

type CardItem = readonly [Solution, SolutionInstance | undefined];

/**
 * What a list of cards needs of the marketplace controller, by its shape:
 * the chosen solutions' chunk draws cards too, and naming the controller
 * would close an import circle through the lazy features.
 */
export interface CardsMarket {
  readonly state: MarketplaceState;
  readonly actions: CardActions;
}

/**
 * The cards in order: each solution once per instance the user has of it,
 * or once on its own. Grouped once per render rather than scanned once per
 * solution.
 */
export function cardItems(solutions: readonly Solution[], instances: readonly SolutionInstance[]): CardItem[] {
  const bySolution = new Map<string, SolutionInstance[]>();
  for (const instance of instances) {
    const list = bySolution.get(instance.solution.id);
    if (list) list.push(instance);
    else bySolution.set(instance.solution.id, [instance]);
  }
  return solutions.flatMap((solution) => (bySolution.get(solution.id) ?? [undefined]).map((instance) => [solution, instance] as const));
}

/** One card of a list, drawn from what the marketplace state holds for it; `id` is unique within the shadow root. */
export function marketCard(market: CardsMarket, m: TrayMessages, [solution, instance]: CardItem, id: string): TemplateResult {
  const { state, actions } = market;
  return cardListItem(solution, instance, {
    m,
    activity: state.cards.get(cardKey(solution, instance)),
    usesWizard: state.config.usesWizard(solution),
    upgradeAuths: instance ? state.gathered.get(instance.id) : NONE_GATHERED,
    id,
    auths: state.data.authentications,
    actions,
  });
}

/** `tags` is the element's filter; search and the screenful come from `catalog`. */
export function catalogCards(m: MessagesShown, market: CardsMarket & { readonly more: { loaded: number; total: number | null } | undefined }, catalog: CatalogView, tags: readonly string[]): TemplateResult {
  const { state, more } = market;
  const { solutions, instances } = state.data;
  // A filter that matched nothing is not an empty catalogue: say which.
  if (!solutions.length) return tags.length ? html`<p part="empty no-match">${m.noMatch(tags)}</p>` : html`<p part="empty">${m.empty}</p>`;
  const { toolbar, shown, noResults } = catalog.filter(state.data, m);
  let n = 0;
  const items = cardItems(shown, instances);
  const keys = items.map(([solution, instance]) => cardKey(solution, instance));
  return html`${toolbar}${items.length
      ? html`<ul class="list" part="list">
            ${catalog.visible(items, keys).map((item) => marketCard(market, m, item, `c${n++}`))}
          </ul>
          ${catalog.sentinel(items.length)}`
      : html`<p part="empty no-match">${noResults}</p>`}
    ${more ? html`<p part="loading-more">${state.cards.busySeconds ? m.busyRetrying(state.cards.busySeconds) : m.loadingMore(more.loaded, more.total)}</p>` : nothing}`;
}
