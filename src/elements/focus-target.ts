/**
 * Focus after a render: the button an outcome named, found on its card by
 * action (the slot's, when the action has one per slot, else the first).
 */
import type { CatalogView } from './catalog-view.ts';
import type { FocusTarget } from './outcome.ts';

/**
 * Focuses the button `want` names. Returns `want` while its card is not
 * rendered yet but is being revealed: focus it after the next update.
 */
export function focusButton(root: ParentNode, want: FocusTarget, catalog: Pick<CatalogView, 'revealFor'>): FocusTarget | undefined {
  const card = [...root.querySelectorAll<HTMLElement>('article')].find((article) => article.dataset.key === want.key);
  if (!card && catalog.revealFor(want.key)) return want;
  const buttons = [...(card?.querySelectorAll('button') ?? [])].filter((button) => button.dataset.action === want.action);
  (buttons.find((button) => button.dataset.slot === want.slot) ?? buttons[0])?.focus();
  return undefined;
}
