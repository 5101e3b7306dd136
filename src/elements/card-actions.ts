/**
 * What a card's buttons do: each runs its action in the actions' chunk
 * (marketplace-actions.ts), which is fetched here, as the first cards come
 * in (a chunk of its own in the script-tag build, so the bundle a page needs
 * for its first cards stays small).
 */
import { toTrayError, TrayError } from '../services/errors.ts';
import type { AuthSlot, Solution, SolutionInstance } from '../services/types.ts';
import { errorEvent } from '../events.ts';
import { IDLE, instanceKey, solutionKey } from './card-activity.ts';
import { chunk } from './chunk-import.ts';
import type { MarketplaceActions } from './marketplace-actions.ts';
import { errorText } from './messages.ts';
import type { MarketplaceState } from './marketplace-state.ts';

/** The actions' chunk, shared by every element on the page (and fetched early by the script-tag bundle, cdn.ts). */
export const actionsChunk = chunk(() => import('./marketplace-actions.ts'), import.meta.url);

export class CardActions {
  /** The actions, once their module is in. */
  #actions: MarketplaceActions | undefined;
  #loading: Promise<MarketplaceActions> | undefined;

  constructor(private readonly state: MarketplaceState) {}

  /** Creates an integration (with the host's settings, if it has config slots); enables it when complete. */
  connect(solution: Solution): void {
    this.#act(solutionKey(solution.id), (actions) => actions.connect(solution));
  }

  /** Creates an integration as Tray's configuration wizard opens; enables it when the user finishes. */
  setUp(solution: Solution): void {
    this.#act(solutionKey(solution.id), (actions) => actions.setup.setUp(solution));
  }

  /** Opens Tray's configuration wizard on an existing integration. */
  editSettings(instance: SolutionInstance): void {
    this.#act(instanceKey(instance.id), (actions) => actions.setup.editSettings(instance));
  }

  /** Opens the dialog for an empty slot; once all are filled, enables (with `autoEnable`). */
  authorize(instance: SolutionInstance, slot: AuthSlot): void {
    this.#act(instanceKey(instance.id), (actions) => actions.auth.authorize(instance, slot));
  }

  /** Replaces a slot's auth, then gives the new auth to every other instance that used the old one. */
  reconnect(instance: SolutionInstance, slot: AuthSlot): void {
    this.#act(instanceKey(instance.id), (actions) => actions.auth.reconnect(instance, slot));
  }

  /** Gathers an auth for each slot the newer version needs, then upgrades in one call. */
  upgrade(instance: SolutionInstance, slot: AuthSlot): void {
    this.#act(instanceKey(instance.id), (actions) => actions.auth.upgrade(instance, slot));
  }

  /** After a blocked popup: the user's fresh click opens the same dialog again. */
  continueBlocked(instance: SolutionInstance): void {
    this.#act(instanceKey(instance.id), (actions) => actions.auth.continueBlocked(instance));
  }

  /** Enables a disabled integration, or disables an enabled one. */
  toggle(instance: SolutionInstance): void {
    this.#act(instanceKey(instance.id), (actions) => actions.toggle(instance));
  }

  /** Deletes the integration (after the confirmation `askDelete` showed). */
  remove(instance: SolutionInstance): void {
    this.#act(instanceKey(instance.id), (actions) => actions.remove(instance));
  }

  /** Shows (or takes back) the in-card delete confirmation. */
  askDelete(instance: SolutionInstance, ask: boolean): void {
    this.state.askDelete(instance, ask);
  }

  /**
   * Runs an action: at once when the actions are in (as they nearly always
   * are: they load as the first page arrives), so a popup opens inside the
   * click. A click that beats them shows its card working until they
   * arrive; browsers still allow a popup for some seconds after a click.
   */
  #act(key: string, action: (actions: MarketplaceActions) => void): void {
    if (this.#actions) return action(this.#actions);
    const { cards, report } = this.state;
    if (!cards.claim(key)) return;
    this.load().then(
      (actions) => {
        cards.set(key, IDLE);
        action(actions);
      },
      (thrown: unknown) => {
        const error = toTrayError(thrown);
        report({ event: errorEvent(error), say: (m) => errorText(m, error) });
        cards.set(key, { kind: 'failed', error });
      },
    );
  }

  /** The actions' module, fetched once (and again, under a URL of its own, on the next click after a failure). */
  load(): Promise<MarketplaceActions> {
    this.#loading ??= actionsChunk()
      .then(({ MarketplaceActions }) => (this.#actions = new MarketplaceActions(this.state)))
      // Not fetched (offline, not deployed beside the bundle) or not the module
      // (something else answered in its place): the next click tries again.
      .catch(() => {
        this.#loading = undefined;
        throw new TrayError('network', 'Part of the widget could not be loaded. Check your connection and try again.');
      });
    return this.#loading;
  }
}
