/** Tray's data as the widget reads it (see the fragments in marketplace-document.ts). */

export interface CustomField {
  key: string;
  value: string;
}

export interface ConfigSlot {
  externalId: string;
  title: string;
  /** Json scalar: a string holding JSON. */
  defaultValue: unknown;
}

export interface AuthSlot {
  externalId: string;
  title: string;
}

export interface Solution {
  id: string;
  title: string;
  description: string | null;
  tags: string[];
  customFields: CustomField[];
  configSlots: ConfigSlot[];
  authSlots: AuthSlot[];
}

export interface AuthValue {
  externalId: string;
  authId: string;
}

export interface ConfigValue {
  externalId: string;
  value: unknown;
}

export interface SolutionVersionFlags {
  hasNewerVersion: boolean;
  requiresUserInputToUpdateVersion: boolean;
  requiresSystemInputToUpdateVersion: boolean;
}

export interface WorkflowInstance {
  id: string;
  sourceWorkflowId: string;
  sourceWorkflowName: string;
  triggerUrl: string | null;
}

export interface SolutionInstance {
  id: string;
  name: string;
  enabled: boolean;
  /** ISO-8601 UTC. */
  created: string;
  owner: string;
  solution: { id: string };
  authValues: AuthValue[];
  configValues: ConfigValue[];
  solutionVersionFlags: SolutionVersionFlags;
  workflows: { edges: Array<{ node: WorkflowInstance }> };
}

export interface Authentication {
  id: string;
  name: string;
  service: { id: string; name: string; title: string; icon: string; version: string };
  serviceEnvironment: { id: string; title: string };
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: Array<{ node: T }>;
  pageInfo: PageInfo;
}

/** Everything the marketplace shows, with every page followed. */
export interface Marketplace {
  solutions: Solution[];
  instances: SolutionInstance[];
  authentications: Authentication[];
}
