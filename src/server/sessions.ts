/**
 * Host user → Tray user id and user token. Tray asks partners not to look
 * users up on every call, and a user token lives two days, so both are kept
 * in the store: the id for good, the token until shortly before it expires.
 * Concurrent first requests for one user in this process share one lookup;
 * across processes, a short lock in the store lets one of them look up and
 * create the user while the others wait for its id, so the user is created
 * once even where Tray would accept a duplicate.
 */
import { sleep } from '../services/sleep.ts';
import type { EventSink } from './events.ts';
import type { UserCreation } from './options.ts';
import type { TrayStore, TrayUserIds } from './store.ts';
import { TrayServerError, type TrayAdmin } from './tray-admin.ts';

/** Tray's documented user-token lifetime. */
export const TOKEN_LIFETIME_MS = 2 * 24 * 60 * 60 * 1000;
/** A cached token is handed out only while it has at least this long left. */
export const TOKEN_REFRESH_MARGIN_MS = 60 * 60 * 1000;

/**
 * How long the lookup-and-create lock is held at most: room for both calls
 * to wait for their pacing turn and for Tray. It is given back as soon as
 * the id is saved; this bound only matters when its holder died.
 */
export const USER_LOCK_MS = 30_000;
/** How long a request waits for another process to create its user before it is told to come back. */
export const USER_WAIT_MS = 10_000;
/** How often a waiting request looks for the id the lock holder saves. */
const USER_POLL_MS = 50;

export interface TraySession {
  token: string;
  /** When Tray will stop accepting the token (ISO-8601 UTC), measured conservatively from before the request. */
  expiresAt: string;
  /** The Tray user id. */
  userId: string;
}

export class SessionStore {
  private readonly pendingUsers = new Map<string, Promise<string>>();
  private readonly pendingSessions = new Map<string, Promise<TraySession>>();

  constructor(
    private readonly admin: TrayAdmin,
    private readonly store: TrayStore,
    private readonly userIds: TrayUserIds,
    private readonly now: () => number,
    /** The host's `onEvent`, made safe: `user-created`, `token-issued`, `code-issued`. */
    private readonly events?: EventSink,
    /** Look the user up before creating them, or create first and look up only if Tray has them already. */
    private readonly userCreation: UserCreation = 'lookup-first',
  ) {}

  /** The cached token while fresh, or null: then `session` would call Tray. */
  async cached(externalUserId: string): Promise<TraySession | null> {
    const stored = await this.store.getToken(externalUserId);
    if (!stored || this.now() >= stored.expiresAtMs - TOKEN_REFRESH_MARGIN_MS) return null;
    return { token: stored.token, userId: stored.userId, expiresAt: new Date(stored.expiresAtMs).toISOString() };
  }

  /** A token for the user: the cached one while fresh, else a new `authorize`. */
  async session(externalUserId: string, name: string): Promise<TraySession> {
    return (await this.cached(externalUserId)) ?? this.shared(this.pendingSessions, externalUserId, () => this.authorize(externalUserId, name));
  }

  /** A fresh one-time authorization code; never cached (single use, 5 minutes). */
  authorizationCode(externalUserId: string, name: string): Promise<string> {
    return this.withUser(externalUserId, name, async (userId) => {
      const code = await this.admin.authorizationCode(userId, externalUserId);
      this.events?.({ type: 'code-issued', externalUserId, userId });
      return code;
    });
  }

  /**
   * Drops a cached token Tray has just refused, so the browser's next
   * `/session` gets a new one instead of the same dead token again.
   */
  forgetToken(externalUserId: string, token: string): Promise<void> {
    return this.store.deleteToken(externalUserId, token);
  }

  private async authorize(externalUserId: string, name: string): Promise<TraySession> {
    const issuedAt = this.now();
    const expiresAtMs = issuedAt + TOKEN_LIFETIME_MS;
    const { userId, token } = await this.withUser(externalUserId, name, async (userId) => ({ userId, token: await this.admin.authorize(userId, externalUserId) }));
    // The token is good whether or not the store keeps it: a store lost just now costs a later authorize, not this answer.
    await this.store.setToken(externalUserId, { token, userId, expiresAtMs }, expiresAtMs - TOKEN_REFRESH_MARGIN_MS).catch(() => undefined);
    const expiresAt = new Date(expiresAtMs).toISOString();
    this.events?.({ type: 'token-issued', externalUserId, userId, expiresAt });
    return { token, userId, expiresAt };
  }

