/**
 * The user's connected accounts (Tray authentications) as the accounts view
 * lists them: each with the integrations that use it, and through which
 * slot. Pure: from the marketplace data only.
 */
import type { Authentication, AuthSlot, Marketplace, SolutionInstance } from '../../services/types.ts';

/** One integration's slot that holds the account. */
export interface AccountUse {
  instance: SolutionInstance;
  slot: AuthSlot;
  /** The integration's title: its solution's, or the instance's own name when the solution is not loaded (a `tags` filter). */
  title: string;
}

export interface Account {
  auth: Authentication;
  uses: AccountUse[];
}

/** Every authentication the user has, in Tray's order, with its uses. */
export function accountsOf({ solutions, instances, authentications }: Marketplace): Account[] {
  const byAuth = new Map<string, AccountUse[]>();
  // Looked up once per instance, not scanned: a catalogue may hold thousands of solutions.
  const solutionById = new Map(solutions.map((s) => [s.id, s]));
  for (const instance of instances) {
    const solution = solutionById.get(instance.solution.id);
    for (const value of instance.authValues) {
      const slot = solution?.authSlots.find((s) => s.externalId === value.externalId) ?? { externalId: value.externalId, title: value.externalId };
      const uses = byAuth.get(value.authId) ?? [];
      // An instance with the account in two slots is one integration that uses it.
      if (!uses.some((use) => use.instance.id === instance.id)) uses.push({ instance, slot, title: solution?.title ?? instance.name });
      byAuth.set(value.authId, uses);
    }
  }
  return authentications.map((auth) => ({ auth, uses: byAuth.get(auth.id) ?? [] }));
}

/** Auth ids the instances hold that the list of authentications does not have (yet): a fresh authorization, not re-read. */
export function unlistedAuthIds({ instances, authentications }: Marketplace): string[] {
  const listed = new Set(authentications.map((a) => a.id));
  return [...new Set(instances.flatMap((i) => i.authValues.map((v) => v.authId)))].filter((id) => !listed.has(id));
}
