/** The headless API: everything the element uses, usable without it. */
export { absoluteEndpoint, createClient, operationOf } from './client.ts';
export type { ClientOptions, RequestOptions, TrayClient } from './client.ts';
export {
  createInstance,
  getInstance,
  listAuthentications,
  loadMarketplace,
  marketplacePages,
  removeAuthentication,
  removeInstance,
  updateInstance,
  upgradeInstance,
} from './api.ts';
export type {
  CreateInstanceInput,
  FirstMarketplacePage,
  LaterMarketplacePage,
  MarketplaceOptions,
  MarketplacePage,
  UpdateInstanceInput,
} from './api.ts';
export { authDialogUrl, openAuthDialog } from './auth-dialog.ts';
export type { AuthDialog, AuthDialogOptions, AuthDialogResult, AuthDialogUrlParts } from './auth-dialog.ts';
export { configWizardUrl, openConfigWizard } from './config-wizard.ts';
export type {
  ConfigErrors,
  ConfigWizard,
  ConfigWizardOptions,
  ConfigWizardResult,
  ConfigWizardUrlParts,
  ValidateConfig,
  VisibleSlot,
} from './config-wizard.ts';
export type { DialogWindow } from './dialog-window.ts';
export { fetchAuthCodeFrom, fetchSessionToken } from './host-session.ts';
export { TrayError, isHostProblem, isTransient, isTrayError, toTrayError } from './errors.ts';
export type { TrayErrorCode } from './errors.ts';
export { DEFAULT_REGION, REGIONS, isRegion, regionInfo, resolveDialogOrigin } from './regions.ts';
export type { Region } from './regions.ts';
export { DOCUMENTS } from './documents.ts';
export type { OperationName } from './documents.ts';
export type * from './types.ts';
