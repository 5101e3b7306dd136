/**
 * When the widget enables an integration by itself (a new one that needs
 * nothing more from the user): the host's `autoEnable` is on and the
 * solution does not opt out.
 */
import type { MarketplaceSettings } from '../hooks.ts';
import type { Solution } from '../services/types.ts';

export function shouldAutoEnable(settings: Pick<MarketplaceSettings, 'autoEnable'>, solution: Solution): boolean {
  return settings.autoEnable && solutionAllowsAutoEnable(solution);
}

/**
 * Whether the widget may enable an integration of `solution` by itself: not
 * when the solution's `disableautoenable` custom field says so (as Tray's
 * reference app honours it).
 */
function solutionAllowsAutoEnable(solution: Solution): boolean {
  return !solution.customFields?.some((f) => f.key.toLowerCase() === 'disableautoenable' && /^(true|1|yes)$/i.test(f.value.trim()));
}
