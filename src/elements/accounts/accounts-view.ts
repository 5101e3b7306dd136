/**
 * The accounts view's markup: a heading with the way back to the catalogue,
 * then one item per connected account (part `account`): the service's icon
 * and title, the account's name, the integrations that use it, Reconnect
 * where one does, and Remove, which asks in place. Pure rendering: every
 * button calls back through `AccountsViewProps`. Tray's text (names, titles)
 * goes through text bindings only.
 *
 * It reuses the cards' boxes (`card`, `actions`, `muted`, `error`)
 * from the element's styles; `ACCOUNTS_STYLES` adds the few of its own.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { TrayError } from '../../services/errors.ts';
import type { CardActivity } from '../card-activity.ts';
import { errorText, type TrayMessages } from '../messages.ts';
import { safeImageUrl } from '../solution-image.ts';
import type { AccountMessages } from './account-messages.ts';
import type { Account } from './accounts-model.ts';

/** What the widget is doing with one account. */
export type AccountActivity =
  | { readonly kind: 'idle' }
  /** Remove was pressed while integrations use it: the item says which. */
  | { readonly kind: 'in-use' }
  | { readonly kind: 'confirming' }
  | { readonly kind: 'removing' }
  | { readonly kind: 'failed'; readonly error: TrayError };

export interface AccountsViewProps {
  m: TrayMessages & AccountMessages;
  accounts: Account[];
  /** While the list is re-read as the view opens. */
  loading: boolean;
  /** Why re-reading the list failed (the list shown is the one loaded before). */
  loadError: TrayError | undefined;
  activity(account: Account): AccountActivity;
  /** What the widget is doing with the integration Reconnect acts on (its card's activity). */
  reconnecting(account: Account): CardActivity;
  showCatalog(): void;
  reconnect(account: Account): void;
  continueReconnect(account: Account): void;
  remove(account: Account): void;
  confirm(account: Account, yes: boolean): void;
}

export const ACCOUNTS_STYLES = css`
  /* An account's icon and title side by side. */
  .head {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
  }
  .accounts-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_space) / 2);
    margin-block-end: var(--_space);
  }
  .accounts-head h2 {
    margin: 0;
    font-size: 1.2em;
  }
  .account-icon {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
  }
  .uses {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
`;

function button(id: string, action: string, label: string, onClick: () => void, disabled: boolean, variant = ''): TemplateResult {
  return html`<button
    type="button"
    class=${variant}
    part="button button-${action}"
    data-action=${action}
    aria-describedby="${id}-title"
    ?disabled=${disabled}
    @click=${onClick}
  >
    ${label}
  </button>`;
}

function item(account: Account, index: number, props: AccountsViewProps): TemplateResult {
  const { m } = props;
  const { auth, uses } = account;
  const id = `acc${index}`;
  const activity = props.activity(account);
  const linked = props.reconnecting(account);
  const busy = activity.kind === 'removing' || linked.kind === 'working' || linked.kind === 'checking';
  const icon = safeImageUrl(auth.service?.icon);
  const service = auth.service?.title ?? '';
  const actions =
    activity.kind === 'confirming'
      ? html`<p part="confirm" id="${id}-confirm">${m.confirmRemoveAccount(auth.name, service)}</p>
          ${button(id, 'confirm-remove-account', m.confirmRemoveAccountYes, () => props.confirm(account, true), busy, 'danger')}
          ${button(id, 'cancel-remove-account', m.confirmRemoveAccountNo, () => props.confirm(account, false), busy)}`
      : html`${linked.kind === 'popup-blocked' ? button(id, 'continue', m.continue, () => props.continueReconnect(account), busy, 'primary') : nothing}
        ${uses.length ? button(id, 'reconnect-account', m.reconnectAccount, () => props.reconnect(account), busy) : nothing}
        ${button(id, 'remove-account', m.removeAccount, () => props.remove(account), busy, 'danger')}`;
  const error = activity.kind === 'failed' ? activity.error : 'error' in linked ? linked.error : undefined;
  return html`<li
    class="card"
    part="account"
    data-key="a:${auth.id}"
    aria-labelledby="${id}-title"
    aria-busy=${busy ? 'true' : 'false'}
    @keydown=${(event: KeyboardEvent) => {
      // Escape backs out of the confirmation, as on a card.
      if (event.key === 'Escape' && activity.kind === 'confirming') props.confirm(account, false);
    }}
  >
    <div class="head">
      ${icon ? html`<img class="account-icon" part="account-icon" src=${icon} alt="" />` : nothing}
      <h3 id="${id}-title" part="title"><span part="account-service">${service}</span>: <span part="account-name">${auth.name}</span></h3>
    </div>
    ${uses.length
      ? html`<div part="account-uses">
          <p class="muted" id="${id}-uses">${m.accountUsedBy}</p>
          <ul class="uses" aria-labelledby="${id}-uses">
            ${uses.map((use) => html`<li part="account-use">${use.title}</li>`)}
          </ul>
        </div>`
      : html`<p class="muted" part="account-unused">${m.accountUnused}</p>`}
    ${activity.kind === 'in-use' && uses.length ? html`<p class="error" part="error account-in-use">${m.removeAccountInUse(uses.map((use) => use.title))}</p>` : nothing}
    ${linked.kind === 'popup-blocked' ? html`<p part="notice">${m.popupBlocked}</p>` : nothing}
    ${error ? html`<p class="error" part="error">${errorText(m, error)}</p>` : nothing}
    ${busy ? html`<p class="muted" part="progress">${m.working}</p>` : nothing}
    <div class="actions" part="actions">${actions}</div>
  </li>`;
}

export function renderAccounts(props: AccountsViewProps): TemplateResult {
  const { m, accounts } = props;
  return html`<section part="accounts-view" aria-labelledby="accounts-title">
    <div class="accounts-head">
      <h2 id="accounts-title" part="accounts-title" tabindex="-1">${m.accountsTitle}</h2>
      <button type="button" part="button button-catalog" data-action="catalog" @click=${props.showCatalog}>${m.showCatalog}</button>
    </div>
    ${props.loadError ? html`<p class="error" part="error">${errorText(m, props.loadError)}</p>` : nothing}
    ${props.loading && !accounts.length
      ? html`<p class="muted" part="progress">${m.accountsLoading}</p>`
      : accounts.length
        ? html`<ul class="list" part="accounts" aria-busy=${props.loading ? 'true' : 'false'}>
            ${accounts.map((account, index) => item(account, index, props))}
          </ul>`
        : html`<p part="empty">${m.accountsEmpty}</p>`}
  </section>`;
}