  /**
   * Runs a master-token call for the user's Tray id. If Tray says the user
   * no longer exists (removed in Tray since it was saved), the saved id is
   * dropped and the user found or created once more.
   */
  private async withUser<T>(externalUserId: string, name: string, call: (userId: string) => Promise<T>): Promise<T> {
    const userId = await this.userId(externalUserId, name);
    try {
      return await call(userId);
    } catch (error) {
      if (!(error instanceof TrayServerError) || error.trayCode !== 'user_does_not_exist') throw error;
      await this.userIds.delete(externalUserId, userId);
      return call(await this.userId(externalUserId, name));
    }
  }

  private async userId(externalUserId: string, name: string): Promise<string> {
    const saved = await this.userIds.get(externalUserId);
    if (saved) return saved;
    return this.shared(this.pendingUsers, externalUserId, () => this.userIdOnce(externalUserId, name));
  }

  /**
   * Finds or creates the Tray user while holding the store's lock for this
   * id; without the lock, waits for the holder to save the id (or for the
   * lock to come free, if the holder failed).
   */
  private async userIdOnce(externalUserId: string, name: string): Promise<string> {
    const { lock, unlock } = this.store;
    if (!lock || !unlock) return this.findOrCreateUser(externalUserId, name);
    const key = `create-user:${externalUserId}`;
    const giveUpAt = Date.now() + USER_WAIT_MS;
    for (;;) {
      const proof = await lock.call(this.store, key, USER_LOCK_MS);
      if (proof !== null) {
        try {
          // The previous holder may have saved the id just before we took the lock.
          return (await this.userIds.get(externalUserId)) || (await this.findOrCreateUser(externalUserId, name));
        } finally {
          await unlock.call(this.store, key, proof).catch(() => undefined);
        }
      }
      await sleep(USER_POLL_MS);
      const saved = await this.userIds.get(externalUserId);
      if (saved) return saved;
      if (Date.now() >= giveUpAt) {
        throw new TrayServerError(429, 'busy', 'This user is being set up by another request; try again in a moment.', undefined, 1000);
      }
    }
  }

  /**
   * The one place a Tray user is looked up and, if Tray has none, created;
   * the id is saved before the lock is given back. Under the lock, create
   * first is as safe as look up first for users signing in at once: only
   * the holder creates, and the others take the id it saves.
   */
  private async findOrCreateUser(externalUserId: string, name: string): Promise<string> {
    const userId = this.userCreation === 'create-first' ? await this.createOrFindUser(externalUserId, name) : await this.lookUpOrCreateUser(externalUserId, name);
    await this.userIds.set(externalUserId, userId);
    return userId;
  }

  private async lookUpOrCreateUser(externalUserId: string, name: string): Promise<string> {
    return (await this.admin.findUser(externalUserId)) ?? (await this.createOrFindUser(externalUserId, name));
  }

  /** Creates the user; Tray's `user_already_exists` means they were there already (created elsewhere, or an id the store lost): look them up. */
  private async createOrFindUser(externalUserId: string, name: string): Promise<string> {
    try {
      const userId = await this.admin.createUser(externalUserId, name);
      this.events?.({ type: 'user-created', externalUserId, userId });
      return userId;
    } catch (error) {
      if (!(error instanceof TrayServerError) || error.trayCode !== 'user_already_exists') throw error;
      const userId = await this.admin.findUser(externalUserId);
      if (userId === null) throw error;
      return userId;
    }
  }

  /** One in-flight promise per key: concurrent callers await the same work. */
  private shared<T>(pending: Map<string, Promise<T>>, key: string, work: () => Promise<T>): Promise<T> {
    const existing = pending.get(key);
    if (existing) return existing;
    const promise = work().finally(() => pending.delete(key));
    pending.set(key, promise);
    return promise;
  }
}
