/**
 * The marketplace's data and the way into every action on it, as a Lit
 * reactive controller: the element only renders what this holds and turns
 * the outcomes it reports into DOM events, announcements and focus. The
 * actions themselves live in marketplace-actions.ts, fetched as the widget
 * connects (a chunk of its own in the script-tag build).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import { deepArrayEquals } from '@lit/task/deep-equals.js';
import { marketplacePages } from '../services/marketplace-pages.ts';
import { createClient, type TrayClient } from '../services/client.ts';
import { fetchSessionToken } from '../services/host-session.ts';
import { toTrayError, TrayError } from '../services/errors.ts';
import type { AuthSlot, Marketplace, Solution, SolutionInstance } from '../services/types.ts';
import { TrayLoadEvent } from '../events.ts';
import type { MarketplaceActions } from './marketplace-actions.ts';
import { CardActivities, IDLE, instanceKey, solutionKey } from './card-activity.ts';
import { ConfigChoice } from './config-choice.ts';
import { errorEvent, type ControllerAccess, type MarketplaceSettings, type Outcome } from './flow-context.ts';
import { errorText, loadFailedText } from './messages.ts';
import { PacedUpdate } from './paced-update.ts';
import { UpgradeAuths } from './upgrade-auths.ts';

export type { FocusTarget, MarketplaceSettings, Outcome } from './flow-context.ts';

const NOTHING_LOADED: Marketplace = { solutions: [], instances: [], authentications: [] };

export class MarketplaceController implements ReactiveController {
  /** The one home of what Tray said: the solutions, the user's instances and their auths. */
  #data = NOTHING_LOADED;
  #more: { loaded: number; total: number | null } | undefined;
  /** Counts load runs, so only the newest one's progress shows. */
  #loads = 0;
  /** What the widget is doing with each card. */
  readonly cards: CardActivities;
  /** Whether each solution's settings come from the host or the wizard. */
  readonly #config: ConfigChoice;
  /** Auths gathered for upgrades: the cards show them, the upgrade journey adds to them. */
  readonly #gathered = new UpgradeAuths();
  /** The actions (marketplace-actions.ts), once their module is in. */
  #actions: MarketplaceActions | undefined;
  #actionsLoading: Promise<MarketplaceActions> | undefined;
  /** A token fetchToken brought; dropped when the host sets `token`. */
  #freshToken: string | undefined;
  #tokenSeen: string | undefined;
  #client: { endpoint: string; client: TrayClient } | undefined;
  #life = new AbortController();
  /** Renders for the pages after the first: at most four a second (see PacedUpdate). */
  readonly #pagesShown = new PacedUpdate(() => this.host.requestUpdate(), 250);

  readonly load: Task<readonly [string, readonly string[], string | undefined, boolean, string], Marketplace>;

  constructor(
    private readonly host: ReactiveControllerHost & MarketplaceSettings,
    /** Tells the element; false when a listener cancelled the event (a request said no). */
    private readonly report: (outcome: Outcome) => boolean,
  ) {
    host.addController(this);
    this.cards = new CardActivities(() => host.requestUpdate());
    this.#config = new ConfigChoice({ settings: host, report });
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
      for await (const page of marketplacePages(this.#api(endpoint), { tags }, signal)) {
        signal.throwIfAborted();
        if (page.first) {
          this.cards.clear();
          // Fetched once the first cards are in (not sooner: the first page's answer and render come first), before anyone can press their buttons;
          // the script-tag bundle has fetched it already as it ran (cdn.ts).
          this.#loadActions().catch(() => {});
        }
        const solutions = page.first ? page.solutions : [...this.#data.solutions, ...page.solutions];
        const rest = page.first ? page : this.#data;
        this.#more = { loaded: page.loaded, total: page.total };
        this.#data = { solutions, instances: rest.instances, authentications: rest.authentications };
        // The first cards show at once; later pages only add below them and to the count, a few times a second.
        if (page.first) this.#pagesShown.now();
        else this.#pagesShown.request();
        // Said once, as the first cards show: the line under them counts on silently, and tray-load's words end it.
        if (page.first && !page.last) this.report({ say: (m) => m.loadingMore(page.loaded, page.total) });
      }
    } finally {
      // A superseded load ends after its successor began: leave the successor's progress be.
      if (run === this.#loads) {
        this.#more = undefined;
        // The Task renders the end (complete or failed) itself.
        this.#pagesShown.cancel();
      }
    }
    return this.#data;
  }

  /** The auths gathered so far for upgrading `instanceId`, by slot externalId. */
  upgradeAuths(instanceId: string): Readonly<Record<string, string>> {
    return this.#gathered.get(instanceId);
  }

  /** Whether `solution` is connected through Tray's configuration wizard (Set up) rather than Connect. */
  usesWizard(solution: Solution): boolean {
    return this.#config.usesWizard(solution);
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
    const key = instanceKey(instance.id);
    this.cards.set(key, ask ? { kind: 'confirming-delete' } : IDLE);
    this.report({ focus: { key, action: ask ? 'cancel-delete' : 'delete' } });
  }

  /**
   * Runs an action: at once when the actions are in (as they nearly always
   * are: they load as the first page arrives), so a popup opens inside the
   * click. A click that beats them shows its card working until they
   * arrive; browsers still allow a popup for some seconds after a click.
   */
  #act(key: string, action: (actions: MarketplaceActions) => void): void {
    if (this.#actions) return action(this.#actions);
    if (!this.cards.claim(key)) return;
    this.#loadActions().then(
      (actions) => {
        this.cards.set(key, IDLE);
        action(actions);
      },
      (thrown: unknown) => {
        const error = toTrayError(thrown);
        this.report({ event: errorEvent(error), say: (m) => errorText(m, error) });
        this.cards.set(key, { kind: 'failed', error });
      },
    );
  }

  /** The actions' module, fetched once (and again on the next click after a failure). */
  #loadActions(): Promise<MarketplaceActions> {
    this.#actionsLoading ??= import('./marketplace-actions.ts')
      .then(({ MarketplaceActions }) => (this.#actions = new MarketplaceActions(this.#access())))
      // Not fetched (offline, not deployed beside the bundle) or not the module
      // (something else answered in its place): the next click tries again.
      .catch(() => {
        this.#actionsLoading = undefined;
        throw new TrayError('network', 'Part of the widget could not be loaded. Check your connection and try again.');
      });
    return this.#actionsLoading;
  }

  /** What the actions may use: the data (replacing it re-renders) and what the widget was given. */
  #access(): ControllerAccess {
    const controller = this;
    return {
      settings: this.host,
      cards: this.cards,
      config: this.#config,
      gathered: this.#gathered,
      get data() {
        return controller.#data;
      },
      set data(data) {
        controller.#setData(data);
      },
      get signal() {
        return controller.#life.signal;
      },
      report: (outcome) => this.report(outcome),
      api: () => this.#api(),
      askDelete: (instance, ask) => this.askDelete(instance, ask),
    };
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
          return fetchSessionToken(sessionEndpoint, this.#life.signal);
        },
        onToken: (token) => (this.#freshToken = token),
      });
      this.#client = { endpoint, client };
    }
    return this.#client.client;
  }

  #setData(data: Marketplace): void {
    this.#data = data;
    this.host.requestUpdate();
  }
}
