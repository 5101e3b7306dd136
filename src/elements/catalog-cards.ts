/**
 * The catalogue once its data is in: the toolbar, the cards in order (a
 * screenful at a time, through the CatalogView), what it says when there
 * are none or none match, and "Loading more…" while later pages arrive.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { SolutionInstance } from '../services/types.ts';
import { cardKey } from './card-activity.ts';
import { cardListItem } from './card.ts';
import type { CatalogView } from './catalog-view.ts';
import type { MarketplaceController } from './marketplace-controller.ts';
import type { MessagesShown } from './messages-in-use.ts';
import { NONE_GATHERED } from './upgrade-auths.ts';

/** `tags` is the element's filter; search and the screenful come from `catalog`. */
export function catalogCards(m: MessagesShown, market: MarketplaceController, catalog: CatalogView, tags: readonly string[]): TemplateResult {
  const { state, actions, more } = market;
  const { solutions, instances, authentications } = state.data;
  // A filter that matched nothing is not an empty catalogue: say which.
  if (!solutions.length) return tags.length ? html`<p part="empty no-match">${m.noMatch(tags)}</p>` : html`<p part="empty">${m.empty}</p>`;
  const { toolbar, shown, noResults } = catalog.filter(state.data, m);
  let n = 0;
  // The cards in order: each shown solution once per instance the user has of it, or once on its own.
  // Grouped once per render rather than scanned once per solution.
  const bySolution = new Map<string, SolutionInstance[]>();
  for (const instance of instances) {
    const list = bySolution.get(instance.solution.id);
    if (list) list.push(instance);
    else bySolution.set(instance.solution.id, [instance]);
  }
  const items = shown.flatMap((solution) => (bySolution.get(solution.id) ?? [undefined]).map((instance) => [solution, instance] as const));
  const keys = items.map(([solution, instance]) => cardKey(solution, instance));
  return html`${toolbar}${items.length
      ? html`<ul class="list" part="list">
            ${catalog.visible(items, keys).map(([solution, instance]) =>
              cardListItem(solution, instance, {
                m,
                activity: state.cards.get(cardKey(solution, instance)),
                usesWizard: state.config.usesWizard(solution),
                upgradeAuths: instance ? state.gathered.get(instance.id) : NONE_GATHERED,
                id: `c${n++}`,
                auths: authentications,
                actions,
              }),
            )}
          </ul>
          ${catalog.sentinel(items.length)}`
      : html`<p part="empty no-match">${noResults}</p>`}
    ${more ? html`<p part="loading-more">${m.loadingMore(more.loaded, more.total)}</p>` : nothing}`;
}
