/**
 * Where a solution's settings come from: the host's `resolveConfig`, or the
 * user in Tray's configuration wizard (Set up). Apart from the wizard's own
 * module so that the cards can say which before the actions have loaded;
 * the host's answers are asked for by the actions' chunk
 * (config-answers.ts), which fills in `leftToUser`.
 */
import type { Solution } from '../services/types.ts';
import type { MarketplaceSettings } from '../hooks.ts';

export class ConfigChoice {
  /**
   * Whether the host's `resolveConfig` answered undefined for `solution`
   * (asking it, the first time a card asks); set once the actions' chunk is in.
   */
  leftToUser: ((solution: Solution) => boolean) | undefined;

  constructor(private readonly settings: Pick<MarketplaceSettings, 'resolveConfig'>) {}

  /** Whether connecting `solution` takes the wizard rather than the auth-only journey. */
  usesWizard(solution: Solution): boolean {
    return solution.configSlots.length > 0 && (!this.settings.resolveConfig || !!this.leftToUser?.(solution));
  }
}
