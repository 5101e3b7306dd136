/**
 * What the actions (marketplace-actions.ts) lend each popup journey
 * (auth-flows.ts, setup-flows.ts): the one way an action runs on a card, and
 * the steps the journeys share. The journeys read and change everything
 * else in the marketplace state.
 */
import type { Solution, SolutionInstance } from '../services/types.ts';
import type { FocusTarget } from './outcome.ts';

export interface FlowActions {
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
