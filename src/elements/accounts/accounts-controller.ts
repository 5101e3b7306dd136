/**
 * The accounts view (`view="accounts"`): the user's connected accounts, each
 * with the integrations that use it. Loaded as a chunk of its own, the first
 * time the view shows. It re-reads the list of accounts as the view opens
 * (and when an integration holds an account the list does not have yet,
 * after an authorization), lets Reconnect act on the first integration that
 * uses an account (the card's own Reconnect, which moves every integration
 * that used the old account to the new one), and removes an account no
 * integration uses, after asking in place.
 */
import type { ReactiveControllerHost } from 'lit';
import { toTrayError } from '../../services/errors.ts';
import type { TrayClient } from '../../services/client.ts';
import type { TrayError } from '../../services/errors.ts';
import type { AuthSlot, Marketplace, SolutionInstance } from '../../services/types.ts';
import { errorEvent, TrayAccountRemoveEvent } from '../../events.ts';
import { IDLE, instanceKey, type CardActivities, type CardActivity } from '../card-activity.ts';
import type { Outcome } from '../outcome.ts';
import { errorText, type TrayMessages } from '../messages.ts';
import { DEFAULT_ACCOUNT_MESSAGES, type AccountMessages } from './account-messages.ts';
import { accountsOf, unlistedAuthIds, type Account } from './accounts-model.ts';
import { renderAccounts, type AccountActivity } from './accounts-view.ts';
import { actionsChunk } from '../card-actions.ts';

const UNTOUCHED: AccountActivity = { kind: 'idle' };

export { ACCOUNTS_STYLES } from './accounts-view.ts';

/** What the view needs of the marketplace: its data (assigning it re-renders), the cards' activities, the client, and `report`. */
export interface AccountsMarket {
  data: Marketplace;
  readonly cards: CardActivities;
  readonly client: TrayClient;
  /** Aborted when the widget leaves the page. */
  readonly signal: AbortSignal;
  report(outcome: Outcome): boolean;
}

/** The cards' actions the view reuses. */
export interface AccountsActions {
  reconnect(instance: SolutionInstance, slot: AuthSlot): void;
  continueBlocked(instance: SolutionInstance): void;
}

export interface AccountsHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * The Tray operations on auths, from the actions' chunk (in by the time the
 * view opens: it loads as the first cards show, and after a failure it is
 * imported again under a URL of its own); importing them here would split
 * them into a chunk of their own.
 */
const tray = actionsChunk;

/** The element's messages with the view's English defaults under them. */
export const accountMessages = (m: TrayMessages & Partial<AccountMessages>): TrayMessages & AccountMessages => ({ ...DEFAULT_ACCOUNT_MESSAGES, ...m });

export class AccountsController {
  #activities = new Map<string, AccountActivity>();
  #loading = false;
  #loadError: TrayError | undefined;
  /** Unlisted auth ids the list was re-read for already, so an auth that is gone is not asked for again and again. */
  #askedFor = new Set<string>();
  #messages: { from: object; all: TrayMessages & AccountMessages } | undefined;

  constructor(
    private readonly host: AccountsHost,
    private readonly market: AccountsMarket,
    private readonly actions: AccountsActions,
    /** Back to the catalogue. */
    private readonly showCatalog: () => void,
  ) {}

