/**
 * The accounts view: the user's connected accounts with the integrations
 * that use them, Reconnect, and Remove, refused while an integration uses the
 * account and confirmed in place otherwise. Fixture: slack-1 is used by three
 * integrations, slack-2 by Daily digest; jira-1 and after-junk by none.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TrayAccountRemoveEvent } from '../../../src/events.ts';
import { AccountsHarness } from '../../support/accounts-harness.ts';
import { useEvents } from '../../support/widget-harness.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

const SLACK_1 = 'Slack: slack-1 account';
const SLACK_2 = 'Slack: slack-2 account';
const JIRA = 'Jira: jira-1 account';
const JUNK = 'Slack: after-junk account';

async function mountAccounts(options: Parameters<typeof suite.mount>[0] = {}) {
  const mounted = await suite.mount({ view: 'accounts', wait: false, ...options });
  const accounts = new AccountsHarness(mounted.el);
  await accounts.shown();
  return { ...mounted, accounts };
}

describe('<tray-integrations view="accounts">', () => {
  const events = useEvents('tray-account-remove', 'tray-error', 'tray-delete');

  it('lists every account with its service, the integrations that use it, Reconnect where one does, and Remove; it is accessible', async () => {
    const { el, widget, accounts } = await mountAccounts();
    expect(accounts.heading).to.equal('Connected accounts');
    expect(accounts.titles).to.deep.equal([SLACK_1, SLACK_2, JIRA, JUNK]);
    const slack1 = accounts.account(SLACK_1);
    expect(slack1.uses).to.deep.equal(['Orders to Slack', 'Leads to Slack', 'Issues to Slack']);
    expect(slack1.icon).to.equal('https://icons.example/slack.png');
    expect(slack1.buttonNames).to.deep.equal(['Reconnect', 'Remove']);
    expect(accounts.account(SLACK_2).uses).to.deep.equal(['Daily digest']);
    const jira = accounts.account(JIRA);
    expect(jira.uses).to.deep.equal([]);
    expect(jira.unused).to.equal('No integration uses this account.');
    // Tray's javascript: icon is never drawn.
    expect(jira.icon).to.equal(null);
    expect(jira.buttonNames).to.deep.equal(['Remove']);
    // The catalogue is not there; the list was re-read as the view opened, and announced.
    expect(widget.cardElements()).to.have.length(0);
    expect(suite.ops('Authentications')).to.have.length(1);
    await waitUntil(() => widget.status === '4 connected accounts.', `announced (now "${widget.status}")`);
    await expect(el).to.be.accessible();
  });

  it('shows Tray’s account and service names as text, never markup', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">Evil & <b>bold</b>';
    const auth = suite.tray.emulator.store.authentications.get('auth-jira-1')!;
    auth.name = hostile;
    auth.service = { ...auth.service, title: '<i>Jira</i>' };
    const { accounts } = await mountAccounts();
    const item = accounts.account(`<i>Jira</i>: ${hostile}`);
    expect(item.element.querySelectorAll('img, b, i')).to.have.length(0);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('refuses Remove while integrations use the account, says which, and sends nothing', async () => {
    const { widget, accounts } = await mountAccounts();
    const slack1 = accounts.account(SLACK_1);
    slack1.click('Remove');
    await accounts.until(() => slack1.error, 'the refusal shows');
    const refusal = 'Still used by Orders to Slack, Leads to Slack, and Issues to Slack. Delete those integrations or reconnect them to another account first.';
    expect(slack1.error).to.equal(refusal);
    await waitUntil(() => widget.status === refusal, 'the refusal is announced');
    expect(slack1.confirmation).to.equal(null);
    expect(suite.ops('RemoveAuthentication')).to.deep.equal([]);
    expect(events.seen).to.deep.equal([]);
    expect(suite.tray.emulator.store.authentications.has('auth-slack-1')).to.equal(true);
  });

  it('removes an unused account after asking in place: keyboard, events, Tray, focus and announcement', async () => {
    const { el, widget, accounts } = await mountAccounts();
    const jira = accounts.account(JIRA);
    jira.button('Remove').focus();
    await sendKeys({ press: 'Enter' });
    await accounts.until(() => jira.confirmation, 'asks to confirm');
    expect(jira.confirmation).to.equal('Remove the Jira account jira-1 account? You can connect it again later.');
    await waitUntil(() => widget.focused === 'Keep it', 'focus on Keep it');
    await expect(el).to.be.accessible();
    // Escape backs out, focus back on Remove.
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => widget.focused === 'Remove' && jira.confirmation === null, 'Escape cancels');
    expect(suite.ops('RemoveAuthentication')).to.deep.equal([]);

    await sendKeys({ press: 'Enter' });
    await accounts.until(() => jira.button('Yes, remove'), 'asks again');
    jira.button('Yes, remove').focus();
    await sendKeys({ press: 'Enter' });
    await accounts.until(() => !accounts.titles.includes(JIRA), 'the account goes');
    expect(accounts.titles).to.deep.equal([SLACK_1, SLACK_2, JUNK]);
    expect(suite.ops('RemoveAuthentication').map((s) => s.variables)).to.deep.equal([{ authenticationId: 'auth-jira-1' }]);
    expect(suite.tray.emulator.store.authentications.has('auth-jira-1')).to.equal(false);
    const seen = (events.seen as TrayAccountRemoveEvent[]).map((e) => [e.type, e.phase, e.authenticationId, e.service, e.cancelable]);
    expect(seen).to.deep.equal([
      ['tray-account-remove', 'request', 'auth-jira-1', 'jira', true],
      ['tray-account-remove', 'removed', 'auth-jira-1', 'jira', false],
    ]);
    await waitUntil(() => widget.status === 'jira-1 account removed.', 'announced');
    // Focus moves on to the next account's Remove.
    await waitUntil(() => el.shadowRoot!.activeElement?.closest('[part~=account]')?.querySelector('h3')?.textContent?.includes('after-junk'), 'focus on the next account');
    expect(widget.focused).to.equal('Remove');
  });

  it('keeps the account when a listener cancels the request', async () => {
    const { el, accounts } = await mountAccounts();
    el.addEventListener('tray-account-remove', (event) => event.preventDefault(), { once: true });
    const junk = accounts.account(JUNK);
    junk.click('Remove');
    await accounts.until(() => junk.button('Yes, remove'), 'asks');
    junk.click('Yes, remove');
    await accounts.until(() => junk.confirmation === null, 'back to the account');
    expect(accounts.titles).to.include(JUNK);
    expect(suite.ops('RemoveAuthentication')).to.deep.equal([]);
    expect(suite.tray.emulator.store.authentications.has('auth-after-junk')).to.equal(true);
  });

  it('says why when Tray fails to remove it, and keeps the account', async () => {
    const { accounts } = await mountAccounts();
    const junk = accounts.account(JUNK);
    junk.click('Remove');
    await accounts.until(() => junk.button('Yes, remove'), 'asks');
    suite.tray.emulator.faults.failNext(1, 'http500');
    junk.click('Yes, remove');
    await accounts.until(() => junk.error, 'the failure shows');
    expect(junk.error).to.equal('The integrations service failed. Try again in a moment.');
    expect(accounts.titles).to.include(JUNK);
    expect(events.seen.map((e) => e.type)).to.deep.equal(['tray-account-remove', 'tray-error']);
    expect(junk.buttonNames).to.deep.equal(['Remove']);
  });

  it('removes an account once the integration that used it is deleted', async () => {
    const { el, widget, accounts } = await mountAccounts();
    const slack2 = accounts.account(SLACK_2);
    slack2.click('Remove');
    await accounts.until(() => slack2.error?.startsWith('Still used by Daily digest.'), 'refused');
    // Back to the catalogue, delete Daily digest, and back to the accounts.
    accounts.root.querySelector<HTMLButtonElement>('[part~=button-catalog]')!.click();
    await widget.loaded();
    await widget.card('Daily digest').deleteConfirmed();
    await waitUntil(() => !widget.titles.includes('Daily digest') || widget.card('Daily digest').state === 'not-connected', 'Daily digest deleted');
    await waitUntil(() => widget.part('button-accounts'), 'the toolbar offers the accounts');
    widget.part('button-accounts')!.click();
    await accounts.shown();
    const now = accounts.account(SLACK_2);
    expect(now.uses).to.deep.equal([]);
    expect(now.error, 'the refusal is not shown again').to.equal(null);
    now.click('Remove');
    await accounts.until(() => now.button('Yes, remove'), 'asks');
    now.click('Yes, remove');
    await accounts.until(() => !accounts.titles.includes(SLACK_2), 'removed');
    expect(suite.tray.emulator.store.authentications.has('auth-slack-2')).to.equal(false);
    void el;
  });

  it('Reconnect moves the integrations to the new account, which is then unused no more', async () => {
    const { accounts } = await mountAccounts({ codes: ['after-junk'] });
    await accounts.account(SLACK_2).realClick('Reconnect');
    await accounts.until(() => accounts.account(SLACK_2).uses.length === 0, 'slack-2 is free', 8000);
    expect(accounts.account(JUNK).uses).to.deep.equal(['Daily digest']);
    expect(suite.authOf('inst-newer')).to.deep.equal(['auth-after-junk']);
  });
});

describe('switching between the catalogue and the accounts', () => {
  it('the toolbar offers "Connected accounts (4)"; focus follows to the heading and back', async () => {
    const { el, widget } = await suite.mount();
    await waitUntil(() => widget.part('button-accounts'), 'the toolbar offers the accounts');
    const toAccounts = widget.part('button-accounts')!;
    expect(toAccounts.textContent!.trim()).to.equal('Connected accounts (4)');
    toAccounts.focus();
    await sendKeys({ press: 'Enter' });
    const accounts = new AccountsHarness(el);
    await accounts.shown();
    expect(el.view).to.equal('accounts');
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'accounts-title', 'focus on the heading');
    expect(accounts.titles).to.have.length(4);
    accounts.root.querySelector<HTMLButtonElement>('[part~=button-catalog]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => widget.focused === 'Connected accounts (4)', 'focus back on the toolbar button');
    expect(el.view).to.equal('catalog');
    expect(widget.titles).to.include('Slack alerts');
  });

  it('a host switching the attribute moves no focus', async () => {
    const { el, widget } = await suite.mount();
    const outside = document.createElement('button');
    document.body.append(outside);
    outside.focus();
    el.setAttribute('view', 'accounts');
    await new AccountsHarness(el).shown();
    expect(document.activeElement).to.equal(outside);
    outside.remove();
    el.removeAttribute('view');
    await widget.loaded();
    expect(widget.titles).to.include('Slack alerts');
  });

  it('speaks the page’s language', async () => {
    const { accounts } = await mountAccounts({ lang: 'de' });
    await waitUntil(() => accounts.heading === 'Verbundene Konten', 'the heading in German');
    expect(accounts.account(JIRA).unused).to.equal('Keine Integration verwendet dieses Konto.');
    expect(accounts.account(JIRA).buttonNames).to.deep.equal(['Entfernen']);
    accounts.account(SLACK_2).click('Entfernen');
    await accounts.until(() => accounts.account(SLACK_2).error, 'the refusal shows');
    expect(accounts.account(SLACK_2).error).to.equal(
      'Wird noch von Daily digest verwendet. Löschen Sie zuerst diese Integration oder verbinden Sie sie mit einem anderen Konto.',
    );
  });
});
