/**
 * The marketplace over a TrayClient, page by page or whole: what the element
 * needs for its first cards (the operations on one instance are in
 * instances.ts, which the element loads with its actions).
 */
import type { TrayClient } from './client.ts';
import { MARKETPLACE } from './marketplace-document.ts';
import { TrayError } from './errors.ts';
import type { Authentication, Connection, Marketplace, Solution, SolutionInstance } from './types.ts';

const PAGE_SIZE = 100;

interface MarketplaceData {
  viewer: {
    solutions?: Connection<Solution>;
    solutionInstances?: Connection<SolutionInstance>;
    authentications?: { edges: Array<{ node: Authentication }> };
  };
}

function nextCursor(connection: Connection<unknown>, previous: string | null, what: string): string | null {
  if (!connection.pageInfo.hasNextPage) return null;
  const cursor = connection.pageInfo.endCursor;
  // A page that says "more" without moving the cursor would loop for ever.
  if (!cursor || cursor === previous) {
    throw new TrayError('bad-response', `The integrations service paged ${what} without advancing its cursor.`);
  }
  return cursor;
}

export interface MarketplaceOptions {
  /** Only solutions carrying these tags. */
  tags?: readonly string[] | undefined;
  /** Leave out the solutions (default: included); their list comes back empty. */
  solutions?: boolean;
  /** Leave out the authentications (default: included). */
  authentications?: boolean;
}

/**
 * The first page: the user's instances and authentications come with it,
 * complete, so every card of every page can show its state from the start.
 */
export interface FirstMarketplacePage {
  first: true;
  /** This page's solutions, in Tray's order. */
  solutions: Solution[];
  /** All the user's instances (every page of them). */
  instances: SolutionInstance[];
  /** All the user's authentications. */
  authentications: Authentication[];
  /** Solutions delivered so far, this page's included. */
  loaded: number;
  /**
   * How many solutions there are: Tray's SolutionConnection has no
   * totalCount, so this is known only on the last page (then equal to `loaded`).
   */
  total: number | null;
  /** No page follows. */
  last: boolean;
}

/** A later page: more solutions to append; instances and auths came with the first. */
export interface LaterMarketplacePage {
  first: false;
  solutions: Solution[];
  loaded: number;
  total: number | null;
  last: boolean;
}

export type MarketplacePage = FirstMarketplacePage | LaterMarketplacePage;

/**
 * The marketplace page by page, for rendering the first cards as soon as
 * they arrive and appending the rest.
 *
 * Order: every request carries the next page of each connection that still
 * has one, solutions and instances together (the first also carries the
 * authentications), so following the instances costs no extra round trip.
 * The first page is handed over only once the instances are complete: a card
 * drawn before its instance arrived would offer Connect for an integration
 * the user already has, and a second Connect would create a duplicate. A
 * user with at most 100 instances (one page) therefore gets the first page
 * after one round trip; with more, after one round trip per 100 instances,
 * and the solutions fetched meanwhile come with it.
 *
 * Each request starts as soon as the previous answer is in, before that
 * page is handed over, so the network works while the consumer renders; a
 * consumer that stops (leaves its `for await` loop) aborts the request
 * ahead, and nothing more is fetched. `signal` aborts the request in
 * flight; the iteration then throws the signal's reason.
 */
export async function* marketplacePages(
  client: TrayClient,
  { tags, solutions = true, authentications = true }: MarketplaceOptions = {},
  signal?: AbortSignal,
): AsyncGenerator<MarketplacePage, void, undefined> {
  let pending: Solution[] = [];
  const instances: SolutionInstance[] = [];
  let auths: Authentication[] = [];
  let loaded = 0;
  let first = true;
  let solutionsAfter: string | null = null;
  let instancesAfter: string | null = null;
  let withSolutions = solutions;
  let withInstances = true;
  let withAuthentications = authentications;
  // One request ahead: the next page is on its way while the consumer renders
  // this one. A consumer that stops leaves it unwanted: aborted on the way out.
  const ahead = new AbortController();
  const requestSignal = signal ? AbortSignal.any([signal, ahead.signal]) : ahead.signal;
  const request = () => {
    const answer = client.request<MarketplaceData>(
      MARKETPLACE,
      {
        tags: tags?.length ? tags : null,
        first: PAGE_SIZE,
        solutionsAfter,
        instancesAfter,
        withSolutions,
        withInstances,
        withAuthentications,
      },
      { signal: requestSignal },
    );
    // Awaited below unless the consumer stops first; then its abort is expected.
    answer.catch(() => {});
    return answer;
  };
  try {
    let next = request();
    for (;;) {
      const { viewer }: MarketplaceData = await next;
      if (withSolutions) {
        const page = viewer.solutions!;
        pending.push(...page.edges.map((edge) => edge.node));
        solutionsAfter = nextCursor(page, solutionsAfter, 'solutions');
        withSolutions = solutionsAfter !== null;
      }
      if (withInstances) {
        const page = viewer.solutionInstances!;
        instances.push(...page.edges.map((edge) => edge.node));
        instancesAfter = nextCursor(page, instancesAfter, 'integrations');
        withInstances = instancesAfter !== null;
      }
      if (withAuthentications) {
        auths = (viewer.authentications?.edges ?? []).map((edge) => edge.node);
        withAuthentications = false;
      }
      const last = !withSolutions && !withInstances;
      if (!last) next = request();
      if (withInstances) continue;
      loaded += pending.length;
      const common = { solutions: pending, loaded, total: last ? loaded : null, last };
      yield first ? { first: true, ...common, instances, authentications: auths } : { first: false, ...common };
      if (last) return;
      first = false;
      pending = [];
    }
  } finally {
    ahead.abort(new DOMException('Nobody reads the next page.', 'AbortError'));
  }
}

/**
 * Solutions, the user's instances and their authentications: one request
 * for the first page of everything asked for, then further pages of
 * whichever connection still has more. All of it, once it has all arrived;
 * `marketplacePages` hands it over page by page.
 */
export async function loadMarketplace(
  client: TrayClient,
  options: MarketplaceOptions = {},
  signal?: AbortSignal,
): Promise<Marketplace> {
  const result: Marketplace = { solutions: [], instances: [], authentications: [] };
  for await (const page of marketplacePages(client, options, signal)) {
    if (page.first) {
      result.instances = page.instances;
      result.authentications = page.authentications;
    }
    result.solutions.push(...page.solutions);
  }
  return result;
}

