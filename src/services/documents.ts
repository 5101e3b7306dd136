/**
 * Every GraphQL operation the widget sends, and nothing else.
 *
 * This module owns the documents: the browser client sends them verbatim and
 * `tray-integrations/server` forwards a request only when its `query` is one of
 * these strings exactly (a persisted-query allow-list), so a page script
 * cannot use the host's proxy to run arbitrary operations. It has no DOM or
 * Node imports so both sides can load it.
 */

const SOLUTION_FIELDS = /* GraphQL */ `
fragment SolutionFields on Solution {
  id
  title
  description
  tags
  customFields { key value }
  configSlots { externalId title defaultValue }
  authSlots { externalId title }
}`;

const INSTANCE_FIELDS = /* GraphQL */ `
fragment InstanceFields on SolutionInstance {
  id
  name
  enabled
  created
  owner
  solution { id }
  authValues { externalId authId }
  configValues { externalId value }
  solutionVersionFlags {
    hasNewerVersion
    requiresUserInputToUpdateVersion
    requiresSystemInputToUpdateVersion
  }
  workflows { edges { node { id sourceWorkflowId sourceWorkflowName triggerUrl } } }
}`;

/**
 * First load in one request: solutions, the user's instances and their auths.
 * Later pages reuse it with `withSolutions`/`withInstances` switching off the
 * connection that is already complete.
 */
export const MARKETPLACE = /* GraphQL */ `
query Marketplace(
  $tags: [String!]
  $first: Int
  $solutionsAfter: String
  $instancesAfter: String
  $withSolutions: Boolean!
  $withInstances: Boolean!
  $withAuthentications: Boolean!
) {
  viewer {
    solutions(criteria: { tags: $tags }, first: $first, after: $solutionsAfter) @include(if: $withSolutions) {
      edges { node { ...SolutionFields } }
      pageInfo { hasNextPage endCursor }
    }
    solutionInstances(first: $first, after: $instancesAfter) @include(if: $withInstances) {
      edges { node { ...InstanceFields } }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
    authentications @include(if: $withAuthentications) {
      edges { node { id name service { id name title icon version } serviceEnvironment { id title } } }
    }
  }
}
${SOLUTION_FIELDS}
${INSTANCE_FIELDS}`;

/** Re-reads one instance: after a dialog closes, after a fault, before a guess. */
export const INSTANCE = /* GraphQL */ `
query Instance($id: String!) {
  viewer {
    solutionInstances(criteria: { id: $id }) {
      edges { node { ...InstanceFields } }
    }
  }
}
${INSTANCE_FIELDS}`;

/** `configValues` omitted or null: every config slot starts from its default. */
export const CREATE_INSTANCE = /* GraphQL */ `
mutation CreateInstance($solutionId: ID!, $instanceName: String!, $configValues: [ConfigValue!]) {
  createSolutionInstance(input: { solutionId: $solutionId, instanceName: $instanceName, configValues: $configValues }) {
    solutionInstance { ...InstanceFields }
  }
}
${INSTANCE_FIELDS}`;

/** Omitted variables leave their field untouched. */
export const UPDATE_INSTANCE = /* GraphQL */ `
mutation UpdateInstance(
  $solutionInstanceId: ID!
  $enabled: Boolean
  $authValues: [AuthValue!]
  $errorOnEnablingWithMissingValues: Boolean
) {
  updateSolutionInstance(input: {
    solutionInstanceId: $solutionInstanceId
    enabled: $enabled
    authValues: $authValues
    errorOnEnablingWithMissingValues: $errorOnEnablingWithMissingValues
  }) {
    solutionInstance { ...InstanceFields }
  }
}
${INSTANCE_FIELDS}`;

export const UPGRADE_INSTANCE = /* GraphQL */ `
mutation UpgradeInstance($solutionInstanceId: ID!, $authValues: [AuthValue!]) {
  upgradeSolutionInstance(input: { solutionInstanceId: $solutionInstanceId, authValues: $authValues }) {
    solutionInstance { ...InstanceFields }
  }
}
${INSTANCE_FIELDS}`;

export const REMOVE_INSTANCE = /* GraphQL */ `
mutation RemoveInstance($solutionInstanceId: ID!) {
  removeSolutionInstance(input: { solutionInstanceId: $solutionInstanceId }) {
    clientMutationId
  }
}`;

/** The user's authentications, with their services: what a lost dialog finish is recovered from. */
export const AUTHENTICATIONS = /* GraphQL */ `
query Authentications {
  viewer {
    authentications {
      edges { node { id name service { id name title icon version } serviceEnvironment { id title } } }
    }
  }
}`;

/** The allow-list the server proxy enforces, keyed by operation name. */
export const DOCUMENTS = {
  Marketplace: MARKETPLACE,
  Instance: INSTANCE,
  CreateInstance: CREATE_INSTANCE,
  UpdateInstance: UPDATE_INSTANCE,
  UpgradeInstance: UPGRADE_INSTANCE,
  RemoveInstance: REMOVE_INSTANCE,
  Authentications: AUTHENTICATIONS,
} as const;

export type OperationName = keyof typeof DOCUMENTS;
