/**
 * Where the server keeps what must outlive one request and be shared by
 * every process of a host: Tray user ids (permanent), user tokens (until they
 * expire) and the rate budgets. `memoryStore()` is the default (one
 * process); `redisStore()` (./redis-store.ts) shares all of it across a fleet.
 * A host can also implement `TrayStore` on its own database.
 */
import { Gcra, SlidingWindow, type PacingRule, type RateDecision, type WindowRule } from './rate.ts';

export type { PacingRule, RateDecision, WindowRule } from './rate.ts';

/** A cached user token: the Tray user it belongs to and when Tray stops accepting it. */
export interface StoredToken {
  token: string;
  userId: string;
  /** Epoch milliseconds. */
  expiresAtMs: number;
}

/**
 * Where Tray user ids live: the `userIds` option. Tray's walkthrough advises
 * keeping the id next to the host's own user record, so a host can point
 * this at its users table instead of the store.
 */
export interface TrayUserIds {
  /** The Tray user id saved for this host user, or null/undefined when none is. */
  get(externalUserId: string): Promise<string | null | undefined>;
  /** Saves the id once the user has been found or created in Tray. */
  set(externalUserId: string, userId: string): Promise<void>;
  /** Drops `userId` for this user (Tray says it no longer exists); keep any other id. */
  delete(externalUserId: string, userId: string): Promise<void>;
}

export interface TrayStore {
  /** Tray user ids, kept for good. */
  readonly userIds: TrayUserIds;
  getToken(externalUserId: string): Promise<StoredToken | null>;
  /** Keeps the token until `keepUntilMs` (epoch ms), no longer. */
  setToken(externalUserId: string, token: StoredToken, keepUntilMs: number): Promise<void>;
  /** Drops the token if it is still this one (Tray refused it). */
  deleteToken(externalUserId: string, token: string): Promise<void>;
  /**
   * Books the next slot of the shared budget `key` (a token bucket), at most
   * `rule.maxWaitMs` ahead. Atomic across every process sharing the store.
   */
  pace(key: string, rule: PacingRule): Promise<RateDecision>;
  /**
   * Counts one event for `key` if fewer than `rule.limit` happened in the last
   * `rule.windowMs`; returns an id that `uncount` takes back.
   */
  count(key: string, rule: WindowRule): Promise<{ granted: true; id: string } | { granted: false; retryAfterMs: number }>;
  /** Takes back an event `count` granted (the call it allowed never reached Tray). */
  uncount(key: string, id: string): Promise<void>;
  /**
   * Takes the short lock `key` for at most `ttlMs` if nobody holds it, and
   * returns the proof `unlock` needs; null while another holder has it.
   * Atomic across every process sharing the store. Optional: without it a
   * new user is created once only as far as Tray refuses duplicates.
   */
  lock?(key: string, ttlMs: number): Promise<string | null>;
  /** Gives the lock back, if it is still held with this proof (it may have expired and been taken since). */
  unlock?(key: string, proof: string): Promise<void>;
}

/** Bounds memory on hosts with many users; least recently used go first. */
export const MAX_MEMORY_USERS = 10_000;

/** A Map that forgets its least recently used entries past `max`. */
class LruMap<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      // Re-insert: Map order doubles as least-recently-used order.
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}

/**
 * One process's memory. Right for a single process; with several, each has
 * its own ids, tokens and budgets (so the fleet as a whole can exceed Tray's
 * rate limit): use `redisStore` there.
 */
export function memoryStore(options: { /** Clock for token expiry; budgets always run on real time (they sleep in it). */ now?: () => number; maxUsers?: number } = {}): TrayStore {
  const now = options.now ?? Date.now;
  const max = options.maxUsers ?? MAX_MEMORY_USERS;
  const ids = new LruMap<string>(max);
  const tokens = new LruMap<{ stored: StoredToken; keepUntilMs: number }>(max);
  const buckets = new Map<string, Gcra>();
  const windows = new LruMap<SlidingWindow>(max);
  const locks = new Map<string, { proof: string; untilMs: number }>();
  let nextId = 0;

  return {
    userIds: {
      get: async (externalUserId) => ids.get(externalUserId) ?? null,
      set: async (externalUserId, userId) => ids.set(externalUserId, userId),
      delete: async (externalUserId, userId) => {
        if (ids.get(externalUserId) === userId) ids.delete(externalUserId);
      },
    },
    async getToken(externalUserId) {
      const entry = tokens.get(externalUserId);
      if (!entry) return null;
      if (now() >= entry.keepUntilMs) {
        tokens.delete(externalUserId);
        return null;
      }
      return entry.stored;
    },
    async setToken(externalUserId, stored, keepUntilMs) {
      tokens.set(externalUserId, { stored, keepUntilMs });
    },
    async deleteToken(externalUserId, token) {
      if (tokens.get(externalUserId)?.stored.token === token) tokens.delete(externalUserId);
    },
    async pace(key, rule) {
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = new Gcra()));
      return bucket.book(Date.now(), rule);
    },
    async count(key, rule) {
      let window = windows.get(key);
      if (!window) windows.set(key, (window = new SlidingWindow()));
      const id = String(++nextId);
      const retryAfterMs = window.add(Date.now(), id, rule);
      return retryAfterMs === 0 ? { granted: true, id } : { granted: false, retryAfterMs };
    },
    async uncount(key, id) {
      windows.get(key)?.remove(id);
    },
    async lock(key, ttlMs) {
      const held = locks.get(key);
      if (held && held.untilMs > Date.now()) return null;
      const proof = String(++nextId);
      locks.set(key, { proof, untilMs: Date.now() + ttlMs });
      return proof;
    },
    async unlock(key, proof) {
      if (locks.get(key)?.proof === proof) locks.delete(key);
    },
  };
}
