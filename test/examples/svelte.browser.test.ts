/**
 * The README's Svelte 5 example, compiled by svelte/compiler (see
 * test/support/svelte-plugin.mjs) and mounted as a host app mounts it: Svelte
 * hands the widget its callbacks as properties, and the widget's tray-enable
 * event reaches the component's `onenabled` prop.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { mount, unmount } from 'svelte';
import Integrations from '../../examples/svelte/Integrations.svelte';
import { expectCallbacksAsProperties, loadedWidget, reEnable, startHostBackend, type HostBackend } from './host-app.ts';

let backend: HostBackend;
before(async () => (backend = await startHostBackend()));
after(() => backend.tray.stop());

describe('the README Svelte example', () => {
  let component: ReturnType<typeof mount>;
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(async () => {
    await unmount(component);
    host.remove();
  });

  it('passes fetchToken and fetchAuthCode as properties, and calls onenabled on tray-enable', async () => {
    const enabled: string[] = [];
    const sessionsBefore = backend.sessions;
    component = mount(Integrations, { target: host, props: { onenabled: (id: string) => enabled.push(id) } });
    const { widget, card } = await loadedWidget(host);
    expect(backend.sessions - sessionsBefore, 'the first load asked for one token').to.equal(1);
    await expectCallbacksAsProperties(widget);

    const instanceId = await reEnable(backend, card);
    await waitUntil(() => enabled.length === 1, 'onenabled heard tray-enable');
    expect(enabled).to.deep.equal([instanceId]);
  });
});
