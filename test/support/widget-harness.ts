/**
 * A test harness for `<tray-integrations>`: reads and drives the widget the
 * way a user does, by what they see: a card by its heading, its badge, its
 * services lines and its messages, buttons by their name (or their
 * `data-action`), and the live status region. Every suite that renders the
 * widget (element, hardening, e2e, React example) goes through it, so a
 * change to the markup is made here once.
 *
 *   const slack = new WidgetHarness(el).card('Slack alerts');
 *   await slack.connect();            // Connect: created, and the first service's dialog opens in that click
 *   await slack.untilBadge('Enabled');
 *
 * Lookups are live: a CardHarness finds its card again on every read, so it
 * stays valid across re-renders.
 */
import { oneEvent, waitUntil } from '@open-wc/testing';
import type { TrayIntegrationsElement } from '../../src/elements/tray-integrations.ts';
import type { TRAY_EVENTS } from '../../src/events.ts';
import { findCard } from '../../scripts/find-card.ts';
import { realClick } from './commands.ts';
// The element fetches its actions as its first page arrives; a test clicks
// right after, sooner than a person, while the dev server may still be
// compiling that module. Loaded here first, a test's click acts at once, as a
// person's does. (A click that beats the chunk is tested against the built
// bundle in test/build/csp.node.test.ts.)
import '../../src/elements/marketplace-actions.ts';

/** How long a harness wait allows by default: generous, the machine may be busy. */
const WAIT_MS = 5000;

/** A button by its accessible name, or by what it does (and for which auth slot). */
export type ButtonQuery = string | { action: string; slot?: string };

const describeQuery = (query: ButtonQuery) =>
  typeof query === 'string' ? `"${query}"` : `[data-action=${query.action}${query.slot ? ` data-slot=${query.slot}` : ''}]`;

/** The name a user (or a screen reader) hears for a button: its text. */
const nameOf = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The text of the first element with this part inside `scope`, or null when there is none. */
const partText = (scope: ParentNode, part: string) => scope.querySelector(`[part~=${part}]`)?.textContent ?? null;

function findButton(scope: ParentNode, query: ButtonQuery, where: string): HTMLButtonElement {
  const all = [...scope.querySelectorAll('button')];
  const found = all.find((b) =>
    typeof query === 'string' ? nameOf(b) === query : b.dataset.action === query.action && (query.slot === undefined || b.dataset.slot === query.slot),
  );
  if (!found) throw new Error(`no button ${describeQuery(query)} ${where}; buttons: ${all.map(nameOf).join(', ') || '(none)'}`);
  return found;
}

/** One line of a card's services list, as shown. */
export interface ServiceLine {
  /** e.g. "Slack: Authorized" (white space folded). */
  text: string;
  authorized: boolean;
  /** The service icon's URL, or null when none is shown. */
  icon: string | null;
}

export class CardHarness {
  constructor(
    private readonly widget: WidgetHarness,
    /** The card's heading, as shown. */
    readonly title: string,
  ) {}

  /** The card's <article>, found again on every read. */
  get element(): HTMLElement {
    const found = findCard(this.widget.root, this.title);
    if (!found) throw new Error(`no card titled ${this.title}; cards: ${this.widget.titles.join(' | ')}`);
    return found;
  }

  get badge(): string {
    return this.element.querySelector('[part~=badge]')!.textContent!.trim();
  }

  /** The card's state, from its `card-<state>` part (e.g. `needs-auth`). */
  get state(): string {
    const part = [...this.element.part].find((p) => p.startsWith('card-'));
    return part!.slice('card-'.length);
  }

  get services(): ServiceLine[] {
    return [...this.element.querySelectorAll<HTMLElement>('[part~=service]')].map((li) => ({
      text: nameOf(li),
      authorized: li.part.contains('service-authorized'),
      icon: li.querySelector('img')?.src ?? null,
    }));
  }

  /** The error shown on the card, or null. */
  get error(): string | null {
    return partText(this.element, 'error');
  }

  /** The muted note (update required, newer version), or null. */
  get note(): string | null {
    return partText(this.element, 'note');
  }

