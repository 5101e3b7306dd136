/**
 * `tray-integrations`: the element class, its events, the headless services
 * and the types. Importing it registers nothing (no side effects): import
 * `tray-integrations/define` to register `<tray-integrations>`, or load the
 * script-tag bundle (`tray-integrations/cdn/tray-integrations.js`), which does.
 */
export { TrayIntegrationsElement } from './elements/tray-integrations.ts';
// The English defaults: together, every key of `WidgetMessages`.
export { DEFAULT_MESSAGES, type TrayMessages } from './elements/messages.ts';
export { DEFAULT_TOOLBAR_MESSAGES, type CatalogToolbarMessages } from './elements/toolbar-messages.ts';
export { DEFAULT_ACCOUNT_MESSAGES, type AccountMessages } from './elements/accounts/account-messages.ts';
export { DEFAULT_CHOSEN_MESSAGES, type ChosenMessages } from './elements/chosen/chosen-messages.ts';
export { DEFAULT_CLAMP_MESSAGES, type ClampMessages } from './elements/clamp-messages.ts';
export type { WidgetMessages } from './elements/translations/translation.ts';
export type { ResolveConfig, ValidateConfigHook, MarketplaceSettings } from './hooks.ts';
export * from './events.ts';
export * from './services/index.ts';
