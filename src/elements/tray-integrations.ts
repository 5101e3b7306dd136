import { LitElement, html } from 'lit';
import { catalogOrPlaceholder } from './placeholders.ts';
import { catalogCards } from './catalog-cards.ts';
import type { ResolveConfig, ValidateConfigHook } from '../hooks.ts';
import { lazyFeatures, MarketplaceController } from './marketplace-controller.ts';
import type { TrayMessages } from './messages.ts';
import { messagesInUse, type MessagesInUse, type MessagesShown } from './messages-in-use.ts';
import type { FocusTarget, Outcome } from './outcome.ts';
import { styles } from './styles.ts';
import { CatalogView } from './catalog-view.ts';
import type { WidgetMessages } from './translations/translation.ts';
import { focusButton } from './focus-target.ts';
import { tagList } from './attribute-converters.ts';

export type { TrayMessages } from './messages.ts';

/**
 * An integrations marketplace for one end user: browse the partner's Tray
 * solutions, connect one, authorize its services in Tray's auth-only dialog,
 * enable, disable, re-authorize, upgrade and delete it.
 *
 * Light or dark follows the page's `color-scheme`, not the OS preference
 * alone: light unless the page opts into dark (`:root { color-scheme: dark }`,
 * or `light dark` to follow the OS). To force either for the widget alone,
 * set it on the element: `tray-integrations { color-scheme: light }`. Any
 * `--tray-color-*` the page sets wins over both palettes.
 *
 * @summary Tray.io integrations marketplace for a SaaS product's end users.
 *
 * @event {TrayLoadEvent} tray-load - The solutions and the user's integrations loaded: `solutions`, `instances` counts.
 * @event {TrayConnectEvent} tray-connect - Connect pressed (`phase: 'request'`, cancelable, nothing created yet), then the instance was created (`phase: 'created'`, `instanceId`).
 * @event {TrayAuthorizeEvent} tray-authorize - An auth was attached to an instance: `instanceId`, `externalId` (slot), `authId`, `previousAuthId`, `reason` (`authorize`, `reconnect`, `propagate` for every other instance that used the replaced auth, `upgrade`).
 * @event {TrayEnableEvent} tray-enable - An instance was enabled: `instanceId`, `auto` (after the last authorization).
 * @event {TrayDisableEvent} tray-disable - An instance was disabled: `instanceId`.
 * @event {TrayDeleteEvent} tray-delete - Deletion confirmed (`phase: 'request'`, cancelable), then done (`phase: 'deleted'`); `reason: 'abandoned'` when a connection left without any auth was cleaned up.
 * @event {TrayConfigureEvent} tray-configure - Set up or Edit settings pressed (`phase: 'request'`, cancelable), then the wizard `finished` or was `cancelled` (a new integration is then deleted); `solutionId`, `instanceId`.
 * @event {TrayAccountRemoveEvent} tray-account-remove - A connected account is being removed in the accounts view (`phase: 'request'`, cancelable, nothing sent yet), then was (`phase: 'removed'`): `authenticationId`, `service` (e.g. `slack`).
 * @event {TrayErrorEvent} tray-error - Something failed: `code` (`signed-out` when nobody is signed in, `backend` when the host's session or auth-code endpoint failed, …), `message` (the server's own words, for you: the person sees plain ones), `recoverable`, `instanceId`, `status` (the HTTP status behind it, if any).
 *
 * @csspart base - The wrapper around everything.
 * @csspart list - The grid of cards.
 * @csspart loading-more - "Loading more… 300" under the cards while later pages load (announced once, as the first cards show); "Busy — trying again in 3 s" while the host's endpoint asks them to wait.
 * @csspart toolbar - The search and filter bar above the grid (not with `no-search`); inside it `search-label`, `search`, `button-filters` (on a narrow toolbar, the "Filters" button that shows and hides the chips), `filters`, `filter-group`, `chip` (also `chip-pressed`), `button-clear-filters`, `results` (the announced "12 of 250 integrations shown") and `button-accounts` ("Connected accounts (3)", which shows the accounts view). While its code loads, an empty box of its size (`toolbar toolbar-reserved`) holds its place.
 * @csspart card - One solution's card; also `card-<state>` with state `not-connected`, `needs-auth`, `enabled`, `disabled`, `update-required`.
 * @csspart image - The solution's picture, from its `image` (or `logo`, `icon`, `image_url`) custom field, drawn above the title at its own aspect ratio: up to the card's width and 8rem high. A wide banner (about 320×120) suits best; a square logo shows at its own size. Only absolute `https:` and `data:image/*` URLs are drawn.
 * @csspart title - The solution's title.
 * @csspart description - The solution's description.
 * @csspart tags - The list of tags; each is a `tag`.
 * @csspart badge - The state badge, under the title: its words on a tint of its colour, after a glyph (✓ enabled, ! needs authorization, ↑ update required, ‖ disabled, ○ not connected); also `badge-<state>`.
 * @csspart services - The services of a connected integration, one a line; each is a `service` and `service-authorized` (marked ✓) or `service-missing` (marked !).
 * @csspart note - A version note.
 * @csspart notice - The popup-blocked notice.
 * @csspart error - A failed action's message on a card, and the load error.
 * @csspart progress - "Working…" while a card's action runs; "Busy — trying again in 3 s" (the `busyRetrying` message, counting down) while the host's endpoint asks it to wait (Retry-After); "Being connected in another window…" or "Being changed in another window…" (`connectingElsewhere`, `changingElsewhere`) while another element, on this page or in another tab, is at work on it.
 * @csspart actions - The row of buttons at the foot of a card; one is filled (`primary` class), the card's next step.
 * @csspart button - Every button; also `button-<action>`: `connect`, `setup`, `configure`, `authorize`, `reconnect`, `update`, `continue`, `toggle`, `delete`, `confirm-delete`, `cancel-delete`, `retry`, and `more` ("Show all" / "Show less" on a card whose title, description or tags are cut short; `aria-expanded` says which).
 * @csspart confirm - The in-card delete confirmation text.
 * @csspart skeleton - The loading placeholder.
 * @csspart busy - "Busy — trying again in 3 s" (`busyRetrying`, counting down) above the placeholder while the host's endpoint asks the first load to wait (Retry-After).
 * @csspart empty - The empty state; also `no-match` when the `tags` filter matched nothing.
 * @csspart signed-out - The sign-in message shown instead of the cards when nobody is signed in.
 * @csspart accounts-view - The accounts view (`view="accounts"`): its heading `accounts-title`, `button-catalog` back to the catalogue, and the list `accounts` (or `empty`).
 * @csspart account - One connected account: `account-icon`, `title` (`account-service`: `account-name`), `account-uses` with an `account-use` per integration that uses it (or `account-unused`), `account-in-use` (why Remove was refused), `confirm`, and the buttons `button-reconnect-account`, `button-remove-account`, `button-confirm-remove-account`, `button-cancel-remove-account`.
 *
 * @cssproperty --tray-font - Font shorthand (default: inherited).
 * @cssproperty --tray-color-text - Text color (light `#1c2128`, dark `#e6edf3`).
 * @cssproperty --tray-color-surface - Card background, also `--tray-card-background` (light `#fff`, dark `#161b22`).
 * @cssproperty --tray-color-muted - Secondary text and neutral badges (light `#57606a`, dark `#9da7b3`).
 * @cssproperty --tray-color-border - Card borders, also `--tray-card-border-color` (light `#d0d7de`, dark `#545d68`); the search field's edge too, which is otherwise the muted colour.
 * @cssproperty --tray-color-accent - Primary buttons and focus ring (light `#0b57d0`, dark `#7cacf8`).
 * @cssproperty --tray-color-on-accent - Text on primary buttons (light `#fff`, dark `#0b1d3a`).
 * @cssproperty --tray-color-danger - Errors and delete buttons (light `#b3261e`, dark `#ffb4ab`).
 * @cssproperty --tray-color-success - The "Enabled" badge and a service's ✓ (light `#146c2e`, dark `#7ee2a8`).
 * @cssproperty --tray-color-warning - "Needs authorization" and "Update required" badges, and a service's ! (light `#8a5300`, dark `#f2c46d`).
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
// The data and every action live in a MarketplaceController and the state it
// shares with the actions; this class holds the properties, turns the
// outcomes they report into events, announcements and focus, and renders.
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
    sessionEndpoint: { attribute: 'session-endpoint' },
    authCodeEndpoint: { attribute: 'auth-code-endpoint' },
    region: {},
    dialogOrigin: { attribute: 'dialog-origin' },
    embeddedId: { attribute: 'embedded-id' },
    tags: { converter: tagList },
    solutionId: { attribute: 'solution-id' },
    layout: {},
    autoEnable: { attribute: 'auto-enable', converter: { fromAttribute: (value: string | null) => value !== 'false' } },
    messages: { attribute: false },
    noSearch: { attribute: 'no-search', type: Boolean },
    view: {},
    resolveConfig: { attribute: false },
    validateConfig: { attribute: false },
    _said: { state: true },
  };

  /**
   * The end user's Tray token, for a host with its own backend. A property
   * only: never reflected to an attribute, never logged. With neither this
   * nor `fetchToken`, the token comes from `session-endpoint`.
   */
  token: string | undefined;
  /**
   * Returns a fresh one-time auth code from the host's own backend; called
   * once for every dialog opened. Unset: the code comes from `auth-code-endpoint`.
   * Rejecting with a `TrayError` whose code is `signed-out` shows the sign-in message.
   */
  fetchAuthCode: (() => Promise<string>) | undefined;
  /**
   * Returns a new user token when none is set or Tray rejects it; the failed
   * request is then retried once. Rejecting with a `TrayError` whose code is
   * `signed-out` shows the sign-in message instead of an error.
   */
  fetchToken: (() => Promise<string>) | undefined;
  /** The host's GraphQL endpoint (tray-integrations/server), resolved against the document. */
  endpoint = '/api/tray/graphql';
  /**
   * Where the widget POSTs (same-origin credentials) for the signed-in user's
   * token when neither `token` nor `fetchToken` is set: tray-integrations/server's
   * session endpoint. A 401 from it shows the sign-in message.
   */
  sessionEndpoint = '/api/tray/session';
  /** Where the widget POSTs for a dialog's one-time code when `fetchAuthCode` is unset. */
  authCodeEndpoint = '/api/tray/auth-code';
  /** Tray region, `us`, `eu` or `ap`; picks the dialog origin. */
  region = 'us';
  /** Where the auth dialog is served from (white-label domain, emulator); overrides the region's. */
  dialogOrigin: string | undefined;
  /** The partner's Embedded id from the Tray dashboard. */
  embeddedId: string | undefined;
  /** Only solutions that carry every listed tag, compared case-sensitively as Tray does (attribute: comma-separated; spaces around commas are ignored). */
  tags: string[] | undefined;
  /**
   * Only these solutions, in this order: one Tray solution id, or several
   * (attribute: comma-separated; a list as a property). Pages through the
   * catalogue only until all are found; there is no search toolbar. An id
   * not in the catalogue says `solutionNotFound` and fires `tray-error` with
   * the code `not-found`. Its code loads on its own, with the language's.
   */
  solutionId: string | readonly string[] | undefined;
  /**
   * `compact`: each chosen solution (`solution-id`) as one line (picture,
   * title, state, buttons), for a host's own settings page; it wraps in a
   * narrow container. Unset: cards in a grid.
   */
  layout: 'compact' | undefined;
  /** Enable an integration once all its services are authorized (attribute: `auto-enable="false"` turns it off). */
  autoEnable = true;
  /**
   * For solutions with config slots: returns the values to create the
   * integration with, keyed by slot `externalId` (slots left out keep their
   * default), and the user connects with the auth-only dialog alone; returns
   * undefined to leave the settings to the user, in Tray's configuration
   * wizard (the card then says Set up). Asked once per solution as its card
   * is first drawn, at most four at a time, and the answer kept (set a new
   * function to ask again). Unset: every such solution is set up in the
   * wizard.
   */
  resolveConfig: ResolveConfig | undefined;
  /**
   * Checks what the user entered in the configuration wizard: `(slots,
   * { solution, signal })` → messages keyed by slot `externalId`, or nothing
   * when the values are fine. Unset: the wizard's own checks only.
   */
  validateConfig: ValidateConfigHook | undefined;
  /**
   * Overrides for any user-visible string, the search toolbar's and the
   * accounts view's too; the rest keep the element's language (built in:
   * English, German, French, Spanish, Brazilian Portuguese, Japanese).
   */
  messages: Partial<WidgetMessages> | undefined;
  /**
   * A bare grid: no search field and no filter chips (attribute `no-search`).
   * With a bundler their code is then imported only for more than a
   * screenful of cards; the script-tag bundle fetches its chunk
   * `tray-integrations-catalog-ui.js` as it runs, whatever the attribute.
   */
  noSearch = false;

  /**
   * What the element shows: `catalog`, the integrations to connect (unset
   * means this too), or `accounts`, the user's connected accounts, each with
   * the integrations that use it (its code loads on its own, the first time
   * it shows). The catalogue's toolbar switches to the accounts and their
   * heading back.
   */
  view: 'catalog' | 'accounts' | undefined;

  /**
   * What renders in place of the catalogue (the accounts view), set by
   * view-switch.ts; undefined for the catalogue.
   * @internal
   */
  _view: ((m: TrayMessages) => unknown) | undefined;

  /** Search, filters and a screenful at a time (their code loads on its own). */
  private readonly _catalog = new CatalogView(this);

  /** The live region's text. */
  private _said = '';

  private readonly _market = new MarketplaceController(this, (outcome) => this._show(outcome));
  /** Where focus goes after the next render. */
  private _focus: FocusTarget | undefined;

  /**
   * The built-in translation of the element's language (language.ts sets it);
   * undefined in English.
   * @internal
   */
  _translation: WidgetMessages | undefined;

  private _messages: MessagesInUse | undefined;
  /** The messages in use (messages-in-use.ts). */
  private get _m(): MessagesShown {
    return (this._messages = messagesInUse(this._messages, this.messages, this._translation)).all;
  }

  constructor() {
    super();
    // The page's language and the accounts view come in a chunk of their own; an English catalogue needs neither.
    lazyFeatures().then((features) => features.attachLazyFeatures(this, this._market), () => {});
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
    // A card not rendered yet keeps the wish until the update that reveals it (or until the RevealController is in).
    if (want) this._focus = focusButton(this.renderRoot, want, this._catalog);
  }

  protected override render() {
    const m = this._m;
    const load = this._market.load;
    // Busy only while nothing is shown: a busy region's live announcements wait, and later pages only append.
    const more = this._market.more;
    // The accounts view, while it shows, takes the catalogue's place.
    const catalog = () => (this._view ? this._view(m) : catalogCards(m, this._market, this._catalog, this.tags ?? []));
    return html`<div class="base" part="base" aria-busy=${String(load.status === 'pending' && !more)}>
      <div class="sr-only" role="status" aria-live="polite">${this._said}</div>
      ${catalogOrPlaceholder(m, load, more, catalog, this._market.state.cards.busySeconds)}
    </div>`;
  }
}
