/**
 * The Svelte 5 example of docs/frameworks.md, compiled by svelte/compiler (see
 * test/support/svelte-plugin.mjs) and mounted as a host app mounts it; its
 * `onenabled` prop is the host component hearing tray-enable.
 */
import { mount, unmount } from 'svelte';
import Integrations from '../../examples/svelte/Integrations.svelte';
import { describeExample } from './host-app.ts';

describeExample('Svelte', (host, onenabled) => {
  const component = mount(Integrations, { target: host, props: { onenabled } });
  return () => unmount(component);
});
