/**
 * Every string of the accounts view (`view="accounts"`), in English. Like the
 * toolbar's, they live with the code that shows them, in a chunk of their
 * own, and a host overrides any of them through the element's `messages`.
 */
import { formats } from '../translations/formats.ts';

const en = formats('en');

export const DEFAULT_ACCOUNT_MESSAGES = {
  /** The view's heading. */
  accountsTitle: 'Connected accounts',
  /** While the list is read as the view opens. */
  accountsLoading: 'Loading your accounts…',
  /** The button back to the catalogue. */
  showCatalog: 'Back to integrations',
  accountsEmpty: 'No connected accounts yet. When you authorize a service for an integration, its account shows here.',
  /** Names the list of integrations that use an account. */
  accountUsedBy: 'Used by',
  accountUnused: 'No integration uses this account.',
  /** Authorize the account again, for every integration that uses it. */
  reconnectAccount: 'Reconnect',
  removeAccount: 'Remove',
  /** Remove pressed on an account integrations still use: nothing is removed. */
  removeAccountInUse: (integrations: readonly string[]) =>
    `Still used by ${en.list(integrations)}. Delete ${integrations.length > 1 ? 'those integrations' : 'that integration'} or reconnect ${integrations.length > 1 ? 'them' : 'it'} to another account first.`,
  /** The in-place confirmation: the account's name and its service's title. */
  confirmRemoveAccount: (account: string, service: string) => `Remove the ${service} account ${account}? You can connect it again later.`,
  confirmRemoveAccountYes: 'Yes, remove',
  confirmRemoveAccountNo: 'Keep it',
  /** Said as the view shows. */
  announceAccounts: (count: number) => en.plural(count, { one: '# connected account.', other: '# connected accounts.' }),
  announceAccountRemoved: (account: string) => `${account} removed.`,
};

export type AccountMessages = typeof DEFAULT_ACCOUNT_MESSAGES;
