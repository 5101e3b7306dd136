import { LitElement, html, type PropertyValues } from 'lit';
import { Task, TaskStatus, initialState } from '@lit/task';
import {
  createInstance,
  getInstance,
  loadMarketplace,
  removeInstance,
  updateInstance,
  upgradeInstance,
} from '../services/api.ts';
import { openAuthDialog } from '../services/auth-dialog.ts';
import { createClient, sleep, type TrayClient } from '../services/client.ts';
import { isTransient, toTrayError, TrayError } from '../services/errors.ts';
import { resolveDialogOrigin } from '../services/regions.ts';
import type { Authentication, AuthSlot, Marketplace, Solution, SolutionInstance } from '../services/types.ts';
import {
  TrayAuthorizeEvent,
  TrayConnectEvent,
  TrayDeleteEvent,
  TrayDisableEvent,
  TrayEnableEvent,
  TrayErrorEvent,
  TrayLoadEvent,
} from '../events.ts';
import { cardKey, instanceKey, renderCard, solutionKey, type AuthMode, type CardUi } from './card.ts';
import { DEFAULT_MESSAGES, type TrayMessages } from './messages.ts';
import { missingSlots, upgradeSlots, withAuth } from './model.ts';
import { styles } from './styles.ts';

export type { TrayMessages } from './messages.ts';

/** Where keyboard focus goes once an action re-rendered its card. */
interface Focus {
  key: string;
  action: string;
  slot?: string;
}

/** Tray asks for this pause between creating an instance and enabling it. */
const ENABLE_DELAY_MS = 2000;

const tagList = {
  fromAttribute: (value: string | null) =>
    value
      ?.split(',')
      .map((tag) => tag.trim())
      .filter(Boolean) ?? [],
  toAttribute: (value: string[] | undefined) => value?.join(','),
};

/**
 * An integrations marketplace for one end user: browse the partner's Tray
 * solutions, connect one, authorize its services in Tray's auth-only dialog,
 * enable, disable, re-authorize, upgrade and delete it.
 *
 * @summary Tray.io integrations marketplace for a SaaS product's end users.
 *
 * @event {TrayLoadEvent} tray-load - The solutions and the user's integrations loaded: `solutions`, `instances` counts.
 * @event {TrayConnectEvent} tray-connect - Connect pressed (`phase: 'request'`, cancelable, nothing created yet), then the instance was created (`phase: 'created'`, `instanceId`).
 * @event {TrayAuthorizeEvent} tray-authorize - An auth was attached to an instance: `instanceId`, `externalId` (slot), `authId`, `previousAuthId`, `reason` (`authorize`, `reconnect`, `propagate` for every other instance that used the replaced auth, `upgrade`).
 * @event {TrayEnableEvent} tray-enable - An instance was enabled: `instanceId`, `auto` (after the last authorization).
 * @event {TrayDisableEvent} tray-disable - An instance was disabled: `instanceId`.
 * @event {TrayDeleteEvent} tray-delete - Deletion confirmed (`phase: 'request'`, cancelable), then done (`phase: 'deleted'`); `reason: 'abandoned'` when a connection left without any auth was cleaned up.
 * @event {TrayErrorEvent} tray-error - Something failed: `code`, `message`, `recoverable`, `instanceId`.
 *
 * @csspart base - The wrapper around everything.
 * @csspart list - The grid of cards.
 * @csspart card - One solution's card; also `card-<state>` with state `not-connected`, `needs-auth`, `enabled`, `disabled`, `update-required`, `unavailable`.
 * @csspart image - The solution's picture.
 * @csspart title - The solution's title.
 * @csspart description - The solution's description.
 * @csspart tags - The list of tags; each is a `tag`.
 * @csspart badge - The state badge; also `badge-<state>`.
 * @csspart services - The services of a connected integration; each is a `service` and `service-authorized` or `service-missing`.
 * @csspart note - Why a solution is unavailable, or a version note.
 * @csspart notice - The popup-blocked notice.
 * @csspart error - A failed action's message on a card, and the load error.
 * @csspart progress - "Working…" while a card's action runs.
 * @csspart actions - The row of buttons on a card.
 * @csspart button - Every button; also `button-<action>`: `connect`, `authorize`, `reconnect`, `update`, `continue`, `toggle`, `delete`, `confirm-delete`, `cancel-delete`, `retry`.
 * @csspart confirm - The in-card delete confirmation text.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - The empty state.
 *
 * @cssproperty --tray-font - Font shorthand (default: inherited).
 * @cssproperty --tray-color-text - Text color.
 * @cssproperty --tray-color-surface - Card background (also `--tray-card-background`).
 * @cssproperty --tray-color-muted - Secondary text and neutral badges.
 * @cssproperty --tray-color-border - Card borders (also `--tray-card-border-color`).
 * @cssproperty --tray-color-accent - Primary buttons and focus ring.
 * @cssproperty --tray-color-on-accent - Text on primary buttons.
 * @cssproperty --tray-color-danger - Errors and delete buttons.
 * @cssproperty --tray-color-success - The "Enabled" badge.
 * @cssproperty --tray-color-warning - "Needs authorization" and "Update required" badges.
 * @cssproperty --tray-radius - Corner radius of everything (default 8px).
 * @cssproperty --tray-card-radius - Card corner radius (falls back to `--tray-radius`).
 * @cssproperty --tray-button-radius - Button corner radius (falls back to `--tray-radius`).
 * @cssproperty --tray-badge-radius - Badge corner radius.
 * @cssproperty --tray-spacing - Base spacing unit (default 1rem).
 * @cssproperty --tray-gap - Gap between cards (falls back to `--tray-spacing`).
 * @cssproperty --tray-card-padding - Card padding (falls back to `--tray-spacing`).
 * @cssproperty --tray-card-min-width - Narrowest card before the grid wraps (default 18rem).
 * @cssproperty --tray-focus-color - Focus outline color (falls back to the accent).
 *
 * Renders no slots: all content comes from Tray.
 */