  /** The popup-blocked notice, or null. */
  get notice(): string | null {
    return partText(this.element, 'notice');
  }

  /** The delete confirmation question, or null when none is asked. */
  get confirmation(): string | null {
    return partText(this.element, 'confirm');
  }

  /** Whether the card says it is working on an action. */
  get working(): boolean {
    return this.element.querySelector('[part~=progress]') !== null;
  }

  get busy(): boolean {
    return this.element.getAttribute('aria-busy') === 'true';
  }

  get description(): string | null {
    return partText(this.element, 'description');
  }

  get tags(): string[] {
    return [...this.element.querySelectorAll('[part~=tag]')].map((t) => t.textContent ?? '');
  }

  /** The solution's picture, or null when none is shown. */
  get image(): HTMLImageElement | null {
    return this.element.querySelector<HTMLImageElement>('[part~=image]');
  }

  /** The buttons a person sees on the card ("Show all" is there only while text is cut short). */
  get buttons(): HTMLButtonElement[] {
    return [...this.element.querySelectorAll('button')].filter((b) => !b.hidden);
  }

  get buttonNames(): string[] {
    return this.buttons.map(nameOf);
  }

  button(query: ButtonQuery): HTMLButtonElement {
    return findButton(this.element, query, `on "${this.title}"`);
  }

  hasButton(query: ButtonQuery): boolean {
    try {
      this.button(query);
      return true;
    } catch {
      return false;
    }
  }

  /** A scripted click: enough for anything but opening the dialog. */
  click(query: ButtonQuery): void {
    this.button(query).click();
  }

  /** A trusted mouse click: what opening the dialog popup needs. */
  realClick(query: ButtonQuery): Promise<void> {
    return realClick(this.button(query));
  }

  /** Trusted click on a button, resolving with the next `type` event the widget dispatches after it. */
  async realClickFor<K extends TrayEventName>(query: ButtonQuery, type: K): Promise<EventOf<K>> {
    const next = nextEvent(this.widget.el, type);
    await this.realClick(query);
    return next;
  }

  /**
   * Presses Connect and waits until the integration exists; the first
   * service's dialog opened in that same click (for a solution with services).
   */
  async connect(options: { trusted?: boolean; timeout?: number } = {}): Promise<void> {
    let created = false;
    const listener = (event: Event) => (created ||= (event as EventOf<'tray-connect'>).phase === 'created');
    this.widget.el.addEventListener('tray-connect', listener);
    try {
      if (options.trusted) await this.realClick('Connect');
      else this.click('Connect');
      await waitUntil(() => created, `${this.title}: Connect created no integration`, { timeout: options.timeout ?? WAIT_MS });
    } finally {
      this.widget.el.removeEventListener('tray-connect', listener);
    }
  }

  /** Presses Delete, then Yes in the confirmation the card shows. */
  async deleteConfirmed(options: { trusted?: boolean } = {}): Promise<void> {
    const press = (name: string) => (options.trusted ? this.realClick(name) : this.click(name));
    await press('Delete');
    await this.widget.el.updateComplete;
    await press('Yes, delete');
  }

  /** Waits until `check` holds for this card; a check that throws (no such button yet) means "not yet". */
  async until(check: (card: CardHarness) => unknown, message: string, timeout = WAIT_MS): Promise<void> {
    const holds = () => {
      try {
        return check(this);
      } catch {
        return false;
      }
    };
    await waitUntil(holds, `"${this.title}": ${message}`, { timeout });
  }

  untilBadge(text: string, timeout?: number): Promise<void> {
    return this.until((c) => c.badge === text, `shows ${text}`, timeout);
  }

  /** Waits until the card has no action running. */
  untilIdle(timeout?: number): Promise<void> {
    return this.until((c) => !c.busy, 'is idle', timeout);
  }
}

export class WidgetHarness {
  constructor(readonly el: TrayIntegrationsElement) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  cardElements(): HTMLElement[] {
    return [...this.root.querySelectorAll('article')];
  }

  get cards(): CardHarness[] {
    return this.titles.map((title) => new CardHarness(this, title));
  }

