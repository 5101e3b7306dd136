/**
 * The catalogue, or what stands in its place: three empty cards while the
 * first page loads (under "Busy — trying again in N s" while a busy answer
 * is waited out), and when the load failed, why (with a Retry, unless only
 * signing in helps).
 */
import { html } from 'lit';
import { toTrayError } from '../services/errors.ts';
import type { MarketplaceController } from './marketplace-controller.ts';
import { loadFailedText, type TrayMessages } from './messages.ts';

/**
 * `catalog` draws the cards; it shows while later pages load too
 * (`loadingMore`). `busy`: seconds left of a wait the host's endpoint asked
 * for (0: none), said where the cards will be, counting down.
 */
export function catalogOrPlaceholder(m: TrayMessages, load: MarketplaceController['load'], loadingMore: unknown, catalog: () => unknown, busy: number): unknown {
  const skeleton = html`${busy ? html`<p class="muted" part="busy">${m.busyRetrying(busy)}</p>` : html`<p class="sr-only">${m.loading}</p>`}
    <ul class="list skeleton" part="skeleton" aria-hidden="true">
      <li class="card"></li>
      <li class="card"></li>
      <li class="card"></li>
    </ul>`;
  return load.render({
    initial: () => skeleton,
    pending: () => (loadingMore ? catalog() : skeleton),
    complete: catalog,
    error: (error) => {
      const e = toTrayError(error);
      // Signed out: only signing in helps, so no Retry.
      if (e.code === 'signed-out') return html`<p part="signed-out">${m.signedOut}</p>`;
      // The text names the failure: a group label would say it a second time.
      return html`<div>
        <p class="error" part="error">${loadFailedText(m, e)}</p>
        <button type="button" part="button button-retry" @click=${() => load.run()}>${m.retry}</button>
      </div>`;
    },
  });
}
