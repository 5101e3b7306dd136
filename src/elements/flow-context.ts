/**
 * What the marketplace's actions share: the settings they read, the
 * outcomes they report, what the controller lends the actions (it keeps the
 * data) and what the actions lend each popup journey (the one way an action
 * runs, and the shared steps).
 */
import type { TrayClient } from '../services/client.ts';
import type { ConfigErrors, VisibleSlot } from '../services/config-wizard.ts';
import type { TrayError } from '../services/errors.ts';
import type { Marketplace, Solution, SolutionInstance } from '../services/types.ts';
import { TrayErrorEvent } from '../events.ts';
import type { CardActivities } from './card-activity.ts';
import type { ConfigChoice } from './config-choice.ts';
import type { TrayMessages } from './messages.ts';
import type { UpgradeAuths } from './upgrade-auths.ts';

/** What the controller reads from its element: the element's public properties. */
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
  readonly autoEnable: boolean;
  readonly resolveConfig: ResolveConfig | undefined;
  readonly validateConfig: ValidateConfigHook | undefined;
}

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

/** Where keyboard focus goes once an action re-rendered its card: a button by action (and slot). */
export interface FocusTarget {
  key: string;
  action: string;
  slot?: string;
}

/**
 * What happened, for the element to tell the page and the person: a DOM
 * event to dispatch, words for the live region, a button to focus.
 */
export interface Outcome {
  event?: Event;
  say?: (m: TrayMessages) => string;
  focus?: FocusTarget;
}

export const errorEvent = ({ code, message, recoverable, status }: TrayError, instanceId: string | null = null) =>
  new TrayErrorEvent({ code, message, recoverable, instanceId, status: status ?? null });

/** What the controller lends the actions (marketplace-actions.ts): it keeps the data and the words. */
export interface ControllerAccess {
  readonly settings: MarketplaceSettings;
  readonly cards: CardActivities;
  /** What Tray said; setting it re-renders. */
  data: Marketplace;
  /** Aborted when the widget leaves the page. */
  readonly signal: AbortSignal;
  readonly config: ConfigChoice;
  readonly gathered: UpgradeAuths;
  report(outcome: Outcome): boolean;
  api(): TrayClient;
  /** Shows (or takes back) the in-card delete confirmation. */
  askDelete(instance: SolutionInstance, ask: boolean): void;
}

/** What a popup journey (auth-flows.ts, setup-flows.ts) gets from the actions. */
export interface FlowContext extends Pick<ControllerAccess, 'settings' | 'cards' | 'signal' | 'report' | 'api'> {
  readonly data: Marketplace;
  /**
   * Runs an action on a card: claims it, runs, settles, and on failure
   * reports, re-reads Tray and shows the error; then moves focus. Calls
   * `action` before any await, so it may open a popup inside the click.
   */
  run(
    key: string,
    action: () => Promise<FocusTarget | void>,
    focusAfterFailure?: (shownOn: readonly string[]) => FocusTarget | undefined,
  ): Promise<void>;
  /** Reports a failure on a card that no `run` holds, and re-reads. */
  fail(key: string, thrown: unknown): Promise<string[]>;
  instance(id: string): SolutionInstance | undefined;
  solutionOf(instance: SolutionInstance): Solution | undefined;
  /** Keeps the instance as Tray returned it. */
  put(instance: SolutionInstance): void;
  /** Enables after Tray's 2-second rule; throws when Tray would not. */
  enable(id: string, auto: boolean): Promise<void>;
  /** Deletes a connection left before any auth; true when it is gone. */
  abandon(id: string): Promise<boolean>;
  /** Deletes a new connection the user left (reported as abandoned); errors show on its card. */
  discard(id: string): Promise<void>;
}
