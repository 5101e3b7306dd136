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
import { useMockTray } from '../support/mock-tray-suite.ts';
import { WidgetHarness } from '../support/widget-harness.ts';

const USER = 'demo-user';
const STRIPE = 'Stripe payments to QuickBooks';

let sessions = 0;
const suite = useMockTray({
  user: USER,
  handlers: (tray) => [http.post('*/api/tray/session', async () => (sessions++, HttpResponse.json({ token: await tray.userToken(USER) })))],
});

/** The <tray-integrations> React rendered into `host`, once it is there. */
async function rendered(host: HTMLElement): Promise<TrayIntegrationsElement> {
  await waitUntil(() => host.querySelector('tray-integrations'), 'React rendered the element');
  return host.querySelector('tray-integrations')!;
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
    const el = await rendered(host);
    const widget = new WidgetHarness(el);
    await widget.loaded();
    const stripe = widget.card(STRIPE);
    expect(sessions, 'fetchToken was set before the first load, and asked once').to.equal(1);
    // React 19 sets `region` as a property (the element has one) and
    // `embedded-id` as an attribute; either way the widget has both.
    expect([el.region, el.embeddedId]).to.deep.equal(['eu', 'YOUR_EMBEDDED_ID']);

    stripe.click('Disable');
    await stripe.until((c) => c.hasButton('Enable'), 'the integration is disabled');
    stripe.click('Enable');
    await waitUntil(() => enabled.length === 1, 'onEnabled heard tray-enable');
    const instance = [...suite.tray.emulator.store.instances.values()].find((i) => i.name === STRIPE)!;
    expect(enabled).to.deep.equal([instance.id]);
    expect(instance.enabled).to.equal(true);
  });

  it('stops listening when React unmounts it', async () => {
    const enabled: string[] = [];
    root.render(createElement(Integrations, { onEnabled: (id: string) => enabled.push(id) }));
    const el = await rendered(host);
    root.unmount();
    el.dispatchEvent(new Event('tray-enable', { bubbles: true, composed: true }));
    expect(enabled).to.deep.equal([]);
    root = createRoot(host);
  });
});
