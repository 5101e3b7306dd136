/**
 * Every view in step: elements on one page and in the browser's other tabs
 * show a change made in any of them, without a reload. A BroadcastChannel
 * named from the endpoint carries hints only ("these solutions' instances
 * changed", "this card is busy here", "no longer"), never a
 * token, code or Tray data: each receiver re-reads the user's instances and
 * auths with its own token, so a hint from another user's tab reveals
 * nothing. Action events stay with the element where the person acted (a
 * re-read is received, not set, so it is never passed on again).
 *
 * A card busy in another view waits here too: a solution being connected
 * ("Being connected in another window…"), so no second Connect makes a
 * duplicate, and an integration being acted on ("Being changed in another
 * window…"), such as the new one whose sign-in Connect opened, so nobody
 * authorizes it twice or sees it half done. The view at work says so again
 * every few seconds and says "done" as its page goes away, so a hold whose
 * view was closed without a word (a crashed or killed tab) lifts on its
 * own. A tab shown again after a long time hidden re-reads in one request.
 * Loaded with the lazy features (lazy-features.ts).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LoadStatus } from './load-task.ts';
import { loadMarketplace } from '../services/marketplace-pages.ts';
import type { Marketplace } from '../services/types.ts';
import { IDLE, instanceKey, parseCardKey, solutionKey } from './card-activity.ts';
import { DEFAULT_CHOSEN_MESSAGES } from './chosen/chosen-messages.ts';
import type { MarketplaceState } from './marketplace-state.ts';

/** When a tab shown again re-reads, and how long a hold lasts unrenewed; tests shorten them rather than wait (read as a view connects). */
export const SYNC_TIMING = {
  /** Hidden at least this long: what the user has may have changed elsewhere (another device). */
  rereadAfterHiddenMs: 60_000,
  /** A view with a busy card tells the others again this often… */
  stillConnectingMs: 5_000,
  /** …and a hold not renewed for this long is let go (its view is gone). */
  holdForMs: 15_000,
  now: () => Date.now(),
};

/**
 * What goes over the channel: solution ids, and card keys (a solution's or
 * an integration's id, card-activity.ts), nothing else.
 */
type Hint = { changed: string[] } | { connecting: string } | { done: string };

export interface SyncHost extends ReactiveControllerHost {
  readonly endpoint: string;
}

/** The solutions whose instances differ between two snapshots of the data. */
function changedSolutions(before: Marketplace, after: Marketplace): string[] {
  const was = new Map(before.instances.map((i) => [i.id, i]));
  const ids = new Set<string>();
  for (const instance of after.instances) {
    if (was.get(instance.id) !== instance) ids.add(instance.solution.id);
    was.delete(instance.id);
  }
  for (const gone of was.values()) ids.add(gone.solution.id);
  return [...ids];
}

/** What a view in step reads: the marketplace controller's state, and whether its load is complete. */
export interface SyncMarket {
  readonly state: MarketplaceState;
  readonly load: { readonly status: LoadStatus };
}

