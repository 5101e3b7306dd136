/**
 * The Content-Security-Policy the README recommends for a page embedding the
 * widget; test/build/csp.node.test.ts serves the script-tag page under it.
 * connect-src 'self': the widget only calls your backend. img-src: solution
 * pictures and service icons come from Tray (https:) or as data: URLs. Lit's
 * styles use adoptedStyleSheets, which style-src does not restrict. The auth
 * dialog is a popup window, which no directive here governs.
 */
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: https:",
  "style-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
