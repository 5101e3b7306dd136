/**
 * Shared by the hardening suite's browser tests: mounting the widget against
 * the msw-served emulator core, reading cards as a user sees them, watching
 * what the widget sent, and scanning every place a secret could leak to.
 */
import { fixture as mount, html, waitUntil } from '@open-wc/testing';
import '../../src/define.ts';
import type { TrayIntegrationsElement } from '../../src/elements/tray-integrations.ts';
import type { MockTray } from '../support/msw-tray.ts';
import { USER } from './fixture.ts';

/** The dialog stand-in on a second origin: pages load from localhost, it is served on 127.0.0.1 (or the reverse). */
export const CROSS_DIALOG_ORIGIN = `${location.protocol}//${location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1'}:${location.port}`;

export interface Sent {
  url: string;
  operationName: string;
  variables: Record<string, unknown>;
}

/** Records every GraphQL body the widget sent through msw, in order. */
export function watch(tray: MockTray): { sent: Sent[]; ops(name: string): Sent[] } {
  const sent: Sent[] = [];
  tray.worker.events.on('request:start', async ({ request }) => {
    if (!request.url.endsWith('/graphql')) return;
    try {
      sent.push({ url: request.url, ...((await request.clone().json()) as Omit<Sent, 'url'>) });
    } catch {
      sent.push({ url: request.url, operationName: '(unreadable)', variables: {} });
    }
  });
  return { sent, ops: (name) => sent.filter((s) => s.operationName === name) };
}

export interface MountOptions {
  token?: string | undefined;
  fetchToken?: (() => Promise<string>) | undefined;
  /** What fetchAuthCode hands out, in order. */
  codes?: string[];
  /** The stub dialog's script (test/support/dialog-stub-plugin.mjs), chosen by embedded-id. */
  script?: string;
  dialogOrigin?: string;
  autoEnable?: boolean;
  wait?: boolean;
}

export interface Mounted {
  el: TrayIntegrationsElement;
  calls: { fetchAuthCode: number; fetchToken: number };
}

export async function mountWidget(tray: MockTray, options: MountOptions = {}): Promise<Mounted> {
  const codes = [...(options.codes ?? [])];
  const calls = { fetchAuthCode: 0, fetchToken: 0 };
  const token = 'token' in options ? options.token : await tray.userToken(USER.externalUserId);
  const fetchToken = options.fetchToken;
  const el = await mount<TrayIntegrationsElement>(html`<tray-integrations
    .token=${token}
    .fetchAuthCode=${async () => {
      calls.fetchAuthCode++;
      return codes.shift() ?? 'no-code-left';
    }}
    .fetchToken=${fetchToken &&
    (() => {
      calls.fetchToken++;
      return fetchToken();
    })}
    .autoEnable=${options.autoEnable ?? true}
    dialog-origin=${options.dialogOrigin ?? CROSS_DIALOG_ORIGIN}
    embedded-id=${options.script ?? 'finish'}
  ></tray-integrations>`);
  if (options.wait !== false) await loaded(el);
  return { el, calls };
}

/** Waits for cards, the empty state or the load error (a failing load is retried with backoff first). */
export async function loaded(el: TrayIntegrationsElement, timeout = 8000): Promise<void> {
  await waitUntil(() => el.shadowRoot!.querySelector('article, [part=empty], [part~=error]'), 'the widget loads', { timeout });
}

export const root = (el: TrayIntegrationsElement) => el.shadowRoot!;
export const cards = (el: TrayIntegrationsElement) => [...root(el).querySelectorAll('article')];
export const titles = (el: TrayIntegrationsElement) => cards(el).map((c) => c.querySelector('h3')!.textContent);

export function card(el: TrayIntegrationsElement, title: string): HTMLElement {
  const found = cards(el).find((a) => a.querySelector('h3')!.textContent === title);
  if (!found) throw new Error(`no card titled ${title}; cards: ${titles(el).join(' | ')}`);
  return found;
}

export const buttons = (scope: ParentNode) => [...scope.querySelectorAll('button')];
export const buttonNames = (scope: ParentNode) => buttons(scope).map((b) => b.textContent!.trim());

export function button(scope: ParentNode, name: string): HTMLButtonElement {
  const found = buttons(scope).find((b) => b.textContent!.trim() === name);
  if (!found) throw new Error(`no button "${name}" among: ${buttonNames(scope).join(', ')}`);
  return found;
}

