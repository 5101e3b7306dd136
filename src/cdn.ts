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
