/**
 * What only a large catalogue or the search toolbar needs, as one module the
 * element imports lazily (`import('./catalog-ui.ts')`): the toolbar with its
 * search and filters, and the RevealController that renders a long grid a
 * screenful at a time. Kept out of the script-tag bundle, which stays
 * within its budget: in that build this module is the sibling chunk
 * `dist/cdn/tray-integrations-catalog-ui.js` (see vite.config.ts), fetched as
 * the bundle runs (cdn.ts). With a bundler, a host with `no-search` and at
 * most a screenful of cards never imports it.
 */
import type { LitElement, TemplateResult } from 'lit';
import type { Marketplace, Solution } from '../services/types.ts';
import { catalogFacets, filterSolutions, type CatalogFacets, type CatalogFilter } from './catalog-filter.ts';
import { TOOLBAR_EXTRA_STYLES, renderCatalogToolbar } from './catalog-toolbar.ts';
import { DEFAULT_TOOLBAR_MESSAGES, type CatalogToolbarMessages } from './toolbar-messages.ts';

export { RevealController } from './reveal-controller.ts';

/** What the search toolbar makes of the catalogue: itself, and the solutions it lets through. */
export interface SearchView {
  /** The toolbar, to render above the grid. */
  toolbar: TemplateResult;
  /** The solutions the search and filters leave, in order. */
  shown: Solution[];
  /** What to say in place of the grid when `shown` is empty. */
  noResults: string;
}

/** The widget, as the toolbar sees it: its `view` is what the accounts button sets. */
export interface CatalogOwner extends LitElement {
  view: string | undefined;
}

/** Each widget's last filter run, kept while neither the data nor the filter changed (10 000 solutions). */
const last = new WeakMap<object, { from: unknown[]; shown: Solution[]; facets: CatalogFacets }>();

/**
 * How many accounts the user has: those Tray listed, and those an
 * integration holds that the list has not caught up with (a fresh
 * authorization). Counted here, not with the accounts view's model, so this
 * chunk and the view's share no module (which would be a third file).
 */
const accountCount = ({ instances, authentications }: Marketplace) =>
  new Set([...authentications.map((a) => a.id), ...instances.flatMap((i) => i.authValues.map((v) => v.authId))]).size;

/** The widgets whose shadow root has the toolbar's own styles. */
const styled = new WeakSet<object>();

/** The toolbar and what it leaves of the solutions in `data`, for the widget `owner`. */
export function searchView(
  owner: CatalogOwner,
  data: Marketplace,
  filter: CatalogFilter,
  overrides: Partial<CatalogToolbarMessages> | undefined,
  onChange: (filter: CatalogFilter) => void,
): SearchView {
  const { solutions, instances } = data;
  const root = owner.renderRoot;
  if (!styled.has(root) && root instanceof ShadowRoot && TOOLBAR_EXTRA_STYLES.styleSheet) {
    // A constructed sheet beside the element's own: allowed under a strict CSP.
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, TOOLBAR_EXTRA_STYLES.styleSheet];
    styled.add(root);
  }
  const from = [solutions, instances, filter];
  let run = last.get(owner);
  if (!run || run.from.some((input, i) => input !== from[i])) {
    // The chips change only with the solutions, not with each keystroke.
    const facets = run?.from[0] === solutions ? run.facets : catalogFacets(solutions);
    run = { from, shown: filterSolutions(solutions, instances, filter), facets };
    last.set(owner, run);
  }
  const messages = { ...DEFAULT_TOOLBAR_MESSAGES, ...overrides };
  const toolbar = renderCatalogToolbar({
    filter,
    facets: run.facets,
    shown: run.shown.length,
    total: solutions.length,
    messages,
    onChange,
    accounts: { count: accountCount(data), show: () => (owner.view = 'accounts') },
  });
  return { toolbar, shown: run.shown, noResults: messages.noResults };
}

