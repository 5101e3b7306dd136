/** The two kinds of answer the emulator gives: JSON, and a page of the dialog origin. */
import type { Page } from './page.ts';

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

export const html = (page: Page, status = 200) =>
  new Response(page.html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': page.csp,
      // The dialog URL carries a one-time code: keep it out of caches and referrers.
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    },
  });
