/**
 * The marketplace's data and every action on it, as a Lit reactive
 * controller: the element only renders what this holds and turns the
 * outcomes it reports into DOM events, announcements and focus.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import { deepArrayEquals } from '@lit/task/deep-equals.js';
import * as tray from '../services/api.ts';
import { createClient, sleep, type TrayClient } from '../services/client.ts';
import { fetchSessionToken } from '../services/host-session.ts';
import { isTransient, toTrayError, TrayError } from '../services/errors.ts';
import type { AuthSlot, Marketplace, Solution, SolutionInstance } from '../services/types.ts';
import { TrayConnectEvent, TrayDeleteEvent, TrayDisableEvent, TrayEnableEvent, TrayLoadEvent } from '../events.ts';
import { AuthFlows } from './auth-flows.ts';
import { SetupFlows } from './setup-flows.ts';
import { autoEnables } from './model.ts';
import { CardActivities, IDLE, instanceKey, solutionKey } from './card-activity.ts';
import { errorEvent, type FlowContext, type FocusTarget, type MarketplaceSettings, type Outcome } from './flow-context.ts';

export type { FocusTarget, MarketplaceSettings, Outcome } from './flow-context.ts';
import { errorText, loadFailedText } from './messages.ts';

/** Tray asks for this pause between creating an instance and enabling it. */
const ENABLE_DELAY_MS = 2000;
const NOTHING_LOADED: Marketplace = { solutions: [], instances: [], authentications: [] };

export class MarketplaceController implements ReactiveController {
  /** The one home of what Tray said: the solutions, the user's instances and their auths. */
  #data = NOTHING_LOADED;
  #more: { loaded: number; total: number | null } | undefined;
  /** Counts load runs, so only the newest one's progress shows. */
  #loads = 0;
  /** What the widget is doing with each card. */
  readonly cards: CardActivities;
  /** When each instance created here arrived (Date.now()), for the enable delay. */
  readonly #createdAt = new Map<string, number>();
  /** Instances being deleted, so a cancel message and a closed window never delete twice. */
  readonly #deleting = new Set<string>();
  /** A token fetchToken brought; dropped when the host sets `token`. */
  #freshToken: string | undefined;
  #tokenSeen: string | undefined;
  #client: { endpoint: string; client: TrayClient } | undefined;
  #life = new AbortController();

  readonly #auth: AuthFlows;
  readonly #setup: SetupFlows;

  readonly load: Task<readonly [string, readonly string[], string | undefined, boolean, string], Marketplace>;

  constructor(
    private readonly host: ReactiveControllerHost & MarketplaceSettings,
    /** Tells the element; false when a listener cancelled the event (a request said no). */
    private readonly report: (outcome: Outcome) => boolean,
  ) {
    host.addController(this);
    this.cards = new CardActivities(() => host.requestUpdate());
    const context = this.#flowContext();
    this.#auth = new AuthFlows(context);
    this.#setup = new SetupFlows(context);
    this.load = new Task(host, {
      // With neither token nor fetchToken the token comes from the session
      // endpoint (the markup-only embed); a host that sets either later, as
      // frameworks often do, reloads with it (the first load is aborted).
      // Only whether fetchToken is set counts, so a framework passing a new
      // function each render does not reload.
      task: ([endpoint, tags], { signal }) => this.#loadPages(endpoint, tags, signal),
      args: () => [host.endpoint, host.tags ?? [], host.token, Boolean(host.fetchToken), host.sessionEndpoint] as const,
      argsEqual: deepArrayEquals,
      onComplete: (market) => {
        const counts = { solutions: market.solutions.length, instances: market.instances.length };
        this.report({ event: new TrayLoadEvent(counts), say: (m) => m.announceLoaded(counts.solutions) });
      },
      onError: (thrown) => {
        const error = toTrayError(thrown);
        if (error.code !== 'aborted') this.report({ event: errorEvent(error), say: (m) => loadFailedText(m, error) });
      },
    });
  }

  get data(): Marketplace {
    return this.#data;
  }

  /**
   * While the load runs: undefined until its first page is in (the element
   * shows the skeleton), then how many solutions are in and how many there
   * are (known only at the end), while later pages still load.
   */
  get more(): { loaded: number; total: number | null } | undefined {
    return this.#more;
  }

