/**
 * `tray-integrations`: the element class, its events, the headless services
 * and the types. Importing it registers nothing (no side effects): import
 * `tray-integrations/define` to register `<tray-integrations>`, or load the
 * script-tag bundle (`tray-integrations/cdn/tray-integrations.js`), which does.
 */
export { TrayIntegrationsElement } from './elements/tray-integrations.ts';
export { DEFAULT_MESSAGES } from './elements/messages.ts';
export type { TrayMessages } from './elements/messages.ts';
export type { WidgetMessages } from './elements/translations/translation.ts';
export type { ResolveConfig, ValidateConfigHook, MarketplaceSettings } from './hooks.ts';
export type { CatalogToolbarMessages } from './elements/catalog-toolbar.ts';
export * from './events.ts';
export * from './services/index.ts';
