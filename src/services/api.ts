import type { TrayClient } from './client.ts';
import {
  AUTHENTICATIONS,
  CREATE_INSTANCE,
  INSTANCE,
  MARKETPLACE,
  REMOVE_INSTANCE,
  UPDATE_INSTANCE,
  UPGRADE_INSTANCE,
} from './documents.ts';
import { TrayError } from './errors.ts';
import type { Authentication, AuthValue, Connection, Marketplace, Solution, SolutionInstance } from './types.ts';

/** Tray's `ConfigValue` input: the value as JSON text. */
interface ConfigValueInput {
  externalId: string;
  value: string;
}

/** Typed operations over a TrayClient: what the element, or a headless host, calls. */

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
 * The next request starts when the consumer asks for the next page (a
 * `for await` loop asks as soon as its body returns), so nothing is fetched
 * for a consumer that stopped. `signal` aborts the request in flight; the
 * iteration then throws the signal's reason.
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
  while (withSolutions || withInstances) {
    const { viewer }: MarketplaceData = await client.request<MarketplaceData>(
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
      { signal },
    );
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
    if (withInstances) continue;
    loaded += pending.length;
    const last = !withSolutions;
    const common = { solutions: pending, loaded, total: last ? loaded : null, last };
    yield first ? { first: true, ...common, instances, authentications: auths } : { first: false, ...common };
    first = false;
    pending = [];
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

/** The instance as Tray has it now, or null when it is gone. */
export async function getInstance(
  client: TrayClient,
  id: string,
  signal?: AbortSignal,
): Promise<SolutionInstance | null> {
  const data = await client.request<{ viewer: { solutionInstances: { edges: Array<{ node: SolutionInstance }> } } }>(
    INSTANCE,
    { id },
    { signal },
  );
  return data.viewer.solutionInstances.edges[0]?.node ?? null;
}

export interface CreateInstanceInput {
  solutionId: string;
  instanceName: string;
  /**
   * Config values keyed by config slot `externalId`, as plain values (`'text'`,
   * `7`, `true`, objects): each is sent as Tray's `Json` scalar, JSON text. A
   * slot left out (or `undefined`) keeps its `defaultValue`.
   */
  configValues?: Readonly<Record<string, unknown>> | undefined;
}

/** Tray's `[ConfigValue!]` input for `values`, or null when there are none. */
export function toConfigValueInput(values: Readonly<Record<string, unknown>> | undefined): ConfigValueInput[] | null {
  if (!values) return null;
  const input = Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([externalId, value]) => ({ externalId, value: JSON.stringify(value) }));
  return input.length ? input : null;
}

/** Creates a (disabled) instance. */
export async function createInstance(client: TrayClient, input: CreateInstanceInput, signal?: AbortSignal): Promise<SolutionInstance> {
  const { solutionId, instanceName, configValues } = input;
  const values = toConfigValueInput(configValues);
  const data = await client.request<{ createSolutionInstance: { solutionInstance: SolutionInstance } }>(
    CREATE_INSTANCE,
    values ? { solutionId, instanceName, configValues: values } : { solutionId, instanceName },
    { signal },
  );
  return data.createSolutionInstance.solutionInstance;
}

/** The user's authentications (`viewer.authentications`), each with its service. */
export async function listAuthentications(client: TrayClient, signal?: AbortSignal): Promise<Authentication[]> {
  const data = await client.request<{ viewer: { authentications: { edges: Array<{ node: Authentication }> } } }>(
    AUTHENTICATIONS,
    {},
    { signal },
  );
  return data.viewer.authentications.edges.map((edge) => edge.node);
}

export interface UpdateInstanceInput {
  solutionInstanceId: string;
  enabled?: boolean;
  authValues?: AuthValue[];
  errorOnEnablingWithMissingValues?: boolean;
}

export async function updateInstance(
  client: TrayClient,
  input: UpdateInstanceInput,
  signal?: AbortSignal,
): Promise<SolutionInstance> {
  const data = await client.request<{ updateSolutionInstance: { solutionInstance: SolutionInstance } }>(
    UPDATE_INSTANCE,
    { ...input },
    { signal },
  );
  return data.updateSolutionInstance.solutionInstance;
}

export async function upgradeInstance(
  client: TrayClient,
  solutionInstanceId: string,
  authValues?: AuthValue[],
  signal?: AbortSignal,
): Promise<SolutionInstance> {
  const data = await client.request<{ upgradeSolutionInstance: { solutionInstance: SolutionInstance } }>(
    UPGRADE_INSTANCE,
    authValues ? { solutionInstanceId, authValues } : { solutionInstanceId },
    { signal },
  );
  return data.upgradeSolutionInstance.solutionInstance;
}

export async function removeInstance(client: TrayClient, solutionInstanceId: string, signal?: AbortSignal): Promise<void> {
  await client.request(REMOVE_INSTANCE, { solutionInstanceId }, { signal });
}
