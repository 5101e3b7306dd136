/**
 * The speed bench's floor: the least an element can do with the widget's
 * load. `<tray-floor>` fetches the same Marketplace pages with the same client
 * (createClient and marketplacePages, as the widget's controller calls them)
 * and renders one bare `<article>` with a count, with Lit. What the widget
 * takes beyond it is its own state and its cards, on the same machine in the
 * same tab: a yardstick that slows with the machine as the widget does.
 * Bundled for the page by bench/esbuild.ts (bench/host.ts serves it).
 */
import { html, LitElement } from 'lit';
import { createClient } from '../src/services/client.ts';
import { marketplacePages } from '../src/services/marketplace-pages.ts';

class TrayFloor extends LitElement {
  static override properties = { loaded: { state: true } };
  endpoint = '/api/tray/graphql';
  token = '';
  loaded = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    const client = createClient({ endpoint: this.endpoint, getToken: () => this.token });
    try {
      for await (const page of marketplacePages(client, {})) this.loaded = page.loaded;
      this.dispatchEvent(new Event('floor-load'));
    } catch (error) {
      this.dispatchEvent(new CustomEvent('floor-error', { detail: String(error) }));
    }
  }

  override render() {
    return html`<article><h3>${this.loaded} solutions</h3></article>`;
  }
}

customElements.define('tray-floor', TrayFloor);
