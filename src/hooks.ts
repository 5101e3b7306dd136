/**
 * The types of the element's settings, for a host that writes its own
 * hooks: `resolveConfig`, `validateConfig`, and the settings as the
 * element's parts read them.
 */
import type { ConfigErrors, VisibleSlot } from './services/config-wizard.ts';
import type { Solution } from './services/types.ts';

/**
 * The host's config values for a solution with config slots, keyed by slot
 * `externalId` (slots left out keep their default); undefined leaves the
 * settings to the user, in Tray's configuration wizard.
 */
export type ResolveConfig = (solution: Solution) => Promise<Record<string, unknown> | undefined> | Record<string, unknown> | undefined;

/** The host's check of what the user entered in the wizard: messages keyed by slot `externalId`, or nothing. */
export type ValidateConfigHook = (
  slots: VisibleSlot[],
  context: { solution: Solution; signal: AbortSignal },
) => ConfigErrors | undefined | Promise<ConfigErrors | undefined>;

/** The element's public properties, as the marketplace's parts read them. */
export interface MarketplaceSettings {
  readonly token: string | undefined;
  readonly fetchToken: (() => Promise<string>) | undefined;
  readonly fetchAuthCode: (() => Promise<string>) | undefined;
  readonly endpoint: string;
  readonly sessionEndpoint: string;
  readonly authCodeEndpoint: string;
  readonly region: string;
  readonly dialogOrigin: string | undefined;
  readonly embeddedId: string | undefined;
  readonly tags: readonly string[] | undefined;
  readonly solutionId: string | readonly string[] | undefined;
  readonly autoEnable: boolean;
  readonly resolveConfig: ResolveConfig | undefined;
  readonly validateConfig: ValidateConfigHook | undefined;
}
