import { LitElement, html } from 'lit';
import { TaskStatus } from '@lit/task';
import { toTrayError } from '../services/errors.ts';
import type { Solution, SolutionInstance } from '../services/types.ts';
import { cardKey } from './card-activity.ts';
import { renderCard } from './card.ts';
import { MarketplaceController, type FocusTarget, type Outcome } from './marketplace-controller.ts';
import { DEFAULT_MESSAGES, type TrayMessages } from './messages.ts';
import { styles } from './styles.ts';

export type { TrayMessages } from './messages.ts';

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
// The data and every action live in a MarketplaceController; this class
// holds the properties, turns the controller's outcomes into events,
// announcements and focus, and renders.
export class TrayIntegrationsElement extends LitElement {
  static override styles = styles;
  /**
   * Lit's reactive property options; each property's type, documentation
   * and default are its field below (class fields assign through Lit's
   * accessors: useDefineForClassFields is off).
   */
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
    _said: { state: true },
  };


  /** The end user's Tray token. A property only: never reflected to an attribute, never logged. */
  token: string | undefined;
  /** Returns a fresh one-time auth code from the host's backend; called once for every dialog opened. */
  fetchAuthCode: (() => Promise<string>) | undefined;
  /** Returns a new user token when none is set or Tray rejects it; the failed request is then retried once. */
  fetchToken: (() => Promise<string>) | undefined;
  /** The host's GraphQL endpoint (tray-integrations/server), resolved against the document. */
  endpoint = '/api/tray/graphql';
  /** Tray region, `us`, `eu` or `ap`; picks the dialog origin. */
  region = 'us';
  /** Where the auth dialog is served from (white-label domain, emulator); overrides the region's. */
  dialogOrigin: string | undefined;
  /** The partner's Embedded id from the Tray dashboard. */
  embeddedId: string | undefined;
  /** Only solutions with these tags (attribute: comma-separated). */
  tags: string[] | undefined;
  /** Enable an integration once all its services are authorized (attribute: `auto-enable="false"` turns it off). */
  autoEnable = true;
  /** Overrides for any user-visible string; the rest keep their defaults. */
  messages: Partial<TrayMessages> | undefined;

  /** The live region's text. */
  private _said = '';

  private readonly _market = new MarketplaceController(this, (outcome) => this._show(outcome));
  /** Where focus goes after the next render. */
  private _focus: FocusTarget | undefined;

  private get _m(): TrayMessages {
    return { ...DEFAULT_MESSAGES, ...this.messages };
  }

  private _say(text: string): void {
    // The same words twice in a row would not be announced again.
    this._said = text === this._said ? `${text}\u00a0` : text;
  }

  /** Turns what the controller did into a DOM event, an announcement and focus. */
  private _show({ event, say, focus }: Outcome): boolean {
    if (say) this._say(say(this._m));
    if (focus) {
      this._focus = focus;
      this.requestUpdate();
    }
    return event ? this.dispatchEvent(event) : true;
  }

  protected override updated(): void {
    const want = this._focus;
    if (!want) return;
    this._focus = undefined;
    const card = [...this.renderRoot.querySelectorAll<HTMLElement>('article')].find((a) => a.dataset.key === want.key);
    const buttons = [...(card?.querySelectorAll('button') ?? [])].filter((b) => b.dataset.action === want.action);
    (buttons.find((b) => b.dataset.slot === want.slot) ?? buttons[0])?.focus();
  }

  private _cards() {
    const m = this._m;
    const market = this._market;
    const { solutions, instances, authentications } = market.data;
    if (!solutions.length) return html`<p part="empty">${m.empty}</p>`;
    let n = 0;
    const card = (solution: Solution, instance?: SolutionInstance) =>
      renderCard(solution, instance, {
        m,
        activity: market.cards.get(cardKey(solution, instance)),
        upgradeAuths: instance ? market.upgradeAuths(instance.id) : {},
        id: `c${n++}`,
        base: document.baseURI,
        auths: authentications,
        actions: market,
      });
    // Grouped once per render rather than scanned once per solution.
    const bySolution = new Map<string, SolutionInstance[]>();
    for (const instance of instances) {
      const list = bySolution.get(instance.solution.id);
      if (list) list.push(instance);
      else bySolution.set(instance.solution.id, [instance]);
    }
    return html`<ul class="list" part="list">
      ${solutions.flatMap((solution) =>
        (bySolution.get(solution.id) ?? [undefined]).map((instance) => html`<li>${card(solution, instance)}</li>`),
      )}
    </ul>`;
  }

  protected override render() {
    const m = this._m;
    const load = this._market.load;
    const skeleton = html`<p class="sr-only">${m.loading}</p>
      <ul class="list skeleton" part="skeleton" aria-hidden="true">
        <li class="card"></li>
        <li class="card"></li>
        <li class="card"></li>
      </ul>`;
    return html`<div class="base" part="base" aria-busy=${load.status === TaskStatus.PENDING ? 'true' : 'false'}>
      <div class="sr-only" role="status" aria-live="polite">${this._said}</div>
      ${load.render({
        initial: () => skeleton,
        pending: () => skeleton,
        complete: () => this._cards(),
        error: (error) => {
          const e = toTrayError(error);
          return html`<div role="group" aria-label=${m.loadFailed}>
            <p class="error" part="error">${m.loadFailed} ${m.error(e.code, e.message)}</p>
            <button type="button" part="button button-retry" @click=${() => load.run()}>${m.retry}</button>
          </div>`;
        },
      })}
    </div>`;
  }
}
