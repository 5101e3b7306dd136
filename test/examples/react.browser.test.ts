/**
 * The README's React example, run as a host app would run it: React renders
 * it, it hands the widget its callbacks before the first load, and a widget
 * event reaches the React prop. Tray is the emulator's core through msw; the
 * host's endpoints are answered the way tray-integrations/server does.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Integrations } from '../../examples/react/Integrations.tsx';
import { expectCallbacksAsProperties, found, loadedWidget, reEnable, startHostBackend, type HostBackend } from './host-app.ts';

let backend: HostBackend;
before(async () => (backend = await startHostBackend()));
after(() => backend.tray.stop());

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
    const sessionsBefore = backend.sessions;
    root.render(createElement(Integrations, { onEnabled: (id: string) => enabled.push(id) }));
    const { widget, card } = await loadedWidget(host);
    expect(backend.sessions - sessionsBefore, 'fetchToken was set before the first load, and asked once').to.equal(1);
    // React 19 sets `region` as a property (the element has one) and
    // `embedded-id` as an attribute; either way the widget has both.
    await expectCallbacksAsProperties(widget);

    const instanceId = await reEnable(backend, card);
    await waitUntil(() => enabled.length === 1, 'onEnabled heard tray-enable');
    expect(enabled).to.deep.equal([instanceId]);
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
