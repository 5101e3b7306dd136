/**
 * The catalogue's search and filter UI, as one module the element imports
 * lazily (`import('./catalog-ui.ts')`) only when it shows the toolbar: a
 * host with `no-search` never downloads it, and the script-tag bundle stays
 * within its budget. In the script-tag ES build this module is the sibling
 * chunk `dist/cdn/tray-integrations-catalog-ui.js` (see vite.config.ts).
 */
export { catalogFacets, filterSolutions, isFilterEmpty, type CatalogFilter } from './catalog-filter.ts';
export { catalogToolbarStyles, DEFAULT_TOOLBAR_MESSAGES, renderCatalogToolbar } from './catalog-toolbar.ts';