export class TrayIntegrationsElement extends LitElement {
  static override styles = styles;

  static override properties = {
    token: { attribute: false },
    fetchAuthCode: { attribute: false },
    fetchToken: { attribute: false },
    endpoint: {},
    region: {},
    dialogOrigin: { attribute: 'dialog-origin' },
    embeddedId: { attribute: 'embedded-id' },
    tags: { converter: tagList },
    autoEnable: { attribute: 'auto-enable', converter: { fromAttribute: (value: string | null) => value !== 'false' } },
    messages: { attribute: false },
    _solutions: { state: true },
    _instances: { state: true },
    _auths: { state: true },
    _said: { state: true },
  };

  /** The end user's Tray token. A property only: never reflected to an attribute, never logged. */
  declare token: string | undefined;
  /** Returns a fresh one-time auth code from the host's backend; called once for every dialog opened. */
  declare fetchAuthCode: (() => Promise<string>) | undefined;
  /** Returns a new user token when none is set or Tray rejects it; the failed request is then retried once. */
  declare fetchToken: (() => Promise<string>) | undefined;
  /** The host's GraphQL endpoint (tray-integrations/server), resolved against the document. */
  declare endpoint: string;
  /** Tray region, `us`, `eu` or `ap`; picks the dialog origin. */
  declare region: string;
  /** Where the auth dialog is served from (white-label domain, emulator); overrides the region's. */
  declare dialogOrigin: string | undefined;
  /** The partner's Embedded id from the Tray dashboard. */
  declare embeddedId: string | undefined;
  /** Only solutions with these tags (attribute: comma-separated). */
  declare tags: string[] | undefined;
  /** Enable an integration once all its services are authorized (attribute: `auto-enable="false"` turns it off). */
  declare autoEnable: boolean;
  /** Overrides for any user-visible string; the rest keep their defaults. */
  declare messages: Partial<TrayMessages> | undefined;

