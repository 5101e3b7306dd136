/**
 * `redisStore(client)`: the store for a fleet. Every process that shares
 * the Redis sees the same Tray user ids and tokens, and books master-token
 * calls from one bucket, so the fleet as a whole stays under Tray's rate
 * limit. The budgets run as Lua scripts on Redis's own clock: one atomic
 * step each, and no dependence on the hosts' clocks agreeing.
 *
 * The client is the host's own, connected node-redis client (`redis` on
 * npm, v4 or later): this module only calls its `sendCommand` (and reads
 * `isReady`, listens for `error`), so it adds no dependency and works with
 * whatever connection options the host needs.
 */
import type { PacingRule, RateDecision, StoredToken, TrayStore, WindowRule } from './store.ts';

/** What is used from node-redis's client (`createClient()`, connected). */
export interface RedisCommandClient {
  sendCommand(args: string[]): Promise<unknown>;
  /** node-redis: false while the connection is down (commands would only queue), so the store fails at once. */
  readonly isReady?: boolean;
  /** node-redis is an EventEmitter: an `error` event nobody listens to stops the process. */
  on?(event: 'error', listener: (error: unknown) => void): unknown;
  listenerCount?(event: 'error'): number;
}

export interface RedisStoreOptions {
  /** Put before every key, so several apps can share one Redis; default `tray-integrations:`. */
  prefix?: string;
  /** Clock for token expiry, epoch ms; default `Date.now`. Budgets use Redis's clock. */
  now?: () => number;
  /** Where the warnings of the `error` listener this store installs go, when the client has none; default console.warn. */
  warn?: (message: string) => void;
}

/** How often the installed listener repeats itself while Redis stays away. */
const WARN_EVERY_MS = 10_000;

/**
 * node-redis emits `error` each time the connection drops (and at every
 * failed reconnect); with no listener, Node turns that into an uncaught
 * exception and the process exits. A client without one gets a listener
 * that logs, and the host is told to attach its own.
 */
function keepAliveOnErrors(client: RedisCommandClient, warn: (message: string) => void): void {
  if (typeof client.on !== 'function' || typeof client.listenerCount !== 'function' || client.listenerCount('error') > 0) return;
  warn(
    'redisStore: the Redis client has no "error" listener, so losing Redis would stop this process. A listener that logs is installed now; attach your own before connecting: createClient({ url }).on("error", (error) => log(error)).',
  );
  let warnedAt = -Infinity;
  client.on('error', (error) => {
    if (Date.now() - warnedAt < WARN_EVERY_MS) return;
    warnedAt = Date.now();
    warn(`redisStore: Redis connection error (${error instanceof Error ? error.message : String(error)}); the endpoints that need the store answer 503 store-unavailable until it is back.`);
  });
}

/** Redis's clock in milliseconds, the same for every process. */
const REDIS_NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** Gcra.book (./rate.ts) as one atomic step. The key holds "tat retryAt". ARGV: interval ms, burst, max wait ms. */
const PACE = `${REDIS_NOW}
local interval, burst, maxWait = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local state = redis.call('GET', KEYS[1]) or '0 0'
local tat, retryAt = string.match(state, '(%S+) (%S+)')
tat, retryAt = tonumber(tat), tonumber(retryAt)
if tat < now then tat = now end
local wait = tat - (burst - 1) * interval - now
if wait < 0 then wait = 0 end
local granted = 1
local ms = math.ceil(wait)
if wait > maxWait then
  local at = math.max(retryAt, now + wait - maxWait)
  retryAt = at + interval
  granted, ms = 0, math.ceil(at - now)
else
  tat = tat + interval
end
redis.call('SET', KEYS[1], string.format('%.3f %.3f', tat, retryAt), 'PX', math.ceil(math.max(tat, retryAt) - now) + 1000)
return {granted, ms}`;

