/**
 * The script-tag bundle's entry: registers `<tray-integrations>` on load (a
 * second copy on the same page leaves the first registration alone) and
 * exports what a page without a bundler needs around the element, as the
 * module's exports for `<script type="module">` and as the
 * `TrayIntegrations` global for the classic-script (IIFE) build: the element
 * class, its events, `DEFAULT_MESSAGES` and the error type. The headless
 * services come from the npm package (`tray-integrations`): left out here,
 * the dialogs' code stays in the chunk the widget loads after its first cards.
 */
export { TAG, TrayIntegrationsElement } from './define.ts';
export * from './events.ts';
export { DEFAULT_MESSAGES } from './elements/messages.ts';
export type { TrayMessages } from './elements/messages.ts';
export type { WidgetMessages } from './elements/translations/translation.ts';
export type { ResolveConfig, ValidateConfigHook, MarketplaceSettings } from './hooks.ts';
// The toolbar's and the accounts view's English defaults are values of the
// npm package only: in this bundle they cost about 190 bytes gzipped on every
// page, for a key list that a translator reads once. Their types are here.
export type { CatalogToolbarMessages } from './elements/toolbar-messages.ts';
export type { AccountMessages } from './elements/accounts/account-messages.ts';
export type { ChosenMessages } from './elements/chosen/chosen-messages.ts';
export type { ClampMessages } from './elements/clamp-messages.ts';
export { TrayError, isTrayError } from './services/errors.ts';
export type { TrayErrorCode } from './services/errors.ts';
import { actionsChunk } from './elements/card-actions.ts';
import { searchChunk } from './elements/catalog-view.ts';

// Both chunks are fetched as this script runs rather than as the element
// connects: a framework often mounts the element well after its scripts ran
// (a settings route), and then they are already in. Fetched later, they
// arrived while the first page rendered and held that render back (the
// first card at 0 ms latency 5 to 12 ms later; bench/README.md). A failure
// here is the element's to handle: its own import is then a retry, under a
// URL of its own (chunk-import.ts).
void searchChunk().catch(() => {});
void actionsChunk().catch(() => {});
