/**
 * The operations on one instance, and on the user's authentications (list,
 * remove).
 * documents.ts lists every document.
 */
import { INSTANCE_FIELDS } from './marketplace-document.ts';

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

/** Removes one of the user's authentications (the accounts view's Remove). */
export const REMOVE_AUTHENTICATION = /* GraphQL */ `
mutation RemoveAuthentication($authenticationId: ID!) {
  removeAuthentication(input: { authenticationId: $authenticationId }) {
    clientMutationId
  }
}`;
