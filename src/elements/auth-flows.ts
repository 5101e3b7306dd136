/**
 * The three journeys through Tray's auth-only dialog: authorize an empty
 * slot, reconnect a filled one (and give the new auth to every instance that
 * used the old), and gather the auths a newer version needs, then upgrade.
 * Each opens the dialog inside the user's click.
 */
import * as tray from '../services/api.ts';
import { openAuthDialog } from '../services/auth-dialog.ts';
import { toTrayError } from '../services/errors.ts';
import type { Authentication, AuthSlot, Solution, SolutionInstance } from '../services/types.ts';
import { errorEvent, TrayAuthorizeEvent } from '../events.ts';
import { IDLE, instanceKey, solutionKey, type AuthMode } from './card-activity.ts';
import type { FlowActions } from './flow-actions.ts';
import type { MarketplaceState } from './marketplace-state.ts';
import type { FocusTarget } from './outcome.ts';
import { popupSettings } from './popup-settings.ts';
import { shouldAutoEnable } from './auto-enable.ts';
import { authIdOf, authValuesWith, missingSlots, upgradeSlots } from './model.ts';

/** An auth dialog on its way: its result, and the user's auths as it opened (unknown when it never opened). */
interface OpenDialog {
  result: Promise<{ authId: string }>;
  before?: Promise<Authentication[]> | undefined;
}

export class AuthFlows {
  constructor(
    private readonly state: MarketplaceState,
    private readonly actions: FlowActions,
  ) {}

  /** Opens the dialog for an empty slot; once all are filled, enables (with `autoEnable`). */
  authorize(instance: SolutionInstance, slot: AuthSlot): void {
    this.#askForAuth(instance, slot, 'authorize', this.#useAuthorize(instance, slot));
  }