  /** The view opens: what it said last time is gone; the list is re-read, then announced. */
  open(): void {
    for (const [id, activity] of this.#activities) if (activity.kind !== 'removing') this.#activities.delete(id);
    void this.#refresh(true);
  }

  render(m: TrayMessages & Partial<AccountMessages>): unknown {
    const data = this.market.data;
    const unlisted = unlistedAuthIds(data).filter((id) => !this.#askedFor.has(id));
    // A fresh authorization (here, or on a card) holds an account the list has not caught up with.
    if (unlisted.length && !this.#loading) queueMicrotask(() => void this.#refresh(false));
    return renderAccounts({
      m: this.#m(m),
      accounts: accountsOf(data),
      loading: this.#loading,
      loadError: this.#loadError,
      activity: (account) => this.#activities.get(account.auth.id) ?? UNTOUCHED,
      reconnecting: (account) => this.#linked(account),
      showCatalog: () => this.showCatalog(),
      reconnect: (account) => this.#reconnect(account),
      continueReconnect: (account) => {
        const use = this.#blockedUse(account);
        if (use) this.actions.continueBlocked(use.instance);
      },
      remove: (account) => this.#askRemove(account),
      confirm: (account, yes) => (yes ? void this.#remove(account) : this.#set(account, UNTOUCHED, 'remove-account')),
    });
  }

  #m(m: TrayMessages & Partial<AccountMessages>): TrayMessages & AccountMessages {
    if (this.#messages?.from !== m) this.#messages = { from: m, all: accountMessages(m) };
    return this.#messages.all;
  }

  /** The card activity of the integration Reconnect acted on: a blocked popup first, then work, then a failure. */
  #linked(account: Account): CardActivity {
    const activities = account.uses.map((use) => this.market.cards.get(instanceKey(use.instance.id)));
    return (
      activities.find((a) => a.kind === 'popup-blocked') ??
      activities.find((a) => a.kind === 'working' || a.kind === 'checking') ??
      activities.find((a) => a.kind === 'failed') ??
      IDLE
    );
  }

  #blockedUse(account: Account) {
    return account.uses.find((use) => this.market.cards.get(instanceKey(use.instance.id)).kind === 'popup-blocked');
  }

  async #refresh(announce: boolean): Promise<void> {
    const { market } = this;
    for (const id of unlistedAuthIds(market.data)) this.#askedFor.add(id);
    this.#loading = true;
    this.#loadError = undefined;
    this.host.requestUpdate();
    try {
      const { listAuthentications } = await tray();
      const authentications = await listAuthentications(market.client, market.signal);
      market.data = { ...market.data, authentications };
    } catch (thrown) {
      const error = toTrayError(thrown);
      if (error.code === 'aborted') return;
      this.#loadError = error;
      market.report({ event: errorEvent(error), say: (m) => errorText(m, error) });
    } finally {
      this.#loading = false;
      this.host.requestUpdate();
    }
    if (announce && !this.#loadError) {
      const count = market.data.authentications.length;
      market.report({ say: (m) => accountMessages(m).announceAccounts(count) });
    }
  }

  /** Reconnect: the first integration that uses the account authorizes anew; the others follow it. */
  #reconnect(account: Account): void {
    const use = account.uses[0];
    if (!use) return;
    this.#activities.delete(account.auth.id);
    this.actions.reconnect(use.instance, use.slot);
  }

  #askRemove(account: Account): void {
    if (account.uses.length) {
      // Refused: nothing is sent. The item says which integrations to delete or reconnect first.
      const titles = account.uses.map((use) => use.title);
      this.#activities.set(account.auth.id, { kind: 'in-use' });
      this.host.requestUpdate();
      this.market.report({ say: (m) => accountMessages(m).removeAccountInUse(titles) });
      return;
    }
    this.#set(account, { kind: 'confirming' }, 'cancel-remove-account');
  }

  async #remove(account: Account): Promise<void> {
    const { market } = this;
    const { auth } = account;
    // Still unused? An integration may have taken it up since Remove was pressed.
    const now = accountsOf(market.data).find((a) => a.auth.id === auth.id);
    if (!now) return;
    if (now.uses.length) return this.#askRemove(now);
    const init = { authenticationId: auth.id, service: auth.service?.name ?? '' };
    if (!market.report({ event: new TrayAccountRemoveEvent({ ...init, phase: 'request' }) })) {
      return this.#set(account, UNTOUCHED, 'remove-account');
    }
    this.#set(account, { kind: 'removing' });
    try {
      const { removeAuthentication } = await tray();
      await removeAuthentication(market.client, auth.id, market.signal);
    } catch (thrown) {
      const error = toTrayError(thrown);
      if (error.code === 'aborted') return;
      // Gone already (removed elsewhere): what the person wanted.
      if (error.code !== 'not-found') {
        market.report({ event: errorEvent(error), say: (m) => errorText(m, error) });
        return this.#set(account, { kind: 'failed', error }, 'remove-account');
      }
    }
    const accounts = accountsOf(market.data);
    const index = accounts.findIndex((a) => a.auth.id === auth.id);
    const next = accounts[index + 1] ?? accounts[index - 1];
    this.#activities.delete(auth.id);
    market.data = { ...market.data, authentications: market.data.authentications.filter((a) => a.id !== auth.id) };
    market.report({
      event: new TrayAccountRemoveEvent({ ...init, phase: 'removed' }),
      say: (m) => accountMessages(m).announceAccountRemoved(auth.name),
    });
    // Focus stays in the list: on the next account's Remove, else the heading.
    this.#focus(next ? `[data-key="a:${CSS.escape(next.auth.id)}"] [data-action=remove-account]` : '#accounts-title');
  }

  /** Sets an account's activity, re-renders, and moves focus to one of its buttons. */
  #set(account: Account, activity: AccountActivity, focus?: string): void {
    if (activity.kind === 'idle') this.#activities.delete(account.auth.id);
    else this.#activities.set(account.auth.id, activity);
    this.host.requestUpdate();
    if (focus) this.#focus(`[data-key="a:${CSS.escape(account.auth.id)}"] [data-action=${focus}]`);
  }

  #focus(selector: string): void {
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }
}
