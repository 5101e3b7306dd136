/**
 * What every framework example's test needs: a Tray (the emulator's core
 * through msw), the host backend's two endpoints answered the way
 * tray-integrations/server answers them, and the steps a user takes on the
 * rendered widget. Each framework's test renders its example, then asks
 * these what the widget received and what the host heard.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { TrayIntegrationsElement } from '../../src/elements/tray-integrations.ts';
import { startMockTray, type MockTray } from '../support/msw-tray.ts';

const USER = 'demo-user';
export const STRIPE = 'Stripe payments to QuickBooks';

export interface HostBackend {
  tray: MockTray;
  /** How many times the page POSTed /api/tray/session. */
  readonly sessions: number;
}

/** Starts the mock Tray and the host's endpoints for one suite: call in `before`. */
export async function startHostBackend(): Promise<HostBackend> {
  const tray = await startMockTray();
  const backend = { tray, sessions: 0 };
  tray.worker.use(
    http.post('*/api/tray/session', async () => (backend.sessions++, HttpResponse.json({ token: await tray.userToken(USER) }))),
    http.post('*/api/tray/auth-code', async () => HttpResponse.json({ code: await tray.authCode(USER) })),
  );
  return backend;
}

/** waitUntil resolves to nothing, so this returns what the predicate found. */
export async function found<T>(find: () => T | null | undefined, message: string): Promise<T> {
  await waitUntil(() => find(), message);
  return find()!;
}

export function button(card: Element, name: string): HTMLButtonElement | undefined {
  return [...card.querySelectorAll('button')].find((b) => b.textContent!.trim() === name);
}

/** The widget the framework rendered inside `host`, once its marketplace shows the Stripe card. */
export async function loadedWidget(host: Element): Promise<{ widget: TrayIntegrationsElement; card: HTMLElement }> {
  const widget = await found(() => host.querySelector('tray-integrations'), 'the framework rendered the element');
  const card = await found(
    () => [...(widget.shadowRoot?.querySelectorAll('article') ?? [])].find((a) => a.querySelector('h3')!.textContent === STRIPE),
    'the marketplace loaded',
  );
  return { widget, card };
}

/**
 * The callbacks reached the element as properties: functions, not strings in
 * attributes, the attributes the example sets are there, and each callback
 * answers from the host backend.
 */
export async function expectCallbacksAsProperties(widget: TrayIntegrationsElement): Promise<void> {
  expect(typeof widget.fetchToken, 'fetchToken').to.equal('function');
  expect(typeof widget.fetchAuthCode, 'fetchAuthCode').to.equal('function');
  expect(widget.getAttributeNames().filter((name) => /fetch|token/i.test(name)), 'callbacks set as attributes').to.deep.equal([]);
  expect([widget.region, widget.embeddedId]).to.deep.equal(['eu', 'YOUR_EMBEDDED_ID']);
  expect(await widget.fetchAuthCode!()).to.be.a('string').and.not.equal('');
}

/** Disables the Stripe integration from its card and enables it again; returns its instance id. */
export async function reEnable(backend: HostBackend, card: HTMLElement): Promise<string> {
  button(card, 'Disable')!.click();
  const enable = await found(() => button(card, 'Enable'), 'the integration is disabled');
  enable.click();
  const instance = [...backend.tray.emulator.store.instances.values()].find((i) => i.name === STRIPE)!;
  await waitUntil(() => instance.enabled, 'Tray has the integration enabled again');
  return instance.id;
}