  get titles(): string[] {
    return this.cardElements().map((a) => a.querySelector('h3')!.textContent!);
  }

  card(title: string): CardHarness {
    const card = new CardHarness(this, title);
    void card.element; // fails now, with the titles there are, if there is no such card
    return card;
  }

  /** The first element with this part (e.g. `skeleton`, `empty`, `base`), or null. */
  part(name: string): HTMLElement | null {
    return this.root.querySelector<HTMLElement>(`[part~=${name}]`);
  }

  /**
   * Shows the toolbar's chips as a person would: on a narrow toolbar they are
   * folded behind "Filters", which this presses. True if it had to.
   */
  async showFilters(): Promise<boolean> {
    const button = this.part('button-filters');
    if (!button?.getClientRects().length || button.getAttribute('aria-expanded') === 'true') return false;
    await realClick(button);
    await waitUntil(() => this.part('filters')?.getClientRects().length, 'the chips show', { timeout: WAIT_MS });
    return true;
  }

  /** What the live region last announced. */
  get status(): string {
    return this.root.querySelector('[role=status]')!.textContent!.trim();
  }

  /** The first error shown in the widget (the load error, when loading failed), or null. */
  get loadError(): string | null {
    return partText(this.root, 'error');
  }

  /** A button anywhere in the widget, e.g. the load error's Retry. */
  button(query: ButtonQuery): HTMLButtonElement {
    return findButton(this.root, query, 'in the widget');
  }

  /** The name of the focused element inside the widget, or null when focus is elsewhere. */
  get focused(): string | null {
    const active = this.root.activeElement;
    return active ? nameOf(active) : null;
  }

  untilFocused(name: string, timeout?: number): Promise<void> {
    return waitUntil(() => this.focused === name, `focus on ${name}`, { timeout: timeout ?? WAIT_MS });
  }

  /** Waits for cards, the empty state, the sign-in message or the load error (a failing load is retried with backoff first). */
  loaded(timeout = 8000): Promise<void> {
    return waitUntil(() => this.el.shadowRoot?.querySelector('article, [part~=empty], [part~=signed-out], [part~=error]'), 'the widget loads', { timeout });
  }

  /** Waits until no card has an action running. */
  untilIdle(timeout = WAIT_MS): Promise<void> {
    return waitUntil(() => !this.root.querySelector('article[aria-busy=true]'), 'every action finishes', { timeout });
  }
}

/** The widget's event names, e.g. `tray-authorize`. */
export type TrayEventName = (typeof TRAY_EVENTS)[keyof typeof TRAY_EVENTS];
type EventOf<K extends TrayEventName> = GlobalEventHandlersEventMap[K];

/** The next event of this type, typed as the element dispatches it. */
export const nextEvent = <K extends TrayEventName>(target: EventTarget, type: K) => oneEvent(target, type) as unknown as Promise<EventOf<K>>;

export interface EventLog<E extends Event> {
  /** What was dispatched, in order, as seen on the document (so: bubbling and composed). */
  readonly seen: E[];
  stop(): void;
}

/** Records these widget events on the document until stopped. */
export function recordEvents<K extends TrayEventName>(...types: K[]): EventLog<EventOf<K>> {
  const seen: Array<EventOf<K>> = [];
  const listener = (event: Event) => seen.push(event as EventOf<K>);
  for (const type of types) document.addEventListener(type, listener);
  return { seen, stop: () => types.forEach((type) => document.removeEventListener(type, listener)) };
}

/** For a describe block: records these events during each test, afresh for each. */
export function useEvents<K extends TrayEventName>(...types: K[]): { readonly seen: Array<EventOf<K>> } {
  let log: EventLog<EventOf<K>> | undefined;
  beforeEach(() => {
    log = recordEvents(...types);
  });
  afterEach(() => log?.stop());
  return {
    get seen() {
      if (!log) throw new Error('useEvents records inside tests only');
      return log.seen;
    },
  };
}

/** Waits a little for anything (wrongly) pending to happen, so "nothing changed" means something. */
export const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));
