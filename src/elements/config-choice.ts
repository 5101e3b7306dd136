/**
 * Where a solution's settings come from: the host's `resolveConfig`, or the
 * user in Tray's configuration wizard (Set up). Apart from the wizard's own
 * module so that the cards can say which, before the wizard has loaded.
 */
import type { Solution } from '../services/types.ts';
import type { MarketplaceSettings } from '../hooks.ts';
import type { Report } from './outcome.ts';

export class ConfigChoice {
  /** Solutions whose config the host's `resolveConfig` left to the user: they go through the wizard. */
  readonly #wizardOnly = new Set<string>();

  constructor(
    private readonly settings: Pick<MarketplaceSettings, 'resolveConfig'>,
    private readonly report: Report,
  ) {}

  /** Whether connecting `solution` takes the wizard rather than the auth-only journey. */
  usesWizard(solution: Solution): boolean {
    return solution.configSlots.length > 0 && (!this.settings.resolveConfig || this.#wizardOnly.has(solution.id));
  }

  /**
   * The config values the host supplies for `solution`, or undefined when
   * it has none: then the user sets it up in the wizard (Set up).
   */
  async resolve(solution: Solution): Promise<Record<string, unknown> | undefined> {
    if (!solution.configSlots.length) return undefined;
    const values = await this.settings.resolveConfig?.(solution);
    if (values) return values;
    this.#wizardOnly.add(solution.id);
    this.report({ say: (m) => m.announceNeedsSetup(solution.title) });
    return undefined;
  }
}
