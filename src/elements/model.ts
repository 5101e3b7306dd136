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

export function cardState(solution: Solution, instance: SolutionInstance | undefined): CardState {
  if (!instance) return 'not-connected';
  if (instance.solutionVersionFlags?.requiresUserInputToUpdateVersion) return 'update-required';
  if (missingSlots(solution, instance).length) return 'needs-auth';
  return instance.enabled ? 'enabled' : 'disabled';
}

/**
 * Whether the widget may enable an integration of `solution` by itself: not
 * when the solution's `disableautoenable` custom field says so (as Tray's
 * reference app honours it).
 */
export function autoEnables(solution: Solution): boolean {
  return !solution.customFields?.some((f) => f.key.toLowerCase() === 'disableautoenable' && /^(true|1|yes)$/i.test(f.value.trim()));
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
export function withAuth(values: readonly AuthValue[], externalId: string, authId: string): AuthValue[] {
  const next = values.map((value) => (value.externalId === externalId ? { externalId, authId } : { ...value }));
  if (!next.some((value) => value.externalId === externalId)) next.push({ externalId, authId });
  return next;
}

/**
 * A picture URL from Tray that is safe to put in `<img src>`: an absolute
 * https: URL, or a data: image. A relative URL would become a request to the
 * host's own origin carrying its cookies, and http: would be mixed content,
 * so both are dropped, as are javascript:, blob: and anything malformed.
 */
export function safeImageUrl(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const text = value.trim();
  if (/^data:image\/[a-z0-9.+-]+[;,]/i.test(text)) return text;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const IMAGE_KEYS = /^(image|image_?url|logo|icon)$/i;

/** The solution's picture, from the first customField named like an image. */
export function solutionImage(solution: Solution): string | null {
  for (const field of solution.customFields ?? []) {
    if (IMAGE_KEYS.test(field.key)) {
      const url = safeImageUrl(field.value);
      if (url) return url;
    }
  }
  return null;
}
