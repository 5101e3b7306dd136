/**
 * What the widget's GraphQL client would have been with graphql-request:
 * the bench bundles this file alone, the way the script-tag bundle is built,
 * to report the cost of the dependency we chose not to take. Not shipped.
 */
import { GraphQLClient } from 'graphql-request';

export function send<T>(endpoint: string, token: string, document: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
  const client = new GraphQLClient(endpoint, { headers: { authorization: `Bearer ${token}` }, signal });
  return client.request<T>(document, variables);
}
