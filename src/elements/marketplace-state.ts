/**
 * What the marketplace's actions and popup journeys share, in one object:
 * the settings the host gave, what Tray said (`data`), what the widget is
 * doing with each card, the upgrade auths gathered so far, where each
 * solution's settings come from, the client, the widget's lifetime signal,
 * and `report`, the way back to the element. The MarketplaceController
 * makes it and loads the data into it; the actions (marketplace-actions.ts)
 * and the popup journeys read and change it directly.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TrayClient } from '../services/client.ts';
import type { Marketplace, SolutionInstance } from '../services/types.ts';
import type { MarketplaceSettings } from '../hooks.ts';
import { CardActivities, IDLE, instanceKey } from './card-activity.ts';
import { ConfigChoice } from './config-choice.ts';
import { HostClient } from './host-client.ts';
import type { Report } from './outcome.ts';
import { UpgradeAuths } from './upgrade-auths.ts';

const NOTHING_LOADED: Marketplace = { solutions: [], instances: [], authentications: [] };

export class MarketplaceState implements ReactiveController {
  #data = NOTHING_LOADED;
  #life = new AbortController();
  readonly #client: HostClient;
  /** What the widget is doing with each card. */
  readonly cards: CardActivities;
  /** Whether each solution's settings come from the host or the wizard. */
  readonly config: ConfigChoice;
  /** Auths gathered for upgrades: the cards show them, the upgrade journey adds to them. */
  readonly gathered = new UpgradeAuths();

  constructor(
    /** The element: its public properties are the settings. */
    readonly settings: ReactiveControllerHost & MarketplaceSettings,
    /** Tells the element what happened; false when a listener cancelled the event. */
    readonly report: Report,
  ) {
    settings.addController(this);
    this.cards = new CardActivities(() => settings.requestUpdate());
    this.#client = new HostClient(settings, () => this.signal, this.busy);
    this.config = new ConfigChoice(settings);
  }

  /** What Tray said: the solutions, the user's instances and their auths. Assigning it re-renders. */
  get data(): Marketplace {
    return this.#data;
  }

  set data(data: Marketplace) {
    const before = this.#data;
    this.receive(data);
    this.settings.requestUpdate();
    this.onChange?.(before, data);
  }

  /** Told of each change the actions make (a load's data is received, not set): views in step pass it on (view-sync.ts). */
  onChange: ((before: Marketplace, after: Marketplace) => void) | undefined;

  /** Takes what a load brought without a render: the load paces its own. */
  receive(data: Marketplace): void {
    this.#data = data;
  }

  /** Busy answers' waits: the cards show them, and they end when the widget leaves the page. */
  readonly busy = {
    busy: (seconds: number) => {
      this.cards.busySeconds = seconds;
      this.settings.requestUpdate();
    },
    lifetime: () => this.signal,
  };

  /** Aborted when the widget leaves the page: closes open dialogs and stops pending enables. */
  get signal(): AbortSignal {
    return this.#life.signal;
  }

  /** The GraphQL client for the host's endpoint and the user's token. */
  get client(): TrayClient {
    return this.#client.client;
  }

  /** Shows (or takes back) the in-card delete confirmation. */
  askDelete(instance: SolutionInstance, ask: boolean): void {
    const key = instanceKey(instance.id);
    this.cards.set(key, ask ? { kind: 'confirming-delete' } : IDLE);
    this.report({ focus: { key, action: ask ? 'cancel-delete' : 'delete' } });
  }

  hostConnected(): void {
    if (this.#life.signal.aborted) this.#life = new AbortController();
  }

  hostDisconnected(): void {
    // Nothing acts for a widget that is gone.
    this.#life.abort(new DOMException('The widget was removed.', 'AbortError'));
  }
}
