/**
 * Typed operations over a TrayClient: what the element, or a headless host,
 * calls. Two modules, so the element's first bundle carries only the
 * marketplace load.
 */
export * from './marketplace-pages.ts';
export * from './instances.ts';