  declare private _solutions: Solution[];
  declare private _instances: SolutionInstance[];
  declare private _auths: Authentication[];
  declare private _said: string;

  private _ui = new Map<string, CardUi>();
  /** When each instance created here arrived (Date.now()), for the enable delay. */
  private _createdAt = new Map<string, number>();
  /** Instances being deleted, so a cancel message and a closed window never delete twice. */
  private _deleting = new Set<string>();
  /** A token fetchToken brought; dropped when the host sets `token`. */
  private _freshToken: string | undefined;
  private _client: { endpoint: string; client: TrayClient } | undefined;
  private _life = new AbortController();
  private _focus: Focus | undefined;

  constructor() {
    super();
    this.endpoint = '/api/tray/graphql';
    this.region = 'us';
    this.autoEnable = true;
    this._solutions = [];
    this._instances = [];
    this._auths = [];
    this._said = '';
  }

  private _load = new Task(this, {
    // Until the host gives a token or a way to get one, wait (showing the
    // loading state) instead of failing: hosts often set these properties
    // after the element is already on the page. Only whether fetchToken is
    // set counts, so a framework passing a new function each render does not
    // reload.
    task: ([endpoint, tags, , canSignIn], { signal }) =>
      canSignIn ? loadMarketplace(this._api(endpoint), { tags: tags ? tags.split(',') : undefined }, signal) : initialState,
    args: () => [this.endpoint, this.tags?.join(',') ?? '', this.token, Boolean(this.token || this.fetchToken)] as const,
    onComplete: (market: Marketplace) => {
      this._solutions = market.solutions;
      this._instances = market.instances;
      this._auths = market.authentications;
      this._ui.clear();
      this.dispatchEvent(new TrayLoadEvent(market.solutions.length, market.instances.length));
      this._say(this._m.announceLoaded(market.solutions.length));
    },
    onError: (error: unknown) => {
      const e = toTrayError(error);
      if (e.code === 'aborted') return;
      this._report(e, null);
      this._say(`${this._m.loadFailed} ${this._m.error(e.code, e.message)}`);
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._life.signal.aborted) this._life = new AbortController();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Closes open dialogs and stops pending enables: nothing acts for a widget that is gone.
    this._life.abort(new DOMException('The widget was removed.', 'AbortError'));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('token')) this._freshToken = undefined;
  }

  protected override updated(): void {
    const want = this._focus;
    if (!want) return;
    this._focus = undefined;
    const card = [...this.renderRoot.querySelectorAll<HTMLElement>('article')].find((a) => a.dataset.key === want.key);
    const buttons = [...(card?.querySelectorAll('button') ?? [])].filter((b) => b.dataset.action === want.action);
    (buttons.find((b) => b.dataset.slot === want.slot) ?? buttons[0])?.focus();
  }

  private get _m(): TrayMessages {
    return { ...DEFAULT_MESSAGES, ...this.messages };
  }

  private _api(endpoint = this.endpoint): TrayClient {
    if (this._client?.endpoint !== endpoint) {
      const client = createClient({
        endpoint,
        getToken: () => this._freshToken ?? this.token,
        fetchToken: () => {
          if (!this.fetchToken) {
            throw new TrayError(
              'token-rejected',
              'The integrations token is missing or was rejected: set a valid token property, or provide fetchToken.',
            );
          }
          return this.fetchToken();
        },
        onToken: (token) => (this._freshToken = token),
      });
      this._client = { endpoint, client };
    }
    return this._client.client;
  }

  private _say(text: string): void {
    // The same words twice in a row would not be announced again.
    this._said = text === this._said ? `${text}\u00a0` : text;
  }

  private _set(key: string, patch: CardUi): void {
    this._ui.set(key, { ...this._ui.get(key), ...patch });
    this.requestUpdate();
  }

  private _solution(instance: SolutionInstance): Solution | undefined {
    return this._solutions.find((s) => s.id === instance.solution.id);
  }

