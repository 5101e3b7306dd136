/**
 * Which view the element shows: the catalogue, or the user's connected
 * accounts (`view="accounts"`), whose code is a chunk of its own, fetched
 * the first time the view shows. Loaded with the language (lazy-features.ts),
 * so the first bundle only asks `_view` whether something stands in for the
 * catalogue.
 *
 * Switching moves focus only when it was inside the widget (the person
 * pressed "Connected accounts" or "Back to integrations"): to the accounts
 * heading, or back to the toolbar's button. A host that sets `view` itself
 * does not have focus taken from its page.
 */
import { html, type ReactiveController, type ReactiveElement } from 'lit';
import { TrayError } from '../services/errors.ts';
import type { AccountsActions, AccountsController, AccountsMarket } from './accounts/accounts-controller.ts';
import { chunk } from './chunk-import.ts';
import { errorText, type TrayMessages } from './messages.ts';

/** The element, as this module sees it. */
export interface ViewHost extends ReactiveElement {
  view: string | undefined;
  /** What renders in place of the catalogue; undefined shows the catalogue. */
  _view: ((m: TrayMessages) => unknown) | undefined;
}

/** What the accounts view gets from the element's marketplace. */
export interface ViewMarket {
  readonly state: AccountsMarket;
  readonly actions: AccountsActions;
}

/** The accounts view's chunk; after a failure, Retry imports it again. */
const accountsChunk = chunk(() => import('./accounts/accounts-controller.ts'), import.meta.url);

const CHUNK_FAILED = 'Part of the widget could not be loaded. Check your connection and try again.';

export class ViewSwitch implements ReactiveController {
  #shown: 'catalog' | 'accounts' = 'catalog';
  /** What gets focus once it renders, after a switch the person made. */
  #focusOn: string | undefined;
  #accounts: AccountsController | undefined;
  #loading: Promise<void> | undefined;

  constructor(
    private readonly host: ViewHost,
    private readonly market: ViewMarket,
  ) {
    host.addController(this);
    // The element may have rendered before this module came: look at `view` now.
    host.requestUpdate();
  }

  hostUpdate(): void {
    const want = this.host.view === 'accounts' ? 'accounts' : 'catalog';
    if (want === this.#shown) return;
    this.#shown = want;
    const focused = Boolean(this.host.shadowRoot?.activeElement);
    this.#focusOn = focused ? (want === 'catalog' ? '[part~=button-accounts]' : '#accounts-title') : undefined;
    if (want === 'catalog') this.host._view = undefined;
    else if (this.#accounts) this.#openAccounts();
    else this.#load();
  }

  hostUpdated(): void {
    // Once what focus goes to is there: the accounts heading may wait for its chunk.
    const target = this.#focusOn && this.host.renderRoot.querySelector<HTMLElement>(this.#focusOn);
    if (target) {
      this.#focusOn = undefined;
      target.focus();
    }
  }

  #load(): void {
    // Until the chunk is in: the words of the list that is coming, not the catalogue.
    this.host._view = (m) => html`<p class="muted" part="progress">${(m as Partial<{ accountsLoading: string }>).accountsLoading ?? '…'}</p>`;
    this.#loading ??= accountsChunk().then(
      ({ AccountsController, ACCOUNTS_STYLES }) => {
        const root = this.host.renderRoot;
        // The view's few styles of its own, beside the element's: a constructed sheet, allowed under a strict CSP.
        if (root instanceof ShadowRoot && ACCOUNTS_STYLES.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ACCOUNTS_STYLES.styleSheet];
        this.#accounts = new AccountsController(this.host, this.market.state, this.market.actions, () => this.#showCatalog());
        if (this.#shown === 'accounts') this.#openAccounts();
        this.host.requestUpdate();
      },
      () => {
        this.#loading = undefined;
        const error = new TrayError('network', CHUNK_FAILED);
        this.host._view = (m) => html`<p class="error" part="error">${errorText(m, error)}</p>
          <button type="button" part="button button-retry" @click=${() => this.#retry()}>${m.retry}</button>`;
        this.host.requestUpdate();
      },
    );
  }

  #retry(): void {
    this.#load();
    this.host.requestUpdate();
  }

  #openAccounts(): void {
    const accounts = this.#accounts!;
    this.host._view = (m) => accounts.render(m);
    accounts.open();
  }

  #showCatalog(): void {
    this.host.view = 'catalog';
  }

}
