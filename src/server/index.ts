/**
 * `tray-integrations/server`: what a host mounts on its backend. No browser
 * code: a Fetch API handler plus an adapter for Node's http/Express/connect.
 */
export { createTrayHandler } from './handler.ts';
export { DEFAULT_BASE_PATH, DEFAULT_MAX_BODY_BYTES, DEFAULT_MASTER_TOKEN_RATE, DEFAULT_USER_RATE_LIMIT } from './options.ts';
export type { TrayHandler, TrayHandlerOptions, TrayLogEntry, TrayUser, UserCreation } from './options.ts';
export type { TrayServerEvent, TrayServerEventType } from './events.ts';
export { toNodeListener } from './node.ts';
export type { NodeContext, NodeListener, NodeNext } from './node.ts';
export { TOKEN_LIFETIME_MS, TOKEN_REFRESH_MARGIN_MS } from './sessions.ts';
export type { TraySession } from './sessions.ts';
export { memoryStore } from './store.ts';
export type { PacingRule, RateDecision, StoredToken, TrayStore, TrayUserIds, WindowRule } from './store.ts';
export { redisStore } from './redis-store.ts';
export type { RedisCommandClient, RedisStoreOptions } from './redis-store.ts';
