/**
 * `redisStore(client)`: the store for a fleet. Every process that shares
 * the Redis sees the same Tray user ids and tokens, and books master-token
 * calls from one bucket, so the fleet as a whole stays under Tray's rate
 * limit. The budgets run as Lua scripts on Redis's own clock: one atomic
 * step each, and no dependence on the hosts' clocks agreeing.
 *
 * The client is the host's own, connected node-redis client (`redis` on
 * npm, v4 or later): this module only calls its `sendCommand`, so it adds no
 * dependency and works with whatever connection options the host needs.
 */
import type { PacingRule, RateDecision, StoredToken, TrayStore, WindowRule } from './store.ts';

/** The one method used from node-redis's client (`createClient()`, connected). */
export interface RedisCommandClient {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface RedisStoreOptions {
  /** Put before every key, so several apps can share one Redis; default `tray-integrations:`. */
  prefix?: string;
  /** Clock for token expiry, epoch ms; default `Date.now`. Budgets use Redis's clock. */
  now?: () => number;
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
  const prefix = options.prefix ?? 'tray-integrations:';
  const now = options.now ?? Date.now;
  const key = (kind: string, id: string) => `${prefix}${kind}:${id}`;
  // EVAL (not EVALSHA): Redis caches the compiled script either way, and a
  // restarted or failed-over Redis needs no reload step.
  const script = async (source: string, keyName: string, ...args: Array<string | number>) =>
    (await client.sendCommand(['EVAL', source, '1', keyName, ...args.map(String)])) as [number, number];

  const decision = ([granted, ms]: [number, number]): RateDecision =>
    granted === 1 ? { granted: true, waitMs: Number(ms) } : { granted: false, retryAfterMs: Number(ms) };

  return {
    userIds: {
      get: async (externalUserId) => (await client.sendCommand(['GET', key('user', externalUserId)])) as string | null,
      set: async (externalUserId, userId) => {
        await client.sendCommand(['SET', key('user', externalUserId), userId]);
      },
      delete: async (externalUserId, userId) => {
        await client.sendCommand(['EVAL', DELETE_IF, '1', key('user', externalUserId), userId]);
      },
    },
    async getToken(externalUserId) {
      const raw = (await client.sendCommand(['GET', key('token', externalUserId)])) as string | null;
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
      await client.sendCommand(['SET', key('token', externalUserId), JSON.stringify(stored), 'PX', String(ttl)]);
    },
    async deleteToken(externalUserId, token) {
      await client.sendCommand(['EVAL', DELETE_TOKEN_IF, '1', key('token', externalUserId), token]);
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
      await client.sendCommand(['ZREM', key('count', name), id]);
    },
  };
}