  private _current(id: string): SolutionInstance | undefined {
    return this._instances.find((i) => i.id === id);
  }

  private _replace(instance: SolutionInstance): void {
    this._instances = this._instances.some((i) => i.id === instance.id)
      ? this._instances.map((i) => (i.id === instance.id ? instance : i))
      : [...this._instances, instance];
  }

  private _drop(id: string): void {
    this._instances = this._instances.filter((i) => i.id !== id);
    this._ui.delete(instanceKey(id));
  }

  private _report(error: TrayError, instanceId: string | null): void {
    this.dispatchEvent(new TrayErrorEvent(error.code, error.message, error.recoverable, instanceId));
  }

  /** Shows a failure on its card, reports it, and re-reads the instance rather than guessing its state. */
  private async _fail(key: string, thrown: unknown, instanceId: string | null): Promise<void> {
    const error = toTrayError(thrown);
    if (error.code === 'aborted') return;
    const text = this._m.error(error.code, error.message);
    this._set(key, { error: text });
    this._say(text);
    this._report(error, instanceId);
    // A re-read with a rejected token would only fail again (and ask fetchToken a second time).
    if (!instanceId || error.code === 'token-rejected') return;
    try {
      const fresh = await getInstance(this._api(), instanceId, this._life.signal);
      if (fresh) return this._replace(fresh);
      const solutionId = this._current(instanceId)?.solution.id;
      this._drop(instanceId);
      // The card now stands for the solution alone: the message moves with it,
      // so the user sees why the integration is gone.
      if (solutionId) this._set(solutionKey(solutionId), { error: text });
    } catch {
      // The card keeps what it showed; the error above already says what failed.
    }
  }

  /** Runs one action on a card; a second one while it is busy is ignored (no double creates). */
  private _busy(key: string): boolean {
    if (this._ui.get(key)?.busy) return true;
    this._set(key, { busy: true, error: undefined, blocked: undefined });
    return false;
  }

  private _done(key: string, focus?: Focus): void {
    if (this._ui.has(key)) this._set(key, { busy: false });
    if (focus) {
      this._focus = focus;
      this.requestUpdate();
    }
  }

  private async _connect(solution: Solution): Promise<void> {
    const key = cardKey(solution, undefined);
    if (this._ui.get(key)?.busy) return;
    if (!this.dispatchEvent(new TrayConnectEvent(solution.id, 'request'))) return;
    this._busy(key);
    let focus: Focus | undefined = { key, action: 'connect' };
    try {
      const instance = await createInstance(this._api(), solution.id, solution.title, this._life.signal);
      this._createdAt.set(instance.id, Date.now());
      this._replace(instance);
      this._ui.delete(key);
      this.dispatchEvent(new TrayConnectEvent(solution.id, 'created', instance.id));
      this._say(this._m.announceConnected(solution.title));
      const iKey = instanceKey(instance.id);
      focus = { key: iKey, action: solution.authSlots.length ? 'authorize' : 'toggle' };
      // Nothing to authorize: the integration is complete as created.
      if (!solution.authSlots.length && this.autoEnable && !this._busy(iKey)) {
        try {
          await this._enable(instance.id, true);
        } catch (error) {
          await this._fail(iKey, error, instance.id);
        } finally {
          this._done(iKey);
        }
      }
    } catch (error) {
      await this._fail(key, error, null);
      const found = await this._findCreated(solution, key, error);
      if (found) focus = { key: found, action: solution.authSlots.length ? 'authorize' : 'toggle' };
    } finally {
      this._done(key, focus);
    }
  }

