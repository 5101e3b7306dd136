/**
 * The marketplace query and the fragments it shares with the instance
 * operations (instance-documents.ts). documents.ts lists every document.
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

export const INSTANCE_FIELDS = /* GraphQL */ `
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
