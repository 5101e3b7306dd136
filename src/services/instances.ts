/**
 * The operations on the user's instances and authentications over a
 * TrayClient: create, read, update, upgrade, remove, list and remove auths.
 */
import type { TrayClient } from './client.ts';
import { AUTHENTICATIONS, CREATE_INSTANCE, INSTANCE, REMOVE_AUTHENTICATION, REMOVE_INSTANCE, UPDATE_INSTANCE, UPGRADE_INSTANCE } from './instance-documents.ts';
import type { Authentication, AuthValue, SolutionInstance } from './types.ts';

/** Tray's `ConfigValue` input: the value as JSON text. */
interface ConfigValueInput {
  externalId: string;
  value: string;
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

/**
 * Removes one of the user's authentications. Tray removes it even while
 * instances use it (their slots then hold an auth that is gone): check
 * first, as the widget's accounts view does.
 */
export async function removeAuthentication(client: TrayClient, authenticationId: string, signal?: AbortSignal): Promise<void> {
  await client.request(REMOVE_AUTHENTICATION, { authenticationId }, { signal });
}