  /**
   * A create whose answer was lost (5xx, dropped connection, timeout,
   * garbled body) may still have happened in Tray. Re-read, and show the
   * instance if it exists, so a second Connect does not make a duplicate.
   */
  private async _findCreated(solution: Solution, key: string, thrown: unknown): Promise<string | undefined> {
    if (!isTransient(toTrayError(thrown))) return undefined;
    try {
      // The solutions are on screen already; only instances and auths may have changed.
      const market = await loadMarketplace(this._api(), { solutions: false }, this._life.signal);
      const known = new Set(this._instances.map((i) => i.id));
      const found = market.instances.filter((i) => i.solution.id === solution.id && !known.has(i.id));
      if (!found.length) return undefined;
      this._auths = market.authentications;
      const error = this._ui.get(key)?.error;
      for (const instance of found) {
        this._replace(instance);
        this._ui.set(instanceKey(instance.id), { error });
      }
      this._ui.delete(key);
      this.requestUpdate();
      return instanceKey(found[0]!.id);
    } catch {
      // The card keeps its error and its Connect button; nothing better is known.
      return undefined;
    }
  }

  /**
   * Opens the auth dialog. Must stay synchronous up to `openAuthDialog`:
   * any await before it and the browser blocks the popup.
   */
  private _authorize(instance: SolutionInstance, slot: AuthSlot, mode: AuthMode): void {
    const key = instanceKey(instance.id);
    if (this._busy(key)) return;
    let result: Promise<{ authId: string }>;
    const fetchAuthCode = this.fetchAuthCode;
    try {
      if (typeof fetchAuthCode !== 'function') {
        throw new TrayError('invalid-config', 'Set fetchAuthCode: a function returning a one-time auth code from your backend.');
      }
      result = openAuthDialog({
        dialogOrigin: resolveDialogOrigin(this.region, this.dialogOrigin),
        embeddedId: this.embeddedId ?? '',
        solutionInstanceId: instance.id,
        externalAuthId: slot.externalId,
        // Wrapped so a host's method is called with no stale `this`, once per dialog.
        fetchAuthCode: () => fetchAuthCode(),
        signal: this._life.signal,
      }).result;
    } catch (error) {
      result = Promise.reject(error);
    }
    void this._afterDialog(instance.id, slot, mode, result);
  }

  private async _afterDialog(id: string, slot: AuthSlot, mode: AuthMode, result: Promise<{ authId: string }>) {
    const key = instanceKey(id);
    const signal = this._life.signal;
    let focus: Focus | undefined;
    try {
      const { authId } = await result;
      const instance = this._current(id);
      const solution = instance && this._solution(instance);
      if (!instance || !solution) return;
      const previous = instance.authValues.find((v) => v.externalId === slot.externalId)?.authId ?? null;
      const authValues = withAuth(instance.authValues, slot.externalId, authId);
      if (mode === 'upgrade') {
        const gathered = { ...this._ui.get(key)?.upgrade, [slot.externalId]: authId };
        this._set(key, { upgrade: gathered });
        const needed = upgradeSlots(solution, instance);
        if (needed.some((s) => !gathered[s.externalId])) {
          this._say(this._m.announceAuthorized(slot.title));
          focus = { key, action: 'update' };
          return;
        }
        let values = instance.authValues;
        for (const [externalId, value] of Object.entries(gathered)) values = withAuth(values, externalId, value);
        const upgraded = await upgradeInstance(this._api(), id, values, signal);
        this._set(key, { upgrade: {} });
        this._replace(upgraded);
        for (const s of needed) {
          const old = instance.authValues.find((v) => v.externalId === s.externalId)?.authId ?? null;
          this.dispatchEvent(new TrayAuthorizeEvent(id, s.externalId, gathered[s.externalId]!, 'upgrade', old));
        }
        this._say(this._m.announceUpdated(solution.title));
        focus = { key, action: upgraded.enabled ? 'toggle' : 'authorize' };
        return;
      }
      const updated = await updateInstance(this._api(), { solutionInstanceId: id, authValues }, signal);
      this._replace(updated);
      this.dispatchEvent(new TrayAuthorizeEvent(id, slot.externalId, authId, mode, previous));
      this._say(this._m.announceAuthorized(slot.title));
      const left = missingSlots(solution, updated);
      focus = { key, action: left.length ? 'authorize' : 'toggle' };
      if (mode === 'reconnect' && previous && previous !== authId) await this._propagate(id, previous, authId);
      if (!left.length && !updated.enabled && this.autoEnable && mode === 'authorize') await this._enable(id, true);
    } catch (error) {
      const e = toTrayError(error);
      if (e.code === 'popup-blocked') {
        this._set(key, { blocked: { slot, mode } });
        this._say(this._m.popupBlocked);
        this._report(e, id);
        focus = { key, action: 'continue' };
      } else if (e.code === 'dialog-closed') {
        this._say(this._m.announceCancelled(slot.title));
        focus = { key, action: mode === 'upgrade' ? 'update' : mode, slot: slot.externalId };
        if (mode === 'authorize') await this._abandon(id);
      } else {
        await this._fail(key, e, id);
      }
    } finally {
      this._done(key, focus);
    }
  }

