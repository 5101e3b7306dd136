/**
 * What the doctor reads from the host page's HTML: where the widget's
 * script comes from and which endpoints the element calls. A page built in
 * the browser may have neither in its HTML; then the defaults apply (the
 * page's own origin, the element's default endpoints), and the doctor says so.
 */

/** The element's own defaults, resolved against the page like the element resolves them. */
const ENDPOINT_ATTRIBUTES = {
  endpoint: '/api/tray/graphql',
  'session-endpoint': '/api/tray/session',
  'auth-code-endpoint': '/api/tray/auth-code',
} as const;

export interface WidgetMarkup {
  /** The widget's script, or null when no script tag names it. */
  bundle: { url: URL; nonce?: string } | null;
  /** Whether the page's HTML has a `<tray-integrations>` tag (else the endpoints are the defaults). */
  elementFound: boolean;
  /** The URLs the widget fetches: GraphQL, session and auth-code endpoints. */
  endpoints: URL[];
  /** Policies the page sets with `<meta http-equiv="Content-Security-Policy">`. */
  metaPolicies: string[];
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };
const decode = (value: string) => value.replace(/&(amp|quot|apos|lt|gt);/g, (_, name: string) => ENTITIES[name] ?? '');

/** The attributes of one start tag's text (`<tag a="1" b>`), names in lower case. */
function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  const body = tag.replace(/^<[^\s>]+/, '').replace(/\/?>$/, '');
  for (const match of body.matchAll(/([^\s"'=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const name = (match[1] as string).toLowerCase();
    if (!found.has(name)) found.set(name, decode(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return found;
}

function resolve(value: string, base: URL): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

export function readWidgetMarkup(html: string, page: URL): WidgetMarkup {
  let bundle: WidgetMarkup['bundle'] = null;
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const attrs = attributes(tag);
    const src = attrs.get('src');
    const url = src ? resolve(src, page) : null;
    if (url && /tray-integrations/i.test(url.pathname)) {
      const nonce = attrs.get('nonce');
      bundle = nonce ? { url, nonce } : { url };
      break;
    }
  }
  const element = /<tray-integrations\b[^>]*>/i.exec(html)?.[0];
  const attrs = element ? attributes(element) : new Map<string, string>();
  const endpoints = Object.entries(ENDPOINT_ATTRIBUTES).flatMap(([name, fallback]) => {
    const url = resolve(attrs.get(name) || fallback, page);
    return url ? [url] : [];
  });
  const metaPolicies = [...html.matchAll(/<meta\b[^>]*>/gi)]
    .map(([tag]) => attributes(tag))
    .filter((attrs) => attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy' && attrs.get('content'))
    .map((attrs) => attrs.get('content') as string);
  return { bundle, elementFound: element !== undefined, endpoints, metaPolicies };
}