  /**
   * The marketplace page by page: the first page's cards show (and work) at
   * once, later pages append to the solutions. Instances and auths are
   * complete from the first page, and actions may change them meanwhile, so
   * a page only ever adds solutions. The task resolves when every page is in.
   */
  async #loadPages(endpoint: string, tags: readonly string[], signal: AbortSignal): Promise<Marketplace> {
    const run = ++this.#loads;
    this.#more = undefined;
    try {
      for await (const page of tray.marketplacePages(this.#api(endpoint), { tags }, signal)) {
        signal.throwIfAborted();
        if (page.first) this.cards.clear();
        const solutions = page.first ? page.solutions : [...this.#data.solutions, ...page.solutions];
        const rest = page.first ? page : this.#data;
        this.#more = { loaded: page.loaded, total: page.total };
        this.#setData({ solutions, instances: rest.instances, authentications: rest.authentications });
        // Said once, as the first cards show: the line under them counts on silently, and tray-load's words end it.
        if (page.first && !page.last) this.report({ say: (m) => m.loadingMore(page.loaded, page.total) });
      }
    } finally {
      // A superseded load ends after its successor began: leave the successor's progress be.
      if (run === this.#loads) this.#more = undefined;
    }
    return this.#data;
  }

  /** The auths gathered so far for upgrading `instanceId`, by slot externalId. */
  upgradeAuths(instanceId: string): Readonly<Record<string, string>> {
    return this.#auth.gathered.get(instanceId);
  }

  hostConnected(): void {
    if (this.#life.signal.aborted) this.#life = new AbortController();
  }

  hostDisconnected(): void {
    // Closes open dialogs and stops pending enables: nothing acts for a widget that is gone.
    this.#life.abort(new DOMException('The widget was removed.', 'AbortError'));
  }

  hostUpdate(): void {
    if (this.host.token !== this.#tokenSeen) this.#freshToken = undefined;
    this.#tokenSeen = this.host.token;
  }

  connect(solution: Solution): void {
    const key = solutionKey(solution.id);
    if (this.cards.busy(key)) return;
    if (!this.report({ event: new TrayConnectEvent({ solutionId: solution.id, phase: 'request' }) })) return;
    const next = (instanceCard: string): FocusTarget => ({
      key: instanceCard,
      action: solution.authSlots.length ? 'authorize' : 'toggle',
    });
    void this.#run(
      key,
      async () => {
        const configValues = await this.#setup.resolve(solution);
        // The host left the settings to the user: the card now offers Set up (the wizard), which opens inside a fresh click.
        if (solution.configSlots.length && !configValues) return { key, action: 'setup' };
        const input = { solutionId: solution.id, instanceName: solution.title, configValues };
        const instance = await tray.createInstance(this.#api(), input, this.#signal);
        this.#createdAt.set(instance.id, Date.now());
        this.#put(instance);
        this.report({
          event: new TrayConnectEvent({ solutionId: solution.id, phase: 'created', instanceId: instance.id }),
          say: (m) => m.announceConnected(solution.title),
        });
        // Nothing to authorize: the integration is complete as created.
        if (!solution.authSlots.length && this.host.autoEnable && autoEnables(solution)) {
          await this.#run(instanceKey(instance.id), () => this.#enable(instance.id, true));
        }
        return next(instanceKey(instance.id));
      },
      (shownOn) => (shownOn[0] && shownOn[0] !== key ? next(shownOn[0]) : { key, action: 'connect' }),
    );
  }

  /** Whether `solution` is connected through Tray's configuration wizard (Set up) rather than Connect. */
  usesWizard(solution: Solution): boolean {
    return this.#setup.usesWizard(solution);
  }

  /** Creates an integration as Tray's configuration wizard opens; enables it when the user finishes. */
  setUp(solution: Solution): void {
    this.#setup.setUp(solution);
  }

  /** Opens Tray's configuration wizard on an existing integration. */
  editSettings(instance: SolutionInstance): void {
    this.#setup.editSettings(instance);
  }

  /** Opens the dialog for an empty slot; once all are filled, enables (with `autoEnable`). */
  authorize(instance: SolutionInstance, slot: AuthSlot): void {
    this.#auth.authorize(instance, slot);
  }

  /** Replaces a slot's auth, then gives the new auth to every other instance that used the old one. */
  reconnect(instance: SolutionInstance, slot: AuthSlot): void {
    this.#auth.reconnect(instance, slot);
  }

  /** Gathers an auth for each slot the newer version needs, then upgrades in one call. */
  upgrade(instance: SolutionInstance, slot: AuthSlot): void {
    this.#auth.upgrade(instance, slot);
  }

  /** After a blocked popup: the user's fresh click opens the same dialog again. */
  continueBlocked(instance: SolutionInstance): void {
    this.#auth.continueBlocked(instance);
  }

  toggle(instance: SolutionInstance): void {
    const focus = { key: instanceKey(instance.id), action: 'toggle' };
    void this.#run(
      focus.key,
      async () => {
        if (!instance.enabled) {
          await this.#enable(instance.id, false);
        } else {
          const updated = await tray.updateInstance(this.#api(), { solutionInstanceId: instance.id, enabled: false }, this.#signal);
          this.#put(updated);
          const title = this.#titleOf(updated);
          this.report({ event: new TrayDisableEvent({ instanceId: updated.id }), say: (m) => m.announceDisabled(title) });
        }
        return focus;
      },
      () => focus,
    );
  }

  /** Shows (or takes back) the in-card delete confirmation. */
  askDelete(instance: SolutionInstance, ask: boolean): void {
    const key = instanceKey(instance.id);
    this.cards.set(key, ask ? { kind: 'confirming-delete' } : IDLE);
    this.report({ focus: { key, action: ask ? 'cancel-delete' : 'delete' } });
  }

  remove(instance: SolutionInstance): void {
    const { id } = instance;
    if (this.cards.busy(instanceKey(id)) || this.#deleting.has(id)) return;
    if (!this.report({ event: new TrayDeleteEvent({ instanceId: id, phase: 'request' }) })) return this.askDelete(instance, false);
    this.#deleting.add(id);
    void this.#run(instanceKey(id), async () => {
      await tray.removeInstance(this.#api(), id, this.#signal);
      this.#drop(id);
      const title = this.#titleOf(instance);
      this.report({ event: new TrayDeleteEvent({ instanceId: id, phase: 'deleted' }), say: (m) => m.announceDeleted(title) });
      const solution = this.#solutionOf(instance);
      return solution && { key: solutionKey(solution.id), action: 'connect' };
    }).finally(() => this.#deleting.delete(id));
  }

  /** What the flow modules may use: the data, the one way to run an action, the shared steps. */
  #flowContext(): FlowContext {
    const controller = this;
    return {
      settings: this.host,
      cards: this.cards,
      get data() {
        return controller.#data;
      },
      get signal() {
        return controller.#signal;
      },
      report: (outcome) => this.report(outcome),
      api: () => this.#api(),
      run: (key, action, focusAfterFailure) => this.#run(key, action, focusAfterFailure),
      fail: (key, thrown) => this.#fail(key, thrown),
      instance: (id) => this.#instance(id),
      solutionOf: (instance) => this.#solutionOf(instance),
      put: (instance) => this.#put(instance),
      enable: (id, auto) => this.#enable(id, auto),
      abandon: (id) => this.#abandon(id),
      discard: (id) => this.#discard(id),
    };
  }

  get #signal(): AbortSignal {
    return this.#life.signal;
  }

  #api(endpoint = this.host.endpoint): TrayClient {
    if (this.#client?.endpoint !== endpoint) {
      const client = createClient({
        endpoint,
        getToken: () => this.#freshToken ?? this.host.token,
        fetchToken: () => {
          const { fetchToken, token, sessionEndpoint } = this.host;
          if (fetchToken) return fetchToken();
          // A host that gives its own token has its own backend: no session endpoint to ask.
          if (token) {
            throw new TrayError(
              'token-rejected',
              'The integrations token is missing or was rejected: set a valid token property, or provide fetchToken.',
            );
          }
          return fetchSessionToken(sessionEndpoint, this.#signal);
        },
        onToken: (token) => (this.#freshToken = token),
      });
      this.#client = { endpoint, client };
    }
    return this.#client.client;
  }

  /**
   * The one way an action runs on a card: claims it (a second action while
   * it works is ignored: no double creates), runs, and settles it to what
   * it ends in (idle unless the action set another), or to the failure;
 * then focus goes where the action said. Synchronous up to the action's
   * first await, so an action may open a popup inside the user's click.
   */
  async #run(
    key: string,
    action: () => Promise<FocusTarget | void>,
    focusAfterFailure?: (shownOn: readonly string[]) => FocusTarget | undefined,
  ): Promise<void> {
    if (!this.cards.claim(key)) return;
    let focus: FocusTarget | undefined;
    try {
      focus = (await action()) ?? undefined;
      // Unless the action already moved the card on (deleted it, or the popup was blocked).
      if (this.cards.get(key).kind === 'working') this.cards.set(key, IDLE);
    } catch (thrown) {
      const shownOn = await this.#fail(key, thrown);
      focus = focusAfterFailure?.(shownOn);
    }
    if (focus) this.report({ focus });
  }

  /**
   * Reports a failure, re-reads Tray rather than guessing what happened, and
   * shows the failure on the card(s) it concerns; returns their keys.
   */
  async #fail(key: string, thrown: unknown): Promise<string[]> {
    const error = toTrayError(thrown);
    if (error.code === 'aborted') {
      this.cards.set(key, IDLE);
      return [];
    }
    const instanceId = key.startsWith('i:') ? key.slice(2) : null;
    this.report({ event: errorEvent(error, instanceId), say: (m) => errorText(m, error) });
    this.cards.set(key, { kind: 'checking', error });
    const shownOn = await this.#reread(key, error, instanceId);
    for (const card of shownOn) this.cards.set(card, { kind: 'failed', error });
    return shownOn;
  }

  /** After a failure, what Tray now has: the keys of the cards that should show it. */
  async #reread(key: string, error: TrayError, instanceId: string | null): Promise<string[]> {
    // A re-read with a rejected token would only fail again (and ask fetchToken a second time).
    if (error.code === 'token-rejected') return [key];
    try {
      if (instanceId) {
        const fresh = await tray.getInstance(this.#api(), instanceId, this.#signal);
        if (fresh) {
          this.#put(fresh);
          return [key];
        }
        const solutionId = this.#instance(instanceId)?.solution.id;
        this.#drop(instanceId);
        // The card now stands for the solution alone: the message moves with
        // it, so the user sees why the integration is gone.
        return solutionId ? [solutionKey(solutionId)] : [];
      }
      // A create whose answer was lost may still have happened in Tray: show
      // what it made, so a second Connect does not make a duplicate.
      if (isTransient(error)) {
        const found = await this.#findCreated(key.slice(2));
        if (found.length) {
          this.cards.set(key, IDLE);
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
    const market = await tray.loadMarketplace(this.#api(), { solutions: false }, this.#signal);
    const known = new Set(this.#data.instances.map((i) => i.id));
    const found = market.instances.filter((i) => i.solution.id === solutionId && !known.has(i.id));
    if (found.length) {
      this.#setData({ ...this.#data, instances: [...this.#data.instances, ...found], authentications: market.authentications });
    }
    return found;
  }

  /** Enables, never sooner than Tray's 2 seconds after the instance was created. */
  async #enable(id: string, auto: boolean): Promise<void> {
    // Our own clock when we created it; otherwise Tray's `created`, capped in
    // case the two clocks disagree.
    const created = this.#createdAt.get(id) ?? Date.parse(this.#instance(id)?.created ?? '');
    const wait = Math.min(ENABLE_DELAY_MS, created + ENABLE_DELAY_MS - Date.now());
    if (wait > 0) await sleep(wait, this.#signal);
    const input = { solutionInstanceId: id, enabled: true, errorOnEnablingWithMissingValues: true };
    const enabled = await tray.updateInstance(this.#api(), input, this.#signal);
    this.#put(enabled);
    if (!enabled.enabled) throw new TrayError('graphql', 'Tray did not enable the integration; check its services.');
    const title = this.#titleOf(enabled);
    this.report({ event: new TrayEnableEvent({ instanceId: id, auto }), say: (m) => m.announceEnabled(title) });
  }

  /** The user left a connection before any auth: delete it rather than leave an orphan. True when it is gone. */
  async #abandon(id: string): Promise<boolean> {
    const known = this.#instance(id);
    if (!known || known.authValues.length) return false;
    return this.#deleteOnce(id, false, async () => {
      // Confirm first: another tab may have authorized it meanwhile.
      const fresh = await tray.getInstance(this.#api(), id, this.#signal);
      if (fresh?.authValues.length) {
        this.#put(fresh);
        return false;
      }
      if (fresh) await this.#remove(id);
      else this.#drop(id);
      return true;
    });
  }

  /** A new connection the user left: delete it, whatever it holds, rather than leave an orphan. */
  async #discard(id: string): Promise<void> {
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
      await this.#fail(instanceKey(id), error);
      return otherwise;
    } finally {
      this.#deleting.delete(id);
    }
  }

  /** Deletes a connection the widget made and the user left. */
  async #remove(id: string): Promise<void> {
    await tray.removeInstance(this.#api(), id, this.#signal);
    this.#drop(id);
    this.report({ event: new TrayDeleteEvent({ instanceId: id, phase: 'deleted', reason: 'abandoned' }) });
  }

  #setData(data: Marketplace): void {
    this.#data = data;
    this.host.requestUpdate();
  }

  #instance(id: string): SolutionInstance | undefined {
    return this.#data.instances.find((i) => i.id === id);
  }

  #solutionOf(instance: SolutionInstance): Solution | undefined {
    return this.#data.solutions.find((s) => s.id === instance.solution.id);
  }

  #titleOf(instance: SolutionInstance): string {
    return this.#solutionOf(instance)?.title ?? instance.name;
  }

  /** The instance as Tray returned it, in place of the one known (or added). */
  #put(instance: SolutionInstance): void {
    const { instances } = this.#data;
    const known = instances.some((i) => i.id === instance.id);
    this.#setData({
      ...this.#data,
      instances: known ? instances.map((i) => (i.id === instance.id ? instance : i)) : [...instances, instance],
    });
  }

  #drop(id: string): void {
    this.#setData({ ...this.#data, instances: this.#data.instances.filter((i) => i.id !== id) });
    this.cards.set(instanceKey(id), IDLE);
    this.#auth.gathered.forget(id);
  }
}
