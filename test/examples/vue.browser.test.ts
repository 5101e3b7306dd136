/**
 * The Vue 3 example of docs/frameworks.md, compiled by Vue's SFC compiler (see
 * test/support/vue-plugin.mjs) and mounted as a host app mounts it; its
 * `enabled` emit is the host component hearing tray-enable.
 */
import { createApp } from 'vue';
import Integrations from '../../examples/vue/Integrations.vue';
import { describeExample } from './host-app.ts';

describeExample('Vue', (host, onEnabled) => {
  const app = createApp(Integrations, { onEnabled });
  app.mount(host);
  return () => app.unmount();
});
