/**
 * Every action on the marketplace, and the recovery after one fails: Connect,
 * enable, disable and delete here, and the popup journeys in auth-flows.ts
 * and setup-flows.ts, which get the marketplace state and this class (as
 * their FlowActions). All of them read and change the marketplace state
 * (marketplace-state.ts) the controller lends them. The script-tag build
 * loads this module as a chunk of its own
 * (`tray-integrations-marketplace-actions.js`, fetched by card-actions.ts)
 * while the first data loads, so the bundle a page needs for its first cards
 * stays small.
 */
import * as tray from '../services/api.ts';
import { sleep } from '../services/client.ts';
import { isTransient, toTrayError, TrayError } from '../services/errors.ts';
import { instanceNameFor } from '../services/instance-name.ts';
import type { Solution, SolutionInstance } from '../services/types.ts';
import { errorEvent, TrayConnectEvent, TrayDeleteEvent, TrayDisableEvent, TrayEnableEvent } from '../events.ts';
import { openPopup } from '../services/dialog-window.ts';
import { AuthFlows } from './auth-flows.ts';
import { ConfigAnswers } from './config-answers.ts';
import { IDLE, instanceKey, parseCardKey, solutionKey } from './card-activity.ts';
import type { FlowActions } from './flow-actions.ts';
import { shouldAutoEnable } from './auto-enable.ts';
import type { MarketplaceState } from './marketplace-state.ts';
import { errorText } from './messages.ts';
import type { FocusTarget } from './outcome.ts';
import { SetupFlows } from './setup-flows.ts';

// The accounts view's Tray calls, taken from this chunk (loaded after the
// first cards anyway), so the operations on instances and auths stay one
// chunk rather than a third shared between this and the accounts view.
export { listAuthentications, removeAuthentication } from '../services/instances.ts';

/** Tray asks for this pause between creating an instance and enabling it. */
const ENABLE_DELAY_MS = 2000;

export class MarketplaceActions implements FlowActions {
  /** When each instance created here arrived (Date.now()), for the enable delay. */
  readonly #createdAt = new Map<string, number>();
  /** Instances being deleted, so a cancel message and a closed window never delete twice. */
  readonly #deleting = new Set<string>();
  readonly auth: AuthFlows;
  readonly setup: SetupFlows;
  /** The host's resolveConfig, asked ahead for each card drawn. */
  readonly config: ConfigAnswers;

  constructor(private readonly state: MarketplaceState) {
    this.config = new ConfigAnswers(state);
    this.auth = new AuthFlows(state, this);
    this.setup = new SetupFlows(state, this);
  }

  /**
   * Connect, in one click: the window for the dialog it needs opens inside
   * the click (the first service's sign-in, or the wizard when the host's
   * answer leaves the settings to the user); a solution with nothing to
   * authorize is created (and enabled) without one.
   */
  connect(solution: Solution): void {
    const key = solutionKey(solution.id);
    if (this.state.cards.busy(key)) return;
    // The card says Set up for these; a click that raced the answer still gets the wizard.
    if (this.state.config.usesWizard(solution)) return this.setup.setUp(solution);
    if (!this.state.report({ event: new TrayConnectEvent({ solutionId: solution.id, phase: 'request' }) })) return;
    const next = (instanceCard: string): FocusTarget => ({
      key: instanceCard,
      action: solution.authSlots.length ? 'authorize' : 'toggle',
    });
    const answer = this.config.answer(solution);
    void this.run(
      key,
      async () => {
        // With no host answer on its way, what to create is known now: the
        // integration and the first dialog's code are asked before the
        // window opens (opening one takes a while in some browsers).
        const known = !answer || answer.settled;
        const creatingNow = known ? this.#create(solution, answer?.values) : undefined;
        const code = known && solution.authSlots.length ? this.auth.codeAhead() : undefined;
        creatingNow?.catch(() => {}); // awaited below, or by the dialog
        // Before any await: a dialog will show unless the host's answer, still on its way, supplies settings for a solution with nothing to authorize.
        const popup = solution.authSlots.length || !known ? openPopup() : undefined;
        let configValues: Record<string, unknown> | undefined;
        try {
          configValues = await answer?.done;
        } catch (thrown) {
          popup?.close();
          throw thrown;
        }
        if (answer && !configValues) return this.setup.wizardIn(solution, popup ?? null);
        const creating = creatingNow ?? this.#create(solution, configValues);
        if (popup !== undefined && solution.authSlots.length) {
          await this.auth.first(solution, creating, popup, code);
          return;
        }
        popup?.close();
        const instance = await creating;
        // Nothing to authorize: the integration is complete as created.
        if (shouldAutoEnable(this.state.settings, solution)) {
          await this.run(instanceKey(instance.id), () => this.enable(instance.id, true));
        }
        return next(instanceKey(instance.id));
      },
      (shownOn) => (shownOn[0] && shownOn[0] !== key ? next(shownOn[0]) : { key, action: 'connect' }),
    );
  }

