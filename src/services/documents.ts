/**
 * Every GraphQL operation the widget sends, and nothing else.
 *
 * This module lists the documents: the browser client sends them (on one line
 * once built: scripts/graphql-one-line.ts) and `tray-integrations/server`
 * forwards a request only when its `query` is one of these documents,
 * whitespace aside (a persisted-query allow-list; it forwards its own copy),
 * so a page script cannot use the host's proxy to run arbitrary operations. It has no DOM or
 * Node imports so both sides can load it. The documents themselves are in
 * two modules (the marketplace query, the instance operations) so the
 * element's first bundle carries only the one it needs first.
 */

import { MARKETPLACE } from './marketplace-document.ts';
import { AUTHENTICATIONS, CREATE_INSTANCE, INSTANCE, REMOVE_AUTHENTICATION, REMOVE_INSTANCE, UPDATE_INSTANCE, UPGRADE_INSTANCE } from './instance-documents.ts';

export { MARKETPLACE } from './marketplace-document.ts';
export { AUTHENTICATIONS, CREATE_INSTANCE, INSTANCE, REMOVE_AUTHENTICATION, REMOVE_INSTANCE, UPDATE_INSTANCE, UPGRADE_INSTANCE } from './instance-documents.ts';

/** The allow-list the server proxy enforces, keyed by operation name. */
export const DOCUMENTS = {
  Marketplace: MARKETPLACE,
  Instance: INSTANCE,
  CreateInstance: CREATE_INSTANCE,
  UpdateInstance: UPDATE_INSTANCE,
  UpgradeInstance: UPGRADE_INSTANCE,
  RemoveInstance: REMOVE_INSTANCE,
  Authentications: AUTHENTICATIONS,
  RemoveAuthentication: REMOVE_AUTHENTICATION,
} as const;

export type OperationName = keyof typeof DOCUMENTS;
