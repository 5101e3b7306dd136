/**
 * The store as the handler uses it: every call answers within a short
 * time, or fails with `StoreUnavailableError`. A store that is away (Redis
 * restarting, a network cut) would otherwise hold each request for as long
 * as its client queues commands; this way the endpoints that need the store
 * answer `503 store-unavailable` at once, and the next call after the store
 * is back simply succeeds.
 */
import { errorResponse } from './http.ts';
import type { TrayStore } from './store.ts';

/** How long one store call may take before the store counts as unavailable. */
export const DEFAULT_STORE_TIMEOUT_MS = 1000;

/** The store did not answer in time, or failed: nothing about the request is wrong. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/** Seconds a client is told to wait before trying again: a restarting Redis is usually back within a few. */
const RETRY_AFTER_SECONDS = 1;

/** The answer while the store is away: at once, and saying when to come back. */
export function storeUnavailableResponse(): Response {
  return errorResponse(503, 'store-unavailable', 'The integrations backend cannot reach its shared store right now; try again in a moment.', {
    'retry-after': String(RETRY_AFTER_SECONDS),
  });
}

/** Runs `work`, failing with StoreUnavailableError when it fails or takes longer than `timeoutMs`. */
function within<T>(timeoutMs: number, what: string, work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StoreUnavailableError(`The store did not answer ${what} within ${timeoutMs} ms.`)), timeoutMs);
    let pending: Promise<T>;
    try {
      pending = Promise.resolve(work());
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        const reason = error instanceof Error ? error.message : String(error);
        reject(error instanceof StoreUnavailableError ? error : new StoreUnavailableError(`The store failed ${what}: ${reason}`, { cause: error }));
      },
    );
  });
}

export function guardedStore(store: TrayStore, timeoutMs: number): TrayStore {
  const guard = <T>(what: string, work: () => Promise<T>) => within(timeoutMs, what, work);
  const { lock, unlock } = store;
  return {
    userIds: {
      get: (externalUserId) => guard('a user id lookup', () => store.userIds.get(externalUserId)),
      set: (externalUserId, userId) => guard('saving a user id', () => store.userIds.set(externalUserId, userId)),
      delete: (externalUserId, userId) => guard('dropping a user id', () => store.userIds.delete(externalUserId, userId)),
    },
    getToken: (externalUserId) => guard('a token lookup', () => store.getToken(externalUserId)),
    setToken: (externalUserId, token, keepUntilMs) => guard('saving a token', () => store.setToken(externalUserId, token, keepUntilMs)),
    deleteToken: (externalUserId, token) => guard('dropping a token', () => store.deleteToken(externalUserId, token)),
    pace: (key, rule) => guard('the master-token pacing', () => store.pace(key, rule)),
    count: (key, rule) => guard('the per-user limit', () => store.count(key, rule)),
    uncount: (key, id) => guard('the per-user limit', () => store.uncount(key, id)),
    ...(lock && unlock
      ? {
          lock: (key: string, ttlMs: number) => guard('a lock', () => lock.call(store, key, ttlMs)),
          unlock: (key: string, proof: string) => guard('a lock', () => unlock.call(store, key, proof)),
        }
      : {}),
  };
}
