/**
 * Reads and drives the accounts view (`view="accounts"`) the way a person
 * does: the heading, each account by what its heading says ("Slack:
 * slack-1 account"), the integrations listed under it, its messages and
 * buttons by name. Lookups are live, as in the widget harness.
 */
import { waitUntil } from '@open-wc/testing';
import type { TrayIntegrationsElement } from '../../src/elements/tray-integrations.ts';
import { realClick } from './commands.ts';

const WAIT_MS = 5000;
const nameOf = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim();

export class AccountHarness {
  constructor(
    private readonly view: AccountsHarness,
    /** The account's heading, e.g. "Slack: slack-1 account". */
    readonly title: string,
  ) {}

  get element(): HTMLElement {
    const found = this.view.items().find((item) => nameOf(item.querySelector('h3')!) === this.title);
    if (!found) throw new Error(`no account "${this.title}"; accounts: ${this.view.titles.join(' | ')}`);
    return found;
  }

  /** The titles of the integrations that use it, as listed. */
  get uses(): string[] {
    return [...this.element.querySelectorAll('[part~=account-use]')].map(nameOf);
  }

  get unused(): string | null {
    return this.text('account-unused');
  }

  /** The service icon's URL, or null. */
  get icon(): string | null {
    return this.element.querySelector<HTMLImageElement>('[part~=account-icon]')?.src ?? null;
  }

  get error(): string | null {
    return this.text('error');
  }

  get confirmation(): string | null {
    return this.text('confirm');
  }

  get busy(): boolean {
    return this.element.getAttribute('aria-busy') === 'true';
  }

  get buttonNames(): string[] {
    return [...this.element.querySelectorAll('button')].map(nameOf);
  }

  button(name: string): HTMLButtonElement {
    const found = [...this.element.querySelectorAll('button')].find((b) => nameOf(b) === name);
    if (!found) throw new Error(`no button "${name}" on "${this.title}"; buttons: ${this.buttonNames.join(', ')}`);
    return found;
  }

  click(name: string): void {
    this.button(name).click();
  }

  realClick(name: string): Promise<void> {
    return realClick(this.button(name));
  }

  private text(part: string): string | null {
    const found = this.element.querySelector(`[part~=${part}]`);
    return found ? nameOf(found) : null;
  }
}

export class AccountsHarness {
  constructor(readonly el: TrayIntegrationsElement) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  items(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>('[part~=account]')];
  }

  get titles(): string[] {
    return this.items().map((item) => nameOf(item.querySelector('h3')!));
  }

  account(title: string): AccountHarness {
    const account = new AccountHarness(this, title);
    void account.element;
    return account;
  }

  get heading(): string | null {
    const h = this.root.querySelector('[part~=accounts-title]');
    return h ? nameOf(h) : null;
  }

  /** Waits for the view to list its accounts (or say there are none) once the list is re-read. */
  shown(timeout = WAIT_MS): Promise<void> {
    return waitUntil(
      () => this.root.querySelector('[part~=accounts-view]') && !this.root.querySelector('[part~=accounts-view] > [part~=progress], [part~=accounts][aria-busy=true]'),
      'the accounts view lists the accounts',
      { timeout },
    );
  }

  until(check: () => unknown, message: string, timeout = WAIT_MS): Promise<void> {
    const holds = () => {
      try {
        return check();
      } catch {
        return false;
      }
    };
    return waitUntil(holds, message, { timeout });
  }
}
