/**
 * The script-tag bundle's entry: registers `<tray-integrations>` on load
 * (a second copy on the same page leaves the first registration alone) and
 * exposes the whole public API, as the module's exports for
 * `<script type="module">` and as the `TrayIntegrations` global for the
 * classic-script (IIFE) build.
 */
import './define.ts';

export { TAG } from './define.ts';
export * from './index.ts';

// For the lazily loaded search chunk (tray-integrations-catalog-ui.js) only, so
// it shares this bundle's Lit: see litFromEntry in vite.config.ts. Not API.
// Bindings of this module (not re-exports, which Rolldown would follow to Lit's own module).
import { css, html, nothing } from 'lit';
export const litCss = css;
export const litHtml = html;
export const litNothing = nothing;
