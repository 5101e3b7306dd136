/**
 * The README's Vue 3 example, compiled by Vue's SFC compiler (see
 * test/support/vue-plugin.mjs) and mounted as a host app mounts it: Vue hands
 * the widget its callbacks as properties, and the widget's tray-enable event
 * reaches the component's `enabled` emit.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createApp, type App } from 'vue';
import Integrations from '../../examples/vue/Integrations.vue';
import { expectCallbacksAsProperties, loadedWidget, reEnable, startHostBackend, type HostBackend } from './host-app.ts';

let backend: HostBackend;
before(async () => (backend = await startHostBackend()));
after(() => backend.tray.stop());

describe('the README Vue example', () => {
  let app: App;
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => {
    app.unmount();
    host.remove();
  });

  it('passes fetchToken and fetchAuthCode as properties, and emits enabled on tray-enable', async () => {
    const enabled: string[] = [];
    const sessionsBefore = backend.sessions;
    app = createApp(Integrations, { onEnabled: (id: string) => enabled.push(id) });
    app.mount(host);
    const { widget, card } = await loadedWidget(host);
    expect(backend.sessions - sessionsBefore, 'the first load asked for one token').to.equal(1);
    await expectCallbacksAsProperties(widget);

    const instanceId = await reEnable(backend, card);
    await waitUntil(() => enabled.length === 1, 'the component emitted enabled');
    expect(enabled).to.deep.equal([instanceId]);
  });
});
