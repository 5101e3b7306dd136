/**
 * Just enough of Content Security Policy (W3C CSP Level 3, "Content
 * Security Policy Level 3", sections on parsing and on matching source
 * lists) to tell whether a page's policy lets the widget load its script,
 * call the host's endpoints and open the Tray dialog. No browser here: the
 * doctor reads the page's headers from Node.
 */

/** One policy: directive name (lower case) → its source expressions. The first of a repeated directive wins. */
export type Policy = ReadonlyMap<string, readonly string[]>;

/**
 * Every policy in a header value. Several headers arrive joined by commas,
 * and each comma-separated part is a policy of its own: a request must pass
 * all of them.
 */
export function parsePolicies(header: string | null | undefined): Policy[] {
  if (!header) return [];
  const policies: Policy[] = [];
  for (const text of header.split(',')) {
    const policy = new Map<string, string[]>();
    for (const part of text.split(';')) {
      const [name, ...values] = part.trim().split(/[\t\n\f\r ]+/);
      if (!name || !/^[a-z0-9-]+$/i.test(name)) continue;
      const key = name.toLowerCase();
      if (!policy.has(key)) policy.set(key, values);
    }
    if (policy.size) policies.push(policy);
  }
  return policies;
}

/** The directive that governs a request: the first of `names` the policy has (e.g. connect-src, then default-src). */
function governing(policy: Policy, names: readonly string[]): { name: string; sources: readonly string[] } | null {
  for (const name of names) {
    const sources = policy.get(name);
    if (sources) return { name, sources };
  }
  return null;
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };
const portOf = (url: URL) => url.port || DEFAULT_PORTS[url.protocol] || '';

/** A scheme in a source matches the same scheme, and the secure upgrade of an insecure one. */
function schemeMatches(expression: string, url: URL): boolean {
  const want = expression.toLowerCase();
  const have = url.protocol;
  return want === have || (want === 'http:' && have === 'https:') || (want === 'ws:' && (have === 'wss:' || have === 'http:' || have === 'https:'));
}

function hostSourceMatches(expression: string, url: URL, page: URL): boolean {
  const match = /^(?:([a-z][a-z0-9+.-]*:)\/\/)?(\*|(?:\*\.)?[^:/]+)(?::(\*|\d+))?(\/.*)?$/i.exec(expression);
  if (!match) return false;
  const [, scheme, host, port, path] = match as unknown as [string, string | undefined, string, string | undefined, string | undefined];
  if (scheme) {
    if (!schemeMatches(scheme, url)) return false;
  } else if (!(url.protocol === page.protocol || (page.protocol === 'http:' && url.protocol === 'https:'))) {
    return false;
  }
  const wanted = host.toLowerCase();
  const actual = url.hostname.toLowerCase();
  if (wanted.startsWith('*.')) {
    if (!actual.endsWith(wanted.slice(1))) return false;
  } else if (wanted !== '*' && wanted !== actual) {
    return false;
  }
  if (port !== '*') {
    const urlPort = portOf(url);
    const expected = port ?? (scheme ? DEFAULT_PORTS[scheme.toLowerCase()] : DEFAULT_PORTS[url.protocol]) ?? '';
    // An insecure default port also allows the upgraded request to 443.
    if (urlPort !== expected && !(expected === '80' && urlPort === '443' && (url.protocol === 'https:' || url.protocol === 'wss:'))) {
      return false;
    }
  }
  if (path && path !== '/') {
    const urlPath = decodeURIComponent(url.pathname);
    const wantedPath = decodeURIComponent(path);
    return wantedPath.endsWith('/') ? urlPath.startsWith(wantedPath) : urlPath === wantedPath;
  }
  return true;
}

/** Whether one source expression allows fetching `url` from a page at `page`. */
export function sourceMatches(expression: string, url: URL, page: URL): boolean {
  const source = expression.trim();
  const lower = source.toLowerCase();
  if (lower === '*') return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === page.protocol;
  if (lower === "'self'") {
    if (url.origin === page.origin) return true;
    // Also the secure upgrade of the page's own origin.
    return url.hostname === page.hostname && page.protocol === 'http:' && url.protocol === 'https:' && portOf(page) === '80' && portOf(url) === '443';
  }
  if (lower.startsWith("'")) return false; // 'none', 'unsafe-…', nonces and hashes name no URL
  if (/^[a-z][a-z0-9+.-]*:$/i.test(source)) return schemeMatches(source, url);
  return hostSourceMatches(source, url, page);
}

export interface Verdict {
  allowed: boolean;
  /** The directive that decided, or null when the policy has none for this kind of request. */
  directive: string | null;
}

/**
 * Whether a `<script src>` (the widget's bundle; its lazily loaded chunks
 * come from the same place) may load. `nonce` is the script element's own.
 * With 'strict-dynamic', only a nonce lets a script written in the page load.
 */
export function allowsScript(policy: Policy, url: URL, page: URL, nonce?: string): Verdict {
  const found = governing(policy, ['script-src-elem', 'script-src', 'default-src']);
  if (!found) return { allowed: true, directive: null };
  const { name, sources } = found;
  if (nonce && sources.includes(`'nonce-${nonce}'`)) return { allowed: true, directive: name };
  if (sources.some((source) => source.toLowerCase() === "'strict-dynamic'")) return { allowed: false, directive: name };
  return { allowed: sources.some((source) => sourceMatches(source, url, page)), directive: name };
}

/** Whether `fetch(url)` (the widget's calls to the host's endpoints) is allowed. */
export function allowsConnect(policy: Policy, url: URL, page: URL): Verdict {
  const found = governing(policy, ['connect-src', 'default-src']);
  if (!found) return { allowed: true, directive: null };
  return { allowed: found.sources.some((source) => sourceMatches(source, url, page)), directive: found.name };
}

/**
 * What a `sandbox` directive takes away that the widget needs: scripts, its
 * own origin (its calls carry the session cookie), popups, and a dialog that
 * is not sandboxed in turn. No other directive governs `window.open`.
 */
export function sandboxMissing(policy: Policy): string[] {
  const tokens = policy.get('sandbox');
  if (!tokens) return [];
  const given = new Set(tokens.map((token) => token.toLowerCase()));
  return ['allow-scripts', 'allow-same-origin', 'allow-popups', 'allow-popups-to-escape-sandbox'].filter((token) => !given.has(token));
}