  /** Creates the integration and says so. */
  async #create(solution: Solution, configValues: Record<string, unknown> | undefined): Promise<SolutionInstance> {
    const input = { solutionId: solution.id, instanceName: instanceNameFor(solution.title), configValues };
    const instance = await tray.createInstance(this.state.client, input, this.state.signal);
    this.#createdAt.set(instance.id, Date.now());
    this.put(instance);
    this.state.report({
      event: new TrayConnectEvent({ solutionId: solution.id, phase: 'created', instanceId: instance.id }),
      say: (m) => m.announceConnected(solution.title),
    });
    return instance;
  }

  toggle(instance: SolutionInstance): void {
    const focus = { key: instanceKey(instance.id), action: 'toggle' };
    void this.run(
      focus.key,
      async () => {
        if (!instance.enabled) {
          await this.enable(instance.id, false);
        } else {
          const updated = await tray.updateInstance(this.state.client, { solutionInstanceId: instance.id, enabled: false }, this.state.signal);
          this.put(updated);
          const title = this.#titleOf(updated);
          this.state.report({ event: new TrayDisableEvent({ instanceId: updated.id }), say: (m) => m.announceDisabled(title) });
        }
        return focus;
      },
      () => focus,
    );
  }

  remove(instance: SolutionInstance): void {
    const { id } = instance;
    if (this.state.cards.busy(instanceKey(id)) || this.#deleting.has(id)) return;
    if (!this.state.report({ event: new TrayDeleteEvent({ instanceId: id, phase: 'request' }) })) return this.state.askDelete(instance, false);
    this.#deleting.add(id);
    void this.run(instanceKey(id), async () => {
      await tray.removeInstance(this.state.client, id, this.state.signal);
      this.#drop(id);
      const title = this.#titleOf(instance);
      this.state.report({ event: new TrayDeleteEvent({ instanceId: id, phase: 'deleted' }), say: (m) => m.announceDeleted(title) });
      const solution = this.solutionOf(instance);
      return solution && { key: solutionKey(solution.id), action: 'connect' };
    }).finally(() => this.#deleting.delete(id));
  }

  /**
   * The one way an action runs on a card: claims it (a second action while
   * it works is ignored: no double creates), runs, and settles it to what
   * it ends in (idle unless the action set another), or to the failure;
   * then focus goes where the action said. Synchronous up to the action's
   * first await, so an action may open a popup inside the user's click.
   */
  async run(
    key: string,
    action: () => Promise<FocusTarget | void>,
    focusAfterFailure?: (shownOn: readonly string[]) => FocusTarget | undefined,
  ): Promise<void> {
    if (!this.state.cards.claim(key)) return;
    let focus: FocusTarget | undefined;
    try {
      focus = (await action()) ?? undefined;
      // Unless the action already moved the card on (deleted it, or the popup was blocked).
      if (this.state.cards.get(key).kind === 'working') this.state.cards.set(key, IDLE);
    } catch (thrown) {
      const shownOn = await this.fail(key, thrown);
      focus = focusAfterFailure?.(shownOn);
    }
    if (focus) this.state.report({ focus });
  }

  /**
   * Reports a failure, re-reads Tray rather than guessing what happened, and
   * shows the failure on the card(s) it concerns; returns their keys.
   */
  async fail(key: string, thrown: unknown): Promise<string[]> {
    const error = toTrayError(thrown);
    if (error.code === 'aborted') {
      this.state.cards.set(key, IDLE);
      return [];
    }
    const instanceId = parseCardKey(key).instanceId ?? null;
    this.state.report({ event: errorEvent(error, instanceId), say: (m) => errorText(m, error) });
    this.state.cards.set(key, { kind: 'checking', error });
    const shownOn = await this.#reread(key, error, instanceId);
    for (const card of shownOn) this.state.cards.set(card, { kind: 'failed', error });
    return shownOn;
  }

  /** After a failure, what Tray now has: the keys of the cards that should show it. */
  async #reread(key: string, error: TrayError, instanceId: string | null): Promise<string[]> {
    // A re-read with a rejected token would only fail again (and ask fetchToken a second time).
    if (error.code === 'token-rejected') return [key];
    try {
      if (instanceId) {
        const fresh = await tray.getInstance(this.state.client, instanceId, this.state.signal);
        if (fresh) {
          this.put(fresh);
          return [key];
        }
        const solutionId = this.instance(instanceId)?.solution.id;
        this.#drop(instanceId);
        // The card now stands for the solution alone: the message moves with
        // it, so the user sees why the integration is gone.
        return solutionId ? [solutionKey(solutionId)] : [];
      }
      // A create whose answer was lost may still have happened in Tray: show
      // what it made, so a second Connect does not make a duplicate.
      if (isTransient(error)) {
        const found = await this.#findCreated(parseCardKey(key).solutionId!);
        if (found.length) {
          this.state.cards.set(key, IDLE);
          return found.map((instance) => instanceKey(instance.id));
        }
      }
    } catch {
      // The card keeps what it showed; the report above already says what failed.
    }
    return [key];
  }

  /** The user's instances of `solutionId` that Tray has and the widget does not. */
  async #findCreated(solutionId: string): Promise<SolutionInstance[]> {
    // The solutions are on screen already; only instances and auths may have changed.
    const market = await tray.loadMarketplace(this.state.client, { solutions: false }, this.state.signal);
    const known = new Set(this.state.data.instances.map((i) => i.id));
    const found = market.instances.filter((i) => i.solution.id === solutionId && !known.has(i.id));
    if (found.length) {
      this.state.data = { ...this.state.data, instances: [...this.state.data.instances, ...found], authentications: market.authentications };
    }
    return found;
  }

  /** Enables, never sooner than Tray's 2 seconds after the instance was created. */
  async enable(id: string, auto: boolean): Promise<void> {
    // Our own clock when we created it; otherwise Tray's `created`, capped in
    // case the two clocks disagree.
    const created = this.#createdAt.get(id) ?? Date.parse(this.instance(id)?.created ?? '');
    const wait = Math.min(ENABLE_DELAY_MS, created + ENABLE_DELAY_MS - Date.now());
    if (wait > 0) await sleep(wait, this.state.signal);
    const input = { solutionInstanceId: id, enabled: true, errorOnEnablingWithMissingValues: true };
    const enabled = await tray.updateInstance(this.state.client, input, this.state.signal);
    this.put(enabled);
    if (!enabled.enabled) throw new TrayError('graphql', 'Tray did not enable the integration; check its services.');
    const title = this.#titleOf(enabled);
    this.state.report({ event: new TrayEnableEvent({ instanceId: id, auto }), say: (m) => m.announceEnabled(title) });
  }

  /** The user left a connection before any auth: delete it rather than leave an orphan. True when it is gone. */
  async abandon(id: string): Promise<boolean> {
    const known = this.instance(id);
    if (!known || known.authValues.length) return false;
    return this.#deleteOnce(id, false, async () => {
      // Confirm first: another tab may have authorized it meanwhile.
      const fresh = await tray.getInstance(this.state.client, id, this.state.signal);
      if (fresh?.authValues.length) {
        this.put(fresh);
        return false;
      }
      if (fresh) await this.#remove(id);
      else this.#drop(id);
      return true;
    });
  }

  /** A new connection the user left: delete it, whatever it holds, rather than leave an orphan. */
  async discard(id: string): Promise<void> {
    await this.#deleteOnce(id, undefined, () => this.#remove(id));
  }

  /**
   * Runs one cleanup deletion of `id` at a time (a cancel message and a
   * closed window never delete twice); a failure shows on its card and
   * gives `otherwise`.
   */
  async #deleteOnce<T>(id: string, otherwise: T, work: () => Promise<T>): Promise<T> {
    if (this.#deleting.has(id)) return otherwise;
    this.#deleting.add(id);
    try {
      return await work();
    } catch (error) {
      await this.fail(instanceKey(id), error);
      return otherwise;
    } finally {
      this.#deleting.delete(id);
    }
  }

  /** Deletes a connection the widget made and the user left. */
  async #remove(id: string): Promise<void> {
    await tray.removeInstance(this.state.client, id, this.state.signal);
    this.#drop(id);
    this.state.report({ event: new TrayDeleteEvent({ instanceId: id, phase: 'deleted', reason: 'abandoned' }) });
  }

  instance(id: string): SolutionInstance | undefined {
    return this.state.data.instances.find((i) => i.id === id);
  }

  solutionOf(instance: SolutionInstance): Solution | undefined {
    return this.state.data.solutions.find((s) => s.id === instance.solution.id);
  }

  #titleOf(instance: SolutionInstance): string {
    return this.solutionOf(instance)?.title ?? instance.name;
  }

  /** The instance as Tray returned it, in place of the one known (or added). */
  put(instance: SolutionInstance): void {
    const { instances } = this.state.data;
    const known = instances.some((i) => i.id === instance.id);
    this.state.data = {
      ...this.state.data,
      instances: known ? instances.map((i) => (i.id === instance.id ? instance : i)) : [...instances, instance],
    };
  }

  #drop(id: string): void {
    this.state.data = { ...this.state.data, instances: this.state.data.instances.filter((i) => i.id !== id) };
    this.state.cards.set(instanceKey(id), IDLE);
    this.state.gathered.forget(id);
  }
}