  /** The walkthrough's step 4: every other instance that used the replaced auth gets the new one. */
  private async _propagate(exceptId: string, oldAuthId: string, authId: string): Promise<void> {
    const users = this._instances.filter((i) => i.id !== exceptId && i.authValues.some((v) => v.authId === oldAuthId));
    for (const other of users) {
      const slots = other.authValues.filter((v) => v.authId === oldAuthId);
      let values = other.authValues;
      for (const s of slots) values = withAuth(values, s.externalId, authId);
      try {
        this._replace(await updateInstance(this._api(), { solutionInstanceId: other.id, authValues: values }, this._life.signal));
        for (const s of slots) this.dispatchEvent(new TrayAuthorizeEvent(other.id, s.externalId, authId, 'propagate', oldAuthId));
      } catch (error) {
        await this._fail(instanceKey(other.id), error, other.id);
      }
    }
  }

  /** Enables, never sooner than Tray's 2 seconds after the instance was created. */
  private async _enable(id: string, auto: boolean): Promise<void> {
    // Our own clock when we created it; otherwise Tray's `created`, capped in
    // case the two clocks disagree.
    const created = this._createdAt.get(id) ?? Date.parse(this._current(id)?.created ?? '');
    const wait = Math.min(ENABLE_DELAY_MS, created + ENABLE_DELAY_MS - Date.now());
    if (wait > 0) await sleep(wait, this._life.signal);
    const enabled = await updateInstance(
      this._api(),
      { solutionInstanceId: id, enabled: true, errorOnEnablingWithMissingValues: true },
      this._life.signal,
    );
    this._replace(enabled);
    if (!enabled.enabled) throw new TrayError('graphql', 'Tray did not enable the integration; check its services.');
    this.dispatchEvent(new TrayEnableEvent(id, auto));
    const solution = this._solution(enabled);
    this._say(this._m.announceEnabled(solution?.title ?? enabled.name));
  }

  /** The user left a connection before any auth: delete it rather than leave an orphan. */
  private async _abandon(id: string): Promise<void> {
    const known = this._current(id);
    if (!known || known.authValues.length || this._deleting.has(id)) return;
    this._deleting.add(id);
    try {
      // Confirm first: another tab may have authorized it meanwhile.
      const fresh = await getInstance(this._api(), id, this._life.signal);
      if (fresh?.authValues.length) return this._replace(fresh);
      if (fresh) await removeInstance(this._api(), id, this._life.signal);
      this._drop(id);
      const solution = this._solution(known);
      if (solution) this._focus = { key: cardKey(solution, undefined), action: 'connect' };
      if (fresh) this.dispatchEvent(new TrayDeleteEvent(id, 'deleted', 'abandoned'));
    } catch (error) {
      await this._fail(instanceKey(id), error, id);
    } finally {
      this._deleting.delete(id);
    }
  }

