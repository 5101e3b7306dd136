/**
 * The marketplace's load, as a Lit reactive controller: it fetches Tray's
 * data page by page into the marketplace state (marketplace-state.ts), which
 * it makes and which the actions share; the element renders what the state
 * holds and turns the outcomes reported into DOM events, announcements and
 * focus. What the cards' buttons do is in card-actions.ts.
 */
import type { ReactiveControllerHost } from 'lit';
import { marketplacePages } from '../services/marketplace-pages.ts';
import { toTrayError } from '../services/errors.ts';
import type { Marketplace } from '../services/types.ts';
import { errorEvent, TrayLoadEvent } from '../events.ts';
import type { MarketplaceSettings } from '../hooks.ts';
import { CardActions } from './card-actions.ts';
import { chunk } from './chunk-import.ts';
import { MarketplaceState } from './marketplace-state.ts';
import { LoadTask } from './load-task.ts';
import { loadFailedText } from './messages.ts';
import type { Report } from './outcome.ts';
import { PacedUpdate } from './paced-update.ts';

/**
 * What the element adds once it exists (lazy-features.ts), the chosen
 * solutions' load among it: one import for the element and this controller,
 * and after a failure another under a URL of its own.
 */
export const lazyFeatures = chunk(() => import('./lazy-features.ts'), import.meta.url);

export class MarketplaceController {
  /**
   * While the load runs: undefined until its first page is in (the element
   * shows the skeleton), then how many solutions are in and how many there
   * are (known only at the end), while later pages still load.
   */
  more: { loaded: number; total: number | null } | undefined;
  /** Counts load runs, so only the newest one's progress shows. */
  #loads = 0;
  /** Renders for the pages after the first: at most four a second (see PacedUpdate). */
  readonly #pagesShown: PacedUpdate;
  /** What the actions and the popup journeys share; the data is loaded into it. */
  readonly state: MarketplaceState;
  /** What the cards' buttons call. */
  readonly actions: CardActions;

  readonly load: LoadTask<readonly [string, readonly string[], string | undefined, boolean, string, string], Marketplace>;

  constructor(host: ReactiveControllerHost & MarketplaceSettings, report: Report) {
    const state = (this.state = new MarketplaceState(host, report));
    this.actions = new CardActions(state);
    this.#pagesShown = new PacedUpdate(() => host.requestUpdate(), 250);
    this.load = new LoadTask(host, {
      // With neither token nor fetchToken the token comes from the session
      // endpoint (the markup-only embed); a host that sets either later, as
      // frameworks often do, reloads with it (the first load is aborted).
      // Only whether fetchToken is set counts, so a framework passing a new
      // function each render does not reload.
      task: ([, tags, , , , chosen], { signal }) => (chosen ? this.#loadChosen(tags, chosen, signal) : this.#loadPages(tags, signal)),
      // A list of ids becomes the string the attribute would be.
      args: () => [host.endpoint, host.tags ?? [], host.token, Boolean(host.fetchToken), host.sessionEndpoint, String(host.solutionId ?? '')] as const,
      onComplete: (market) => {
        const counts = { solutions: market.solutions.length, instances: market.instances.length };
        report({ event: new TrayLoadEvent(counts), say: (m) => m.announceLoaded(counts.solutions) });
      },
      onError: (thrown) => {
        const error = toTrayError(thrown);
        if (error.code !== 'aborted') report({ event: errorEvent(error), say: (m) => loadFailedText(m, error) });
      },
    });
  }

  /** Only the solutions of `solution-id`: their code is in the lazy features' chunk, which the element has asked for already. */
  async #loadChosen(tags: readonly string[], chosen: string, signal: AbortSignal): Promise<Marketplace> {
    ++this.#loads;
    this.more = undefined;
    const { loadChosen } = await lazyFeatures();
    this.actions.load().catch(() => {});
    const data = await loadChosen(this.state, tags, chosen, signal);
    this.state.cards.clear();
    this.state.receive(data);
    return data;
  }

  /**
   * The marketplace page by page: the first page's cards show (and work) at
   * once, later pages append to the solutions. Instances and auths are
   * complete from the first page, and actions may change them meanwhile, so
   * a page only ever adds solutions. The task resolves when every page is in.
   */
  async #loadPages(tags: readonly string[], signal: AbortSignal): Promise<Marketplace> {
    const { state } = this;
    const run = ++this.#loads;
    this.more = undefined;
    try {
      for await (const page of marketplacePages(state.client, { tags }, signal)) {
        signal.throwIfAborted();
        if (page.first) {
          state.cards.clear();
          // Fetched once the first cards are in (not sooner: the first page's answer and render come first), before anyone can press their buttons;
          // the script-tag bundle has fetched it already as it ran (cdn.ts).
          this.actions.load().catch(() => {});
        }
        const solutions = page.first ? page.solutions : [...state.data.solutions, ...page.solutions];
        const rest = page.first ? page : state.data;
        this.more = { loaded: page.loaded, total: page.total };
        state.receive({ solutions, instances: rest.instances, authentications: rest.authentications });
        // The first cards show at once; later pages only add below them and to the count, a few times a second.
        if (page.first) this.#pagesShown.now();
        else this.#pagesShown.request();
        // Said once, as the first cards show: the line under them counts on silently, and tray-load's words end it.
        if (page.first && !page.last) state.report({ say: (m) => m.loadingMore(page.loaded, page.total) });
      }
    } finally {
      // A superseded load ends after its successor began: leave the successor's progress be.
      if (run === this.#loads) {
        this.more = undefined;
        // The load renders the end (complete or failed) itself.
        this.#pagesShown.cancel();
      }
    }
    return state.data;
  }
}