/** SlidingWindow.add (./rate.ts) on a sorted set. ARGV: window ms, limit, event id. */
const COUNT = `${REDIS_NOW}
local window, limit = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, math.max(1, tonumber(oldest[2]) + window - now)}
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return {1, 0}`;

/** Deletes KEYS[1] only while it still holds ARGV[1] (another process may have replaced it). */
const DELETE_IF = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** Deletes the token entry only while it still holds this token. */
const DELETE_TOKEN_IF = `local v = redis.call('GET', KEYS[1])
if v and cjson.decode(v).token == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export function redisStore(client: RedisCommandClient, options: RedisStoreOptions = {}): TrayStore {
  if (!client || typeof client.sendCommand !== 'function') {
    throw new TypeError('redisStore: pass a connected node-redis client, e.g. await createClient({ url: process.env.REDIS_URL }).connect().');
  }
  keepAliveOnErrors(client, options.warn ?? ((message) => console.warn(`[tray-integrations/server] ${message}`)));
  const prefix = options.prefix ?? 'tray-integrations:';
  const now = options.now ?? Date.now;
  const key = (kind: string, id: string) => `${prefix}${kind}:${id}`;
  /** A command, refused at once while the connection is down rather than left in node-redis's offline queue. */
  const send = async (args: string[]): Promise<unknown> => {
    if (client.isReady === false) throw new Error('Redis is not connected (the client is reconnecting).');
    return client.sendCommand(args);
  };
  // EVAL (not EVALSHA): Redis caches the compiled script either way, and a
  // restarted or failed-over Redis needs no reload step.
  const script = async (source: string, keyName: string, ...args: Array<string | number>) =>
    (await send(['EVAL', source, '1', keyName, ...args.map(String)])) as [number, number];

  const decision = ([granted, ms]: [number, number]): RateDecision =>
    granted === 1 ? { granted: true, waitMs: Number(ms) } : { granted: false, retryAfterMs: Number(ms) };

  return {
    userIds: {
      get: async (externalUserId) => (await send(['GET', key('user', externalUserId)])) as string | null,
      set: async (externalUserId, userId) => {
        await send(['SET', key('user', externalUserId), userId]);
      },
      delete: async (externalUserId, userId) => {
        await send(['EVAL', DELETE_IF, '1', key('user', externalUserId), userId]);
      },
    },
    async getToken(externalUserId) {
      const raw = (await send(['GET', key('token', externalUserId)])) as string | null;
      if (!raw) return null;
      try {
        return JSON.parse(raw) as StoredToken;
      } catch {
        return null;
      }
    },
    async setToken(externalUserId, stored, keepUntilMs) {
      const ttl = Math.floor(keepUntilMs - now());
      if (ttl <= 0) return;
      await send(['SET', key('token', externalUserId), JSON.stringify(stored), 'PX', String(ttl)]);
    },
    async deleteToken(externalUserId, token) {
      await send(['EVAL', DELETE_TOKEN_IF, '1', key('token', externalUserId), token]);
    },
    async pace(name: string, rule: PacingRule) {
      return decision(await script(PACE, key('pace', name), 1000 / rule.perSecond, rule.burst, rule.maxWaitMs));
    },
    async count(name: string, rule: WindowRule) {
      const id = crypto.randomUUID();
      const result = decision(await script(COUNT, key('count', name), rule.windowMs, rule.limit, id));
      return result.granted ? { granted: true, id } : result;
    },
    async uncount(name, id) {
      await send(['ZREM', key('count', name), id]);
    },
    async lock(name, ttlMs) {
      const proof = crypto.randomUUID();
      const answer = await send(['SET', key('lock', name), proof, 'NX', 'PX', String(Math.max(1, Math.ceil(ttlMs)))]);
      return answer === 'OK' ? proof : null;
    },
    async unlock(name, proof) {
      await send(['EVAL', DELETE_IF, '1', key('lock', name), proof]);
    },
  };
}
