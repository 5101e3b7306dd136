/**
 * The shell every dialog-origin page shares (auth dialog, configuration
 * wizard). Each page carries a strict Content-Security-Policy: no inline
 * handler, no eval, no foreign script; its one script and one stylesheet run
 * by a per-response nonce. Every value from the fixture or the URL is
 * HTML-escaped, and JSON embedded in a script has `<` escaped so no value can
 * end the script.
 */
import { randomSecret } from './store.ts';

export interface Page {
  html: string;
  /** The Content-Security-Policy header value the page was built for. */
  csp: string;
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028|\u2029/g, ' ');

const STYLE = `
  body { font: 15px/1.4 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #f5f6f8; }
  main { max-width: 420px; margin: 32px auto; background: #fff; border-radius: 10px; padding: 24px; box-shadow: 0 1px 4px #0002; }
  h1 { font-size: 20px; margin: 0 0 12px; display: flex; gap: 10px; align-items: center; }
  h1 img { width: 32px; height: 32px; }
  h2 { font-size: 16px; margin: 20px 0 4px; }
  label { display: block; margin: 16px 0 4px; }
  label.check { display: flex; gap: 8px; align-items: center; }
  input { width: 100%; box-sizing: border-box; padding: 8px; font: inherit; }
  input[type=checkbox] { width: auto; }
  .actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 20px; }
  .auth { display: flex; gap: 8px; align-items: center; justify-content: space-between; margin: 8px 0; }
  button { font: inherit; padding: 8px 16px; border-radius: 6px; border: 1px solid #888; background: #fff; cursor: pointer; }
  button[type=submit] { background: #1f5fd6; color: #fff; border-color: #1f5fd6; }
  .error { color: #a00; margin: 4px 0 0; }
  .error:empty { display: none; }
`;

/** A whole page: `script` (plain JS) runs under the page's nonce. */
export function page(title: string, body: string, script = ''): Page {
  const nonce = randomSecret(16);
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    'img-src data: https:',
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
  ].join('; ');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
${script ? `<script nonce="${nonce}">${script}</script>` : ''}
</body>
</html>`;
  return { html, csp };
}

/**
 * Script text that posts `message` to the opener (or, in a frame, the
 * parent) with target '*', as Tray does: the receiver checks origin and source.
 */
export const postToHost = (message: unknown) =>
  `(window.opener || (window.parent !== window ? window.parent : null) || { postMessage: function () {} }).postMessage(${scriptJson(message)}, '*');`;

/** Shows `error` and posts `message` to the opener (each of Tray's dialogs shapes its error message its own way). */
export function errorPage(error: string, message: Record<string, unknown>): Page {
  return page(
    'Cannot connect',
    `<h1>Cannot connect</h1><p class="error" role="alert">${escapeHtml(error)}</p>
<div class="actions"><button type="button" id="close">Close</button></div>`,
    `${postToHost(message)}
document.getElementById('close').addEventListener('click', function () { window.close(); });`,
  );
}

