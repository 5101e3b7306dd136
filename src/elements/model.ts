/**
 * What a card shows, derived from Tray's data alone (no DOM), so every
 * state has one definition.
 */
import type { AuthSlot, AuthValue, Solution, SolutionInstance } from '../services/types.ts';

export type CardState = 'not-connected' | 'needs-auth' | 'update-required' | 'enabled' | 'disabled';

/** The auth slots of the solution that the instance has no auth for yet. */
export function missingSlots(solution: Solution, instance: SolutionInstance): AuthSlot[] {
  return solution.authSlots.filter((slot) => !instance.authValues.some((value) => value.externalId === slot.externalId));
}

/** The id of the auth the instance holds in the slot `externalId`, or null while it has none. */
export function authIdOf(instance: SolutionInstance, externalId: string): string | null {
  return instance.authValues.find((value) => value.externalId === externalId)?.authId ?? null;
}

export function cardState(solution: Solution, instance: SolutionInstance | undefined): CardState {
  if (!instance) return 'not-connected';
  if (instance.solutionVersionFlags?.requiresUserInputToUpdateVersion) return 'update-required';
  if (missingSlots(solution, instance).length) return 'needs-auth';
  return instance.enabled ? 'enabled' : 'disabled';
}

/**
 * The slots the user re-authorizes to upgrade: the ones the new version
 * added (no value yet), or, when none is missing, every slot, since Tray
 * does not say which auth changed.
 */
export function upgradeSlots(solution: Solution, instance: SolutionInstance): AuthSlot[] {
  const missing = missingSlots(solution, instance);
  return missing.length ? missing : solution.authSlots;
}

/** The instance's auth values with `externalId` set to `authId`, order kept. */
export function authValuesWith(values: readonly AuthValue[], externalId: string, authId: string): AuthValue[] {
  const next = values.map((value) => (value.externalId === externalId ? { externalId, authId } : { ...value }));
  if (!next.some((value) => value.externalId === externalId)) next.push({ externalId, authId });
  return next;
}
