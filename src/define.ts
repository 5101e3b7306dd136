/**
 * Registers `<tray-integrations>`. The only module with a side effect: the
 * element class itself can be imported (and extended) without defining it.
 */
import { TrayIntegrationsElement } from './elements/tray-integrations.ts';

export const TAG = 'tray-integrations';

// The widget may be loaded twice on one page (two bundles, a host and a
// plugin): defining the tag again would throw, so the first one stays.
if (!customElements.get(TAG)) customElements.define(TAG, TrayIntegrationsElement);

export { TrayIntegrationsElement };
export * from './events.ts';

declare global {
  interface HTMLElementTagNameMap {
    'tray-integrations': TrayIntegrationsElement;
  }
}