export const hasButton = (scope: ParentNode, name: string) => buttonNames(scope).includes(name);
export const badge = (el: TrayIntegrationsElement, title: string) => card(el, title).querySelector('[part~=badge]')!.textContent!.trim();
export const cardError = (el: TrayIntegrationsElement, title: string) => card(el, title).querySelector('[part~=error]')?.textContent ?? null;
export const loadError = (el: TrayIntegrationsElement) => root(el).querySelector('[part~=error]')?.textContent ?? null;

/** Every `tray-error` seen on the document while the returned recorder is active. */
export function recordEvents<E extends Event>(type: keyof GlobalEventHandlersEventMap): { seen: E[]; stop(): void } {
  const seen: E[] = [];
  const listener = (event: Event) => seen.push(event as E);
  document.addEventListener(type, listener);
  return { seen, stop: () => document.removeEventListener(type, listener) };
}

/**
 * For a whole describe block: records the event from its start, forgets what
 * was seen before each test, and stops listening after the block.
 */
export function useEvents<E extends Event>(type: keyof GlobalEventHandlersEventMap): { seen: E[] } {
  const recorder = recordEvents<E>(type);
  beforeEach(() => (recorder.seen.length = 0));
  after(() => recorder.stop());
  return recorder;
}

/** Waits a little for anything (wrongly) pending to happen, so "nothing changed" means something. */
export const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

/** Spies on window.open (calling through), so a test can reach a same-origin popup. */
export function spyOnOpen(): { opened: Array<{ url: string; popup: Window | null }>; restore(): void } {
  const original = window.open;
  const opened: Array<{ url: string; popup: Window | null }> = [];
  window.open = function (this: Window, ...args: Parameters<Window['open']>) {
    const popup = original.apply(window, args);
    opened.push({ url: String(args[0] ?? ''), popup });
    return popup;
  } as Window['open'];
  return {
    opened,
    restore: () => {
      window.open = original;
    },
  };
}

/** Waits until a same-origin popup has loaded the dialog page. */
export async function dialogLoaded(popup: Window): Promise<void> {
  await waitUntil(
    () => {
      try {
        return popup.location.pathname.startsWith('/external/auth/create/') && popup.document.readyState === 'complete';
      } catch {
        return false;
      }
    },
    'the popup loads the dialog',
    { timeout: 5000 },
  );
}

/** Runs `code` inside the popup's own realm, so its messages come from that window (event.source === popup). */
export function speakAsPopup(popup: Window, code: string): void {
  const script = popup.document.createElement('script');
  script.textContent = code;
  popup.document.body.append(script);
}

/** All text and attribute values in the document, through every open shadow root. */
export function allMarkup(node: Node = document.documentElement): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n instanceof Element) {
      parts.push(`<${n.localName}`);
      for (const attr of n.attributes) parts.push(`${attr.name}=${attr.value}`);
      if (n.shadowRoot) walk(n.shadowRoot);
    } else if (n.nodeType === Node.TEXT_NODE || n.nodeType === Node.COMMENT_NODE) {
      parts.push(n.nodeValue ?? '');
    }
    for (const child of n.childNodes) walk(child);
  };
  walk(node);
  return parts.join('\n');
}

/** Every element in the document, through every open shadow root. */
export function allElements(node: ParentNode = document): Element[] {
  const found: Element[] = [];
  for (const el of node.querySelectorAll('*')) {
    found.push(el);
    if (el.shadowRoot) found.push(...allElements(el.shadowRoot));
  }
  return found;
}

/** What console.* printed while installed (the calls still reach the real console). */
export function captureConsole(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const originals = methods.map((m) => console[m]);
  methods.forEach((m, i) => {
    console[m] = (...args: unknown[]) => {
      lines.push(
        args
          .map((a) => {
            if (typeof a === 'string') return a;
            if (a instanceof Error) return `${a.name}: ${a.message}\n${a.stack ?? ''}`;
            try {
              return JSON.stringify(a);
            } catch {
              return String(a);
            }
          })
          .join(' '),
      );
      (originals[i] as (...a: unknown[]) => void).apply(console, args);
    };
  });
  return {
    lines,
    restore: () => methods.forEach((m, i) => (console[m] = originals[i] as never)),
  };
}

/** Both web storages, every key and value. */
export function storageDump(): string {
  const out: string[] = [];
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)!;
      out.push(`${key}=${storage.getItem(key)}`);
    }
  }
  return out.join('\n');
}

/** Every URL this page fetched or loaded, as the browser recorded it. */
export const resourceUrls = () => performance.getEntriesByType('resource').map((e) => e.name);
