/** The headless API: everything the element uses, usable without it. */
export { absoluteEndpoint, createClient, operationOf } from './client.ts';
export type { ClientOptions, RequestOptions, TrayClient } from './client.ts';
export {
  createInstance,
  getInstance,
  loadMarketplace,
  marketplacePages,
  removeInstance,
  updateInstance,
  upgradeInstance,
} from './api.ts';
export type {
  FirstMarketplacePage,
  LaterMarketplacePage,
  MarketplaceOptions,
  MarketplacePage,
  UpdateInstanceInput,
} from './api.ts';
export { authDialogUrl, openAuthDialog } from './auth-dialog.ts';
export type { AuthDialog, AuthDialogOptions, AuthDialogResult, AuthDialogUrlParts } from './auth-dialog.ts';
export { TrayError, isTransient, isTrayError, toTrayError } from './errors.ts';
export type { TrayErrorCode } from './errors.ts';
export { DEFAULT_REGION, REGIONS, isRegion, regionInfo, resolveDialogOrigin } from './regions.ts';
export type { Region } from './regions.ts';
export { DOCUMENTS } from './documents.ts';
export type { OperationName } from './documents.ts';
export type * from './types.ts';
