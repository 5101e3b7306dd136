/**
 * The auths a user has already given for upgrading an integration, kept in
 * sessionStorage until every one the new version needs is there, so a reload
 * in the middle does not send the user through the dialogs again (Tray's
 * walkthrough asks to persist them). Auth ids only: no token, no code.
 */
import { AUTH_ID } from '../services/auth-id.ts';

const PREFIX = 'tray-integrations:upgrade:';
/** None gathered: always this object, so a card that shows none is seen as unchanged. */
export const NONE_GATHERED: Readonly<Record<string, string>> = Object.freeze({});

export class UpgradeAuths {
  /** Where sessionStorage is refused (privacy modes, sandboxed frames), memory serves. */
  readonly #memory = new Map<string, Record<string, string>>();
  /** Each instance's stored entry as last read: the same entry gives the same object (the cards redraw on a new one). */
  readonly #lastRead = new Map<string, { raw: string; gathered: Record<string, string> }>();

  /** Auth ids gathered for `instanceId`, by slot externalId. */
  get(instanceId: string): Readonly<Record<string, string>> {
    const stored = this.#read(instanceId);
    return stored ?? this.#memory.get(instanceId) ?? NONE_GATHERED;
  }

  set(instanceId: string, gathered: Record<string, string>): void {
    this.#memory.set(instanceId, gathered);
    try {
      sessionStorage.setItem(PREFIX + instanceId, JSON.stringify(gathered));
    } catch {
      // Memory keeps them for this page.
    }
  }

  /** The upgrade is done, or the integration is gone. */
  forget(instanceId: string): void {
    this.#memory.delete(instanceId);
    this.#lastRead.delete(instanceId);
    try {
      sessionStorage.removeItem(PREFIX + instanceId);
    } catch {
      // Nothing stored.
    }
  }

  /** What storage holds, keeping only well-formed auth ids (storage is the page's, not ours alone). */
  #read(instanceId: string): Record<string, string> | undefined {
    try {
      const raw = sessionStorage.getItem(PREFIX + instanceId);
      if (raw === null) return undefined;
      const last = this.#lastRead.get(instanceId);
      if (last?.raw === raw) return last.gathered;
      const parsed: unknown = JSON.parse(raw);
      if (!parsed || typeof parsed !== 'object') return undefined;
      const gathered: Record<string, string> = {};
      for (const [slot, authId] of Object.entries(parsed)) if (typeof authId === 'string' && AUTH_ID.test(authId)) gathered[slot] = authId;
      this.#lastRead.set(instanceId, { raw, gathered });
      return gathered;
    } catch {
      return undefined;
    }
  }
}
