/**
 * Every string of the search toolbar, in English; a host overrides any of
 * them (e.g. to translate) the way it overrides the element's other
 * messages. A file apart from the toolbar's code, so that the package can
 * export them beside `DEFAULT_MESSAGES` without the toolbar itself.
 */
export const DEFAULT_TOOLBAR_MESSAGES = {
  /** The search field's visible label. */
  searchLabel: 'Search integrations',
  /** A hint inside the empty field (the label above stays the field's name). */
  searchPlaceholder: 'Name, description or tag',
  /** Names the group of all filter chips. */
  filtersLabel: 'Filters',
  tagsLabel: 'Tags',
  categoriesLabel: 'Categories',
  connectionLabel: 'Status',
  connected: 'Connected',
  notConnected: 'Not connected',
  /** A tag or category chip: its name and how many loaded solutions have it. */
  facet: (value: string, count: number) => `${value} (${count})`,
  clearFilters: 'Clear filters',
  /** In place of the grid when the search and filters leave nothing. */
  noResults: 'No integrations match the search and filters.',
  /** The status line, announced politely when it changes. */
  results: (shown: number, total: number) =>
    shown === total ? `${total} integrations` : `${shown} of ${total} integrations shown`,
  /** The button that shows the user's connected accounts in place of the catalogue. */
  showAccounts: (count: number) => `Connected accounts (${count})`,
};

export type CatalogToolbarMessages = typeof DEFAULT_TOOLBAR_MESSAGES;
