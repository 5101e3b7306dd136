/**
 * Cross-site request refusal for the endpoints that act on the host's
 * session cookie (`/session`, `/auth-code`): a page on another origin must
 * not make the signed-in user's browser mint tokens or codes. Browsers say
 * where a request comes from in `Sec-Fetch-Site` and `Origin`, and pages
 * cannot forge either.
 */
import { parseHttpUrl } from '../services/regions.ts';

/** Each entry checked and reduced to its origin (`https://app.example.com`). */
export function normalizeOrigins(origins: readonly string[] | undefined, fail: (message: string) => never): Set<string> {
  if (origins === undefined) return new Set();
  if (!Array.isArray(origins)) fail('allowedOrigins must be an array of origins such as ["https://app.example.com"].');
  const set = new Set<string>();
  for (const origin of origins) {
    let url: URL;
    try {
      url = parseHttpUrl(String(origin), 'allowedOrigins entry', 'https://app.example.com');
    } catch (error) {
      fail((error as Error).message);
    }
    if (url.href !== `${url.origin}/` || String(origin).replace(/\/$/, '') !== url.origin) {
      fail(`allowedOrigins entry "${origin}" must be an origin only (scheme, host and port), such as ${url.origin}.`);
    }
    set.add(url.origin);
  }
  return set;
}

/**
 * Why the request is refused as cross-site, or null when it may go on. An
 * origin in `allowed` always may. Otherwise the browser's `Sec-Fetch-Site`
 * decides when present (only `same-origin`, or `none` for the user's own
 * navigation); without it, an `Origin` must match the request's own host.
 * A request with neither header is no browser's cross-site request (servers,
 * curl): it goes on.
 */
export function crossSiteRefusal(request: Request, allowed: ReadonlySet<string>): string | null {
  const origin = request.headers.get('origin');
  if (origin && allowed.has(origin)) return null;
  const site = request.headers.get('sec-fetch-site');
  const from = origin ? `a page on ${origin}` : 'another site';
  const fix = 'Call it from the same origin as the backend, or list the page\'s origin in the allowedOrigins option.';
  if (site) {
    if (site === 'same-origin' || site === 'none') return null;
    return `This endpoint refuses requests from ${from} (Sec-Fetch-Site: ${site}). ${fix}`;
  }
  if (!origin) return null;
  let host: string | null;
  try {
    host = new URL(origin).host;
  } catch {
    host = null;
  }
  return host !== null && host === new URL(request.url).host ? null : `This endpoint refuses requests from ${from}. ${fix}`;
}