export class ViewSync implements ReactiveController {
  #channel: BroadcastChannel | undefined;
  #hiddenAt: number | undefined;
  /** A re-read in flight, and whether another was asked for meanwhile. */
  #reading = false;
  #again = false;
  /** Local changes so far, so a re-read that raced one is read again. */
  #changes = 0;
  /** The keys of the cards busy in this view, as told to the others. */
  #connecting = new Set<string>();
  /** The keys of the cards busy in another view, with when it last said so. */
  readonly #elsewhere = new Map<string, number>();
  #ticking: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: SyncHost & { readonly isConnected: boolean },
    private readonly market: SyncMarket,
  ) {
    host.addController(this);
    market.state.onChange = (before, after) => {
      this.#changes++;
      const changed = changedSolutions(before, after);
      if (changed.length || before.authentications !== after.authentications) this.#post({ changed });
    };
    if (host.isConnected) this.hostConnected();
  }

  hostConnected(): void {
    if (this.#channel || typeof BroadcastChannel !== 'function') return;
    // One channel per endpoint: views of another host backend (another partner, another user base) stay apart.
    this.#channel = new BroadcastChannel(`tray-integrations ${new URL(this.host.endpoint, document.baseURI).href}`);
    this.#channel.onmessage = (event: MessageEvent<Hint>) => this.#receive(event.data);
    document.addEventListener('visibilitychange', this.#visibility);
    // A page closed or navigated away does not disconnect its elements: say "done" as it goes.
    addEventListener('pagehide', this.#leave);
    this.#ticking = setInterval(this.#tick, SYNC_TIMING.stillConnectingMs);
  }

  hostDisconnected(): void {
    this.#leave();
    this.#channel?.close();
    this.#channel = undefined;
    document.removeEventListener('visibilitychange', this.#visibility);
    removeEventListener('pagehide', this.#leave);
    clearInterval(this.#ticking);
  }

  /** This view's holds end: the others may connect. */
  readonly #leave = (): void => {
    for (const id of this.#connecting) this.#post({ done: id });
    this.#connecting.clear();
  };

  /** Renews this view's holds, and lets go of the others' that were not renewed in time. */
  readonly #tick = (): void => {
    for (const id of this.#connecting) this.#post({ connecting: id });
    const stale = SYNC_TIMING.now() - SYNC_TIMING.holdForMs;
    for (const [id, heard] of this.#elsewhere) if (heard <= stale) this.#release(id);
  };

  /** Another view's hold on a card ends: the card is free again, and what that view did is read. */
  #release(key: string): void {
    if (this.#elsewhere.delete(key)) this.market.state.cards.set(key, IDLE);
    this.#reread();
  }

  /** Tells the others which of this view's cards became busy or free (not those held for another view). */
  hostUpdated(): void {
    const { cards, data } = this.market.state;
    const keys = [...data.solutions.map((s) => solutionKey(s.id)), ...data.instances.map((i) => instanceKey(i.id))];
    const now = new Set(keys.filter((key) => !this.#elsewhere.has(key) && cards.busy(key)));
    for (const key of now) if (!this.#connecting.has(key)) this.#post({ connecting: key });
    for (const key of this.#connecting) if (!now.has(key)) this.#post({ done: key });
    this.#connecting = now;
  }

  #post(hint: Hint): void {
    this.#channel?.postMessage(hint);
  }

  #receive(hint: Hint): void {
    const { cards, data } = this.market.state;
    if ('connecting' in hint) {
      // Held even before this view shows the card: an integration created in
      // the other view shows here only once re-read, still held.
      const key = hint.connecting;
      if (this.#elsewhere.has(key)) this.#elsewhere.set(key, SYNC_TIMING.now());
      if (typeof key !== 'string' || cards.busy(key)) return;
      this.#elsewhere.set(key, SYNC_TIMING.now());
      const words = parseCardKey(key).solutionId === undefined ? 'changingElsewhere' : 'connectingElsewhere';
      cards.set(key, { kind: 'working', say: (m) => ({ ...DEFAULT_CHOSEN_MESSAGES, ...m })[words] });
    } else if ('done' in hint) {
      this.#release(hint.done);
    } else if (!hint.changed.length || hint.changed.some((id) => data.solutions.some((s) => s.id === id))) {
      // Only what this view shows: a change to another solution needs no request.
      this.#reread();
    }
  }

  readonly #visibility = (): void => {
    if (document.visibilityState === 'hidden') {
      this.#hiddenAt ??= SYNC_TIMING.now();
      return;
    }
    const hiddenFor = this.#hiddenAt === undefined ? 0 : SYNC_TIMING.now() - this.#hiddenAt;
    this.#hiddenAt = undefined;
    if (hiddenFor >= SYNC_TIMING.rereadAfterHiddenMs) this.#reread();
  };

  /** The user's instances and auths again, in one request (the solutions on screen stay). */
  async #reread(): Promise<void> {
    const { market } = this;
    // Before the first load is in there is nothing to bring up to date, and the load reads it all anyway.
    if (market.load.status !== 'complete') return;
    if (this.#reading) {
      this.#again = true;
      return;
    }
    this.#reading = true;
    try {
      do {
        this.#again = false;
        const changes = this.#changes;
        const { state } = market;
        const fresh = await loadMarketplace(state.client, { solutions: false }, state.signal);
        // An action here changed the data meanwhile: what was read may predate it.
        if (changes !== this.#changes) this.#again = true;
        else {
          state.receive({ ...state.data, instances: fresh.instances, authentications: fresh.authentications });
          this.host.requestUpdate();
        }
      } while (this.#again);
    } catch {
      // The view keeps what it shows; the next hint or action reads again.
    } finally {
      this.#reading = false;
    }
  }
}