  private async _toggle(instance: SolutionInstance): Promise<void> {
    const key = instanceKey(instance.id);
    if (this._busy(key)) return;
    try {
      if (!instance.enabled) {
        await this._enable(instance.id, false);
      } else {
        const updated = await updateInstance(this._api(), { solutionInstanceId: instance.id, enabled: false }, this._life.signal);
        this._replace(updated);
        this.dispatchEvent(new TrayDisableEvent(instance.id));
        this._say(this._m.announceDisabled(this._solution(updated)?.title ?? updated.name));
      }
    } catch (error) {
      await this._fail(key, error, instance.id);
    } finally {
      this._done(key, { key, action: 'toggle' });
    }
  }

  private _askDelete(instance: SolutionInstance, ask: boolean): void {
    const key = instanceKey(instance.id);
    this._set(key, { confirming: ask, error: undefined });
    this._focus = { key, action: ask ? 'cancel-delete' : 'delete' };
  }

  private async _remove(instance: SolutionInstance): Promise<void> {
    const key = instanceKey(instance.id);
    if (this._ui.get(key)?.busy || this._deleting.has(instance.id)) return;
    if (!this.dispatchEvent(new TrayDeleteEvent(instance.id, 'request'))) return this._askDelete(instance, false);
    this._busy(key);
    this._deleting.add(instance.id);
    try {
      await removeInstance(this._api(), instance.id, this._life.signal);
      this._drop(instance.id);
      this.dispatchEvent(new TrayDeleteEvent(instance.id, 'deleted'));
      const solution = this._solution(instance);
      this._say(this._m.announceDeleted(solution?.title ?? instance.name));
      if (solution) this._focus = { key: cardKey(solution, undefined), action: 'connect' };
    } catch (error) {
      this._set(key, { confirming: false });
      await this._fail(key, error, instance.id);
    } finally {
      this._deleting.delete(instance.id);
      this._done(key);
    }
  }

  private _cards() {
    const m = this._m;
    let n = 0;
    const ctx = (solution: Solution, instance?: SolutionInstance) =>
      renderCard(solution, instance, {
        m,
        ui: this._ui.get(cardKey(solution, instance)) ?? {},
        id: `c${n++}`,
        base: document.baseURI,
        auths: this._auths,
        connect: (s) => void this._connect(s),
        authorize: (i, slot, mode) => this._authorize(i, slot, mode),
        toggle: (i) => void this._toggle(i),
        askDelete: (i, ask) => this._askDelete(i, ask),
        remove: (i) => void this._remove(i),
      });
    if (!this._solutions.length) return html`<p part="empty">${m.empty}</p>`;
    // Grouped once per render rather than scanned once per solution.
    const bySolution = new Map<string, SolutionInstance[]>();
    for (const instance of this._instances) {
      const list = bySolution.get(instance.solution.id);
      if (list) list.push(instance);
      else bySolution.set(instance.solution.id, [instance]);
    }
    return html`<ul class="list" part="list">
      ${this._solutions.flatMap((solution) =>
        (bySolution.get(solution.id) ?? [undefined]).map((instance) => html`<li>${ctx(solution, instance)}</li>`),
      )}
    </ul>`;
  }

  protected override render() {
    const m = this._m;
    const skeleton = html`<p class="sr-only">${m.loading}</p>
      <ul class="list skeleton" part="skeleton" aria-hidden="true">
        <li class="card"></li>
        <li class="card"></li>
        <li class="card"></li>
      </ul>`;
    return html`<div class="base" part="base" aria-busy=${this._load.status === TaskStatus.PENDING ? 'true' : 'false'}>
      <div class="sr-only" role="status" aria-live="polite">${this._said}</div>
      ${this._load.render({
        initial: () => skeleton,
        pending: () => skeleton,
        complete: () => this._cards(),
        error: (error) => {
          const e = toTrayError(error);
          return html`<div role="group" aria-label=${m.loadFailed}>
            <p class="error" part="error">${m.loadFailed} ${m.error(e.code, e.message)}</p>
            <button type="button" part="button button-retry" @click=${() => this._load.run()}>${m.retry}</button>
          </div>`;
        },
      })}
    </div>`;
  }
}
