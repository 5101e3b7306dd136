/**
 * Tray's Embedded GraphQL schema as documented (Tray's Embedded API reference,
 * https://tray.ai/documentation/developer/embedded-apis).
 * Only documented types and fields are here: a document that validates against
 * the emulator should validate against Tray, so nothing extra is invented.
 * Mutation payloads are nullable so a refused mutation answers
 * `data: {mutationName: null}` plus an error, like any graphql-js server.
 */
import { buildSchema, type GraphQLSchema } from 'graphql';

export const SDL = /* GraphQL */ `
"A string holding JSON text: a quoted string, true, 7, an object..."
scalar Json
"ISO-8601 UTC date-time string."
scalar DateTime

type Query {
  viewer: Viewer!
  users(criteria: UserSearchCriteria, first: Int, last: Int, before: String, after: String): UserConnection!
}

type Viewer {
  solutions(criteria: SolutionSearchCriteria, first: Int, last: Int, before: String, after: String): SolutionConnection!
  solutionInstances(
    criteria: SolutionInstanceSearchCriteria
    first: Int
    last: Int
    before: String
    after: String
  ): SolutionInstanceConnection!
  authentications: AuthenticationConnection!
  details: UserDetails!
}

type UserDetails {
  username: String
  email: String
  name: String
}

type PageInfo {
  startCursor: String
  endCursor: String
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
}

input SolutionSearchCriteria {
  tags: [String!]
}

type SolutionConnection {
  edges: [SolutionEdge!]!
  pageInfo: PageInfo!
}

type SolutionEdge {
  node: Solution!
  cursor: String!
}

type Solution {
  id: ID!
  title: String!
  description: String
  tags: [String!]!
  customFields: [CustomField!]!
  configSlots: [ConfigSlot!]!
  authSlots: [AuthSlot!]!
}

type CustomField {
  key: String!
  value: String!
}

type ConfigSlot {
  externalId: String!
  title: String!
  defaultValue: Json!
}

type AuthSlot {
  externalId: String!
  title: String!
}

input SolutionInstanceSearchCriteria {
  id: String
  name: String
  owner: String
  solutionId: String
}

type SolutionInstanceConnection {
  edges: [SolutionInstanceEdge!]!
  pageInfo: PageInfo!
  totalCount: Int!
}

type SolutionInstanceEdge {
  node: SolutionInstance!
  cursor: String!
}

type SolutionInstance {
  id: ID!
  solution: Solution!
  name: String!
  enabled: Boolean!
  authValues: [AuthSlotValue!]!
  configValues: [ConfigSlotValue!]!
  workflows: WorkflowInstanceConnection!
  solutionVersionFlags: SolutionVersionFlags!
  created: DateTime!
  owner: String!
}

type AuthSlotValue {
  externalId: String!
  authId: String!
}

type ConfigSlotValue {
  externalId: String!
  value: Json
}

type SolutionVersionFlags {
  hasNewerVersion: Boolean!
  requiresUserInputToUpdateVersion: Boolean!
  requiresSystemInputToUpdateVersion: Boolean!
}

type WorkflowInstanceConnection {
  edges: [WorkflowInstanceEdge!]!
}

type WorkflowInstanceEdge {
  node: WorkflowInstance!
}

type WorkflowInstance {
  id: ID!
  sourceWorkflowId: String!
  sourceWorkflowName: String!
  triggerUrl: String
}

type AuthenticationConnection {
  edges: [AuthenticationEdge!]!
  pageInfo: PageInfo!
}

type AuthenticationEdge {
  node: Authentication!
  cursor: String!
}

type Authentication {
  id: ID!
  name: String!
  customFields: Json
  service: Service!
  serviceEnvironment: ServiceEnvironment!
}

type Service {
  id: ID!
  name: String!
  version: String!
  title: String!
  icon: String!
}

type ServiceEnvironment {
  id: ID!
  title: String!
}

input UserSearchCriteria {
  externalUserId: String
  name: String
  userId: String
}

type UserConnection {
  edges: [UserEdge!]!
  pageInfo: PageInfo!
}

type UserEdge {
  node: ExternalUser!
  cursor: String!
}

type ExternalUser {
  id: ID!
  name: String!
  externalUserId: String
}

input AuthValue {
  externalId: String!
  authId: String!
}

input ConfigValue {
  externalId: String!
  value: Json
}

type Mutation {
  createSolutionInstance(input: CreateSolutionInstanceInput!): CreateSolutionInstancePayload
  updateSolutionInstance(input: UpdateSolutionInstanceInput!): UpdateSolutionInstancePayload
  upgradeSolutionInstance(input: UpgradeSolutionInstanceInput!): UpgradeSolutionInstancePayload
  removeSolutionInstance(input: RemoveSolutionInstanceInput!): RemoveSolutionInstancePayload
  createExternalUser(input: CreateExternalUserInput!): CreateExternalUserPayload
  removeExternalUser(input: RemoveExternalUserInput!): RemoveExternalUserPayload
  authorize(input: AuthorizeInput!): AuthorizePayload
  generateAuthorizationCode(input: GenerateAuthorizationCodeInput!): GenerateAuthorizationCodePayload
  removeAuthentication(input: RemoveAuthenticationInput!): RemoveAuthenticationPayload
}

input CreateSolutionInstanceInput {
  solutionId: ID!
  instanceName: String!
  authValues: [AuthValue!]
  configValues: [ConfigValue!]
  clientMutationId: String
}
type CreateSolutionInstancePayload {
  solutionInstance: SolutionInstance!
  clientMutationId: String
}

input UpdateSolutionInstanceInput {
  solutionInstanceId: ID!
  instanceName: String
  enabled: Boolean
  authValues: [AuthValue!]
  configValues: [ConfigValue!]
  errorOnEnablingWithMissingValues: Boolean
  clientMutationId: String
}
type UpdateSolutionInstancePayload {
  solutionInstance: SolutionInstance!
  clientMutationId: String
}

input UpgradeSolutionInstanceInput {
  solutionInstanceId: ID!
  authValues: [AuthValue!]
  configValues: [ConfigValue!]
  clientMutationId: String
}
type UpgradeSolutionInstancePayload {
  solutionInstance: SolutionInstance!
  clientMutationId: String
}

input RemoveSolutionInstanceInput {
  solutionInstanceId: ID!
  clientMutationId: String
}
type RemoveSolutionInstancePayload {
  clientMutationId: String
}

input CreateExternalUserInput {
  name: String!
  externalUserId: String!
  clientMutationId: String
}
type CreateExternalUserPayload {
  userId: ID!
  clientMutationId: String
}

input RemoveExternalUserInput {
  userId: ID!
  clientMutationId: String
}
type RemoveExternalUserPayload {
  clientMutationId: String
}

input AuthorizeInput {
  userId: ID!
  clientMutationId: String
}
type AuthorizePayload {
  accessToken: String!
  clientMutationId: String
}

input GenerateAuthorizationCodeInput {
  userId: ID!
  clientMutationId: String
}
type GenerateAuthorizationCodePayload {
  authorizationCode: String!
  clientMutationId: String
}

input RemoveAuthenticationInput {
  authenticationId: ID!
  clientMutationId: String
}
type RemoveAuthenticationPayload {
  clientMutationId: String
}
`;

let cached: GraphQLSchema | undefined;

/** The schema, built once per module instance (building it costs a few ms). */
export function traySchema(): GraphQLSchema {
  cached ??= buildSchema(SDL);
  return cached;
}
