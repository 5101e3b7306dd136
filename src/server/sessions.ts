/**
 * Host user → Tray user id and user token, cached. Tray asks partners not to
 * look users up on every call, and a user token lives two days, so both are
 * kept in memory: the id for as long as the entry stays, the token until
 * shortly before it expires. Concurrent first requests for one user share
 * one lookup, so a user is never created twice by this process.
 */
import { TrayServerError, type TrayAdmin } from './tray-admin.ts';

/** Tray's documented user-token lifetime. */
export const TOKEN_LIFETIME_MS = 2 * 24 * 60 * 60 * 1000;
/** A cached token is handed out only while it has at least this long left. */
export const TOKEN_REFRESH_MARGIN_MS = 60 * 60 * 1000;
/** Bounds memory on hosts with many users; least recently used go first. */
export const MAX_CACHED_USERS = 10_000;

export interface TraySession {
  token: string;
  /** When Tray will stop accepting the token (ISO-8601 UTC), measured conservatively from before the request. */
  expiresAt: string;
  /** The Tray user id. */
  userId: string;
}

interface Entry {
  userId: string;
  token?: string;
  expiresAtMs?: number;
}

export class SessionStore {
  private readonly entries = new Map<string, Entry>();
  private readonly pendingUsers = new Map<string, Promise<string>>();
  private readonly pendingSessions = new Map<string, Promise<TraySession>>();

  constructor(
    private readonly admin: TrayAdmin,
    private readonly now: () => number,
  ) {}

  /** A token for the user: the cached one while fresh, else a new `authorize`. */
  session(externalUserId: string, name: string): Promise<TraySession> {
    const entry = this.touch(externalUserId);
    if (entry?.token && entry.expiresAtMs !== undefined && this.now() < entry.expiresAtMs - TOKEN_REFRESH_MARGIN_MS) {
      return Promise.resolve(toSession(entry));
    }
    return this.shared(this.pendingSessions, externalUserId, () => this.authorize(externalUserId, name));
  }

  /** A fresh one-time authorization code; never cached (single use, 5 minutes). */
  async authorizationCode(externalUserId: string, name: string): Promise<string> {
    return this.withUser(externalUserId, name, (userId) => this.admin.authorizationCode(userId));
  }

  /**
   * Drops a cached token Tray has just refused, so the browser's next
   * `/session` gets a new one instead of the same dead token again.
   */
  forgetToken(externalUserId: string, token: string): void {
    const entry = this.entries.get(externalUserId);
    if (entry?.token === token) {
      delete entry.token;
      delete entry.expiresAtMs;
    }
  }

  private async authorize(externalUserId: string, name: string): Promise<TraySession> {
    const issuedAt = this.now();
    const entry = await this.withUser(externalUserId, name, async (userId): Promise<Entry> => {
      const token = await this.admin.authorize(userId);
      return { userId, token, expiresAtMs: issuedAt + TOKEN_LIFETIME_MS };
    });
    this.remember(externalUserId, entry);
    return toSession(entry);
  }

  /**
   * Runs a master-token call for the user's Tray id. If Tray says the user
   * no longer exists (removed in Tray since it was cached), the mapping is
   * dropped and looked up once more.
   */
  private async withUser<T>(externalUserId: string, name: string, call: (userId: string) => Promise<T>): Promise<T> {
    const userId = await this.userId(externalUserId, name);
    try {
      return await call(userId);
    } catch (error) {
      if (!(error instanceof TrayServerError) || error.trayCode !== 'user_does_not_exist') throw error;
      if (this.entries.get(externalUserId)?.userId === userId) this.entries.delete(externalUserId);
      return call(await this.userId(externalUserId, name));
    }
  }

  private userId(externalUserId: string, name: string): Promise<string> {
    const cached = this.touch(externalUserId);
    if (cached) return Promise.resolve(cached.userId);
    return this.shared(this.pendingUsers, externalUserId, async () => {
      let userId = await this.admin.findUser(externalUserId);
      if (userId === null) {
        try {
          userId = await this.admin.createUser(externalUserId, name);
        } catch (error) {
          // Another server process created it between our lookup and create.
          if (!(error instanceof TrayServerError) || error.trayCode !== 'user_already_exists') throw error;
          userId = await this.admin.findUser(externalUserId);
          if (userId === null) throw error;
        }
      }
      this.remember(externalUserId, { userId });
      return userId;
    });
  }

  /** One in-flight promise per key: concurrent callers await the same work. */
  private shared<T>(pending: Map<string, Promise<T>>, key: string, work: () => Promise<T>): Promise<T> {
    const existing = pending.get(key);
    if (existing) return existing;
    const promise = work().finally(() => pending.delete(key));
    pending.set(key, promise);
    return promise;
  }

  private touch(externalUserId: string): Entry | undefined {
    const entry = this.entries.get(externalUserId);
    if (entry) {
      // Re-insert: Map order doubles as least-recently-used order.
      this.entries.delete(externalUserId);
      this.entries.set(externalUserId, entry);
    }
    return entry;
  }

  private remember(externalUserId: string, entry: Entry): void {
    this.entries.delete(externalUserId);
    this.entries.set(externalUserId, entry);
    while (this.entries.size > MAX_CACHED_USERS) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

function toSession(entry: Entry): TraySession {
  return { token: entry.token!, expiresAt: new Date(entry.expiresAtMs!).toISOString(), userId: entry.userId };
}
