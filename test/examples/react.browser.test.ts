/**
 * The README's React example, run as a host app would run it: React renders
 * it, it hands the widget its callbacks before the first load, and a widget
 * event reaches the React prop. Tray is the emulator's core through msw; the
 * host's /session endpoint is answered the way tray-integrations/server does.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Integrations } from '../../examples/react/Integrations.tsx';
import type { TrayIntegrationsElement } from '../../src/elements/tray-integrations.ts';
import { startMockTray, type MockTray } from '../support/msw-tray.ts';

const USER = 'demo-user';
const STRIPE = 'Stripe payments to QuickBooks';

let tray: MockTray;
let sessions = 0;
before(async () => {
  tray = await startMockTray();
  tray.worker.use(http.post('*/api/tray/session', async () => (sessions++, HttpResponse.json({ token: await tray.userToken(USER) }))));
});
after(() => tray.stop());

/** waitUntil resolves to nothing, so this returns what the predicate found. */
async function found<T>(find: () => T | null | undefined, message: string): Promise<T> {
  await waitUntil(() => find(), message);
  return find()!;
}

function button(card: Element, name: string): HTMLButtonElement | undefined {
  return [...card.querySelectorAll('button')].find((b) => b.textContent!.trim() === name);
}

describe('the README React example', () => {
  let root: Root;
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    root.unmount();
    host.remove();
  });

  it('loads through fetchToken once, and passes tray-enable to its onEnabled prop', async () => {
    const enabled: string[] = [];
    root.render(createElement(Integrations, { onEnabled: (id: string) => enabled.push(id) }));
    const widget: TrayIntegrationsElement = await found(() => host.querySelector('tray-integrations'), 'React rendered the element');
    const card = await found(
      () => [...(widget.shadowRoot?.querySelectorAll('article') ?? [])].find((a) => a.querySelector('h3')!.textContent === STRIPE),
      'the marketplace loaded',
    );
    expect(sessions, 'fetchToken was set before the first load, and asked once').to.equal(1);
    // React 19 sets `region` as a property (the element has one) and
    // `embedded-id` as an attribute; either way the widget has both.
    expect([widget.region, widget.embeddedId]).to.deep.equal(['eu', 'YOUR_EMBEDDED_ID']);

    button(card, 'Disable')!.click();
    const enable = await found(() => button(card, 'Enable'), 'the integration is disabled');
    enable.click();
    await waitUntil(() => enabled.length === 1, 'onEnabled heard tray-enable');
    const instance = [...tray.emulator.store.instances.values()].find((i) => i.name === STRIPE)!;
    expect(enabled).to.deep.equal([instance.id]);
    expect(instance.enabled).to.equal(true);
  });

  it('stops listening when React unmounts it', async () => {
    const enabled: string[] = [];
    root.render(createElement(Integrations, { onEnabled: (id: string) => enabled.push(id) }));
    const widget = await found(() => host.querySelector('tray-integrations'), 'React rendered the element');
    root.unmount();
    widget.dispatchEvent(new Event('tray-enable', { bubbles: true, composed: true }));
    expect(enabled).to.deep.equal([]);
    root = createRoot(host);
  });
});
