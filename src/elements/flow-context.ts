/**
 * What the marketplace's action flows share: the settings they read, the
 * outcomes they report, and the context the controller hands each flow
 * module (the controller keeps the data and the one way an action runs).
 */
import type { TrayClient } from '../services/client.ts';
import type { TrayError } from '../services/errors.ts';
import type { Marketplace, Solution, SolutionInstance } from '../services/types.ts';
import { TrayErrorEvent } from '../events.ts';
import type { CardActivities } from './card-activity.ts';
import type { TrayMessages } from './messages.ts';

/** What the controller reads from its element: the element's public properties. */
export interface MarketplaceSettings {
  readonly token: string | undefined;
  readonly fetchToken: (() => Promise<string>) | undefined;
  readonly fetchAuthCode: (() => Promise<string>) | undefined;
  readonly endpoint: string;
  readonly region: string;
  readonly dialogOrigin: string | undefined;
  readonly embeddedId: string | undefined;
  readonly tags: readonly string[] | undefined;
  readonly autoEnable: boolean;
}

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

export const errorEvent = ({ code, message, recoverable }: TrayError, instanceId: string | null = null) =>
  new TrayErrorEvent({ code, message, recoverable, instanceId });

/** What a flow module gets from the controller. */
export interface FlowContext {
  readonly settings: MarketplaceSettings;
  readonly cards: CardActivities;
  readonly data: Marketplace;
  /** Aborted when the widget leaves the page. */
  readonly signal: AbortSignal;
  report(outcome: Outcome): boolean;
  api(): TrayClient;
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
}