  /** What Authorize does with the new auth: attaches it, and once all are filled, enables (with `autoEnable`). */
  #useAuthorize(instance: SolutionInstance, slot: AuthSlot) {
    return async (authId: string): Promise<FocusTarget | void> => {
      const attached = await this.#attach(instance.id, slot, authId, 'authorize');
      if (!attached) return;
      const { updated, solution } = attached;
      const left = missingSlots(solution, updated);
      const focus = { key: instanceKey(updated.id), action: left.length ? 'authorize' : 'toggle' };
      if (!left.length && !updated.enabled && shouldAutoEnable(this.state.settings, solution)) await this.actions.enable(updated.id, true);
      return focus;
    };
  }

  /** Replaces a slot's auth, then gives the new auth to every other instance that used the old one. */
  reconnect(instance: SolutionInstance, slot: AuthSlot): void {
    this.#askForAuth(instance, slot, 'reconnect', async (authId) => {
      const attached = await this.#attach(instance.id, slot, authId, 'reconnect');
      if (!attached) return;
      const { updated, solution, previous } = attached;
      const focus = { key: instanceKey(updated.id), action: missingSlots(solution, updated).length ? 'authorize' : 'toggle' };
      if (previous && previous !== authId) await this.#propagate(updated.id, previous, authId);
      return focus;
    });
  }

  /** Gathers an auth for each slot the newer version needs, then upgrades in one call. */
  upgrade(instance: SolutionInstance, slot: AuthSlot): void {
    this.#askForAuth(instance, slot, 'upgrade', async (authId) => {
      const current = this.actions.instance(instance.id);
      const solution = current && this.actions.solutionOf(current);
      if (!current || !solution) return;
      const key = instanceKey(current.id);
      const gathered = { ...this.state.gathered.get(current.id), [slot.externalId]: authId };
      this.state.gathered.set(current.id, gathered);
      const needed = upgradeSlots(solution, current);
      if (needed.some((s) => !gathered[s.externalId])) {
        this.state.report({ say: (m) => m.announceAuthorized(slot.title) });
        return { key, action: 'update' };
      }
      let values = current.authValues;
      for (const [externalId, value] of Object.entries(gathered)) values = authValuesWith(values, externalId, value);
      const upgraded = await tray.upgradeInstance(this.state.client, current.id, values, this.state.signal);
      this.state.gathered.forget(current.id);
      this.actions.put(upgraded);
      for (const s of needed) {
        const previousAuthId = authIdOf(current, s.externalId);
        const init = { instanceId: current.id, externalId: s.externalId, authId: gathered[s.externalId]!, reason: 'upgrade' as const, previousAuthId };
        this.state.report({ event: new TrayAuthorizeEvent(init) });
      }
      this.state.report({ say: (m) => m.announceUpdated(solution.title) });
      return { key, action: upgraded.enabled ? 'toggle' : 'authorize' };
    });
  }

  /** After a blocked popup: the user's fresh click opens the same dialog again. */
  continueBlocked(instance: SolutionInstance): void {
    const activity = this.state.cards.get(instanceKey(instance.id));
    if (activity.kind === 'popup-blocked') this[activity.mode](instance, activity.slot);
  }

  /**
   * Connect's first service: the dialog shows in `popup`, opened inside the
   * click, once `creating` (the new integration) and the one-time code are
   * in; from then on the integration's own card shows what happens. The
   * rest is Authorize's: cancelling deletes the new integration. `code`,
   * when asked already (codeAhead), is the dialog's one-time code.
   */
  async first(solution: Solution, creating: Promise<SolutionInstance>, popup: Window | null, code?: Promise<string>): Promise<void> {
    const slot = solution.authSlots[0]!;
    const dialog = this.#open(creating.then((instance) => instance.id), slot, popup, code);
    const instance = await creating;
    // The solution's card is now the integration's: that card shows the rest.
    this.state.cards.set(solutionKey(solution.id), IDLE);
    await this.actions.run(instanceKey(instance.id), () => this.#settle(instance, slot, 'authorize', dialog, this.#useAuthorize(instance, slot)));
  }

  /**
   * Opens Tray's auth dialog for `slot` and hands the new auth to `use`.
   * Synchronous up to `openAuthDialog`: any await before it and the browser
   * blocks the popup.
   */
  #askForAuth(instance: SolutionInstance, slot: AuthSlot, mode: AuthMode, use: (authId: string) => Promise<FocusTarget | void>): void {
    void this.actions.run(instanceKey(instance.id), () => this.#settle(instance, slot, mode, this.#open(instance.id, slot), use));
  }

  /**
   * A dialog's one-time code, asked now: Connect asks before its window
   * opens, which takes a while in some browsers, so the code is on its way
   * meanwhile. Undefined when a setting is missing (the dialog then says which).
   */
  codeAhead(): Promise<string> | undefined {
    try {
      const code = popupSettings(this.state.settings, this.state.signal, this.state.busy).fetchAuthCode();
      code.catch(() => {}); // the dialog that uses it reports a failure
      return code;
    } catch {
      return undefined;
    }
  }

  /** The dialog, opened now (or shown in `popup`), and what the user had as it opened. */
  #open(instanceId: string | Promise<string>, slot: AuthSlot, popup?: Window | null, code?: Promise<string>): OpenDialog {
    try {
      const settings = popupSettings(this.state.settings, this.state.signal, this.state.busy);
      const dialog = openAuthDialog({
        ...settings,
        fetchAuthCode: code ? () => code : settings.fetchAuthCode,
        solutionInstanceId: instanceId,
        externalAuthId: slot.externalId,
        popup,
      });
      // What the user has as the dialog opens, to recognise the auth it makes should its finish message be lost.
      const before = dialog.popup ? tray.listAuthentications(this.state.client, this.state.signal) : undefined;
      before?.catch(() => {});
      return { result: dialog.result, before };
    } catch (thrown) {
      // A missing setting: the window opened for it has nothing to show.
      popup?.close();
      const result = Promise.reject(thrown);
      result.catch(() => {}); // whoever awaits it still gets the error
      return { result };
    }
  }

  /** Waits for the dialog's auth and hands it to `use`; a blocked, closed or cancelled dialog ends as the card shows. */
  async #settle(instance: SolutionInstance, slot: AuthSlot, mode: AuthMode, dialog: OpenDialog, use: (authId: string) => Promise<FocusTarget | void>) {
    const key = instanceKey(instance.id);
    let authId: string;
    try {
      authId = (await dialog.result).authId;
    } catch (thrown) {
      const error = toTrayError(thrown);
      if (error.code === 'popup-blocked') {
        this.state.cards.set(key, { kind: 'popup-blocked', slot, mode });
        this.state.report({ event: errorEvent(error, instance.id), say: (m) => m.popupBlocked });
        return { key, action: 'continue' };
      }
      if (error.code !== 'dialog-closed') throw error;
      const signedIn = dialog.before && (await this.#lostFinish(instance, slot, dialog.before));
      if (signedIn) return use(signedIn);
      this.state.report({ say: (m) => m.announceCancelled(slot.title) });
      const solution = this.actions.solutionOf(instance);
      if (mode === 'authorize' && solution && (await this.actions.abandon(instance.id))) {
        return { key: solutionKey(solution.id), action: 'connect' };
      }
      return { key, action: mode === 'upgrade' ? 'update' : mode, slot: slot.externalId };
    }
    return use(authId);
  }

  /**
   * A dialog closed without its finish message: after an OAuth provider's
   * page with a strict Cross-Origin-Opener-Policy, `window.opener` can be
   * severed, so the user may well have signed in. If exactly one new
   * authentication (of the slot's service, when known) appeared since the
   * dialog opened, that is theirs; anything else counts as a cancel.
   */
  async #lostFinish(instance: SolutionInstance, slot: AuthSlot, before: Promise<Authentication[]>): Promise<string | undefined> {
    try {
      const known = new Set((await before).map((auth) => auth.id));
      const current = authIdOf(instance, slot.externalId);
      const now = await tray.listAuthentications(this.state.client, this.state.signal);
      // Read from the fresh list: an auth made since the marketplace loaded is not in the state's data.
      const service = current && now.find((auth) => auth.id === current)?.service?.id;
      const fresh = now.filter((auth) => !known.has(auth.id) && (!service || auth.service?.id === service));
      return fresh.length === 1 ? fresh[0]!.id : undefined;
    } catch {
      return undefined;
    }
  }

  /** Puts `authId` in the instance's `slot` and says so; undefined when the instance is gone meanwhile. */
  async #attach(instanceId: string, slot: AuthSlot, authId: string, reason: 'authorize' | 'reconnect') {
    const instance = this.actions.instance(instanceId);
    const solution = instance && this.actions.solutionOf(instance);
    if (!instance || !solution) return undefined;
    const previous = authIdOf(instance, slot.externalId);
    const authValues = authValuesWith(instance.authValues, slot.externalId, authId);
    const updated = await tray.updateInstance(this.state.client, { solutionInstanceId: instanceId, authValues }, this.state.signal);
    this.actions.put(updated);
    this.state.report({
      event: new TrayAuthorizeEvent({ instanceId, externalId: slot.externalId, authId, reason, previousAuthId: previous }),
      say: (m) => m.announceAuthorized(slot.title),
    });
    return { updated, solution, previous };
  }

  /** The walkthrough's step 4: every other instance that used the replaced auth gets the new one. */
  async #propagate(exceptId: string, oldAuthId: string, authId: string): Promise<void> {
    const users = this.state.data.instances.filter((i) => i.id !== exceptId && i.authValues.some((v) => v.authId === oldAuthId));
    for (const other of users) {
      const slots = other.authValues.filter((v) => v.authId === oldAuthId);
      let values = other.authValues;
      for (const s of slots) values = authValuesWith(values, s.externalId, authId);
      try {
        this.actions.put(await tray.updateInstance(this.state.client, { solutionInstanceId: other.id, authValues: values }, this.state.signal));
        for (const s of slots) {
          const init = { instanceId: other.id, externalId: s.externalId, authId, reason: 'propagate' as const, previousAuthId: oldAuthId };
          this.state.report({ event: new TrayAuthorizeEvent(init) });
        }
      } catch (error) {
        await this.actions.fail(instanceKey(other.id), error);
      }
    }
  }
}
