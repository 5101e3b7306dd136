/**
 * Solutions with config slots, through Tray's configuration wizard: set up a
 * new integration (create it as the wizard opens, delete it if the user
 * leaves), or edit the settings of an existing one. Each opens the wizard
 * inside the user's click.
 */
import * as tray from '../services/api.ts';
import { openConfigWizard } from '../services/config-wizard.ts';
import { toTrayError, TrayError } from '../services/errors.ts';
import { instanceNameFor } from '../services/instance-name.ts';
import type { Solution, SolutionInstance } from '../services/types.ts';
import { TrayConfigureEvent, TrayConnectEvent } from '../events.ts';
import { IDLE, instanceKey, solutionKey, WORKING, type CardActivity } from './card-activity.ts';
import type { FlowActions } from './flow-actions.ts';
import type { MarketplaceState } from './marketplace-state.ts';
import type { FocusTarget } from './outcome.ts';
import { popupSettings } from './popup-settings.ts';
import { shouldAutoEnable } from './auto-enable.ts';

/** A card while its wizard is open: busy (no button competes with the window), and saying where to go on. */
const SETTING_UP: CardActivity = { kind: 'working', say: (m) => m.settingUp };

export class SetupFlows {
  constructor(
    private readonly state: MarketplaceState,
    private readonly actions: FlowActions,
  ) {}

  /** A new integration configured in the wizard: created as it opens, enabled when it finishes, deleted if the user leaves. */
  setUp(solution: Solution): void {
    const key = solutionKey(solution.id);
    if (this.state.cards.busy(key)) return;
    const request = new TrayConfigureEvent({ solutionId: solution.id, phase: 'request' });
    if (!this.state.report({ event: new TrayConnectEvent({ solutionId: solution.id, phase: 'request' }) }) || !this.state.report({ event: request })) return;
    void this.actions.run(key, () => this.#setUp(solution));
  }

  /**
   * Connect, when the host's answer (come after the click) left the settings
   * to the user: the wizard, in the window the click opened.
   */
  async wizardIn(solution: Solution, popup: Window | null): Promise<FocusTarget | void> {
    if (!this.state.report({ event: new TrayConfigureEvent({ solutionId: solution.id, phase: 'request' }) })) {
      popup?.close();
      return;
    }
    return this.#setUp(solution, popup);
  }

  /** Creates the integration as the wizard opens (in `popup`, when the click opened one), and follows the wizard to its end. */
  async #setUp(solution: Solution, popup?: Window | null): Promise<FocusTarget | void> {
    const key = solutionKey(solution.id);
    // The card points to the window, and offers nothing that would compete with it.
    this.state.cards.set(key, SETTING_UP);
    let created: SolutionInstance | undefined;
    const creating = tray
      .createInstance(this.state.client, { solutionId: solution.id, instanceName: instanceNameFor(solution.title) }, this.state.signal)
      .then((instance) => {
        created = instance;
        // The new integration's card takes the solution's place, still set up in the window.
        this.state.cards.set(instanceKey(instance.id), SETTING_UP);
        this.actions.put(instance);
        this.state.report({ event: new TrayConnectEvent({ solutionId: solution.id, phase: 'created', instanceId: instance.id }) });
        return instance.id;
      });
    const wizard = this.#open(solution, creating, popup);
    try {
      await wizard;
      // The window is closed: the card is free for what comes next.
      if (created) this.state.cards.set(instanceKey(created.id), IDLE);
    } catch (thrown) {
      // The wizard could not even start because the create failed: that error, not the wizard's, is what happened.
      if (!created) await creating;
      const card = instanceKey(created!.id);
      if (toTrayError(thrown).code !== 'dialog-closed') {
        // The new integration stays (the user can edit its settings or delete it); its card shows why.
        await this.actions.fail(card, thrown);
        return;
      }
      // Busy while it is deleted; free again only if it stays without a failure to show.
      this.state.cards.set(card, WORKING);
      await this.#leave(solution, created!.id, true);
      if (this.state.cards.get(card) === WORKING) this.state.cards.set(card, IDLE);
      return { key, action: 'setup' };
    }
    // From here on the integration's own card shows progress and errors.
    const id = created!.id;
    await this.actions.run(instanceKey(id), () => this.#finished(solution, id, true));
  }

  /** The wizard again, on an existing integration; nothing is deleted if the user leaves. */
  editSettings(instance: SolutionInstance): void {
    const solution = this.actions.solutionOf(instance);
    const key = instanceKey(instance.id);
    if (!solution || this.state.cards.busy(key)) return;
    if (!this.state.report({ event: new TrayConfigureEvent({ solutionId: solution.id, instanceId: instance.id, phase: 'request' }) })) return;
    void this.actions.run(key, async () => {
      this.state.cards.set(key, SETTING_UP);
      try {
        await this.#open(solution, instance.id);
      } catch (thrown) {
        if (toTrayError(thrown).code !== 'dialog-closed') throw thrown;
        await this.#leave(solution, instance.id, false);
        return { key, action: 'configure' };
      }
      return this.#finished(solution, instance.id, false);
    });
  }

  // Async so that a bad dialog origin becomes a rejection.
  async #open(solution: Solution, instanceId: string | Promise<string>, popup?: Window | null): Promise<unknown> {
    const validateConfig = this.state.settings.validateConfig;
    return openConfigWizard({
      ...popupSettings(this.state.settings, this.state.signal, this.state.busy),
      solutionInstanceId: instanceId,
      popup,
      validate: validateConfig && ((slots, signal) => validateConfig(slots, { solution, signal })),
    }).result;
  }

  /** The user finished: Tray has the settings; re-read them, and enable a new integration unless told not to. */
  async #finished(solution: Solution, instanceId: string, isNew: boolean): Promise<FocusTarget> {
    const fresh = await tray.getInstance(this.state.client, instanceId, this.state.signal);
    if (!fresh) throw new TrayError('not-found', 'That integration no longer exists.');
    this.actions.put(fresh);
    this.state.report({
      event: new TrayConfigureEvent({ solutionId: solution.id, instanceId, phase: 'finished' }),
      say: (m) => m.announceConfigured(solution.title),
    });
    if (isNew && !fresh.enabled && shouldAutoEnable(this.state.settings, solution)) await this.actions.enable(instanceId, true);
    return { key: instanceKey(instanceId), action: 'configure' };
  }

  /** The user cancelled or closed the wizard: a new integration is deleted (no orphan), an existing one kept. */
  async #leave(solution: Solution, instanceId: string, isNew: boolean): Promise<void> {
    this.state.report({
      event: new TrayConfigureEvent({ solutionId: solution.id, instanceId, phase: 'cancelled' }),
      say: (m) => m.announceSetupCancelled(solution.title),
    });
    if (isNew) await this.actions.discard(instanceId);
  }
}
