/**
 * The hardening suite's leak scanners: every place a page script, an
 * extension or a log collector could read a secret from. (Mounting and
 * reading the widget: test/support/mock-tray-suite.ts, widget-harness.ts.)
 */

/** All text and attribute values in the document, through every open shadow root. */
export function allMarkup(node: Node = document.documentElement): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n instanceof Element) {
      parts.push(`<${n.localName}`);
      for (const attr of n.attributes) parts.push(`${attr.name}=${attr.value}`);
      if (n.shadowRoot) walk(n.shadowRoot);
    } else if (n.nodeType === Node.TEXT_NODE || n.nodeType === Node.COMMENT_NODE) {
      parts.push(n.nodeValue ?? '');
    }
    for (const child of n.childNodes) walk(child);
  };
  walk(node);
  return parts.join('\n');
}

/** Every element in the document, through every open shadow root. */
export function allElements(node: ParentNode = document): Element[] {
  const found: Element[] = [];
  for (const el of node.querySelectorAll('*')) {
    found.push(el);
    if (el.shadowRoot) found.push(...allElements(el.shadowRoot));
  }
  return found;
}

/** What console.* printed while installed (the calls still reach the real console). */
export function captureConsole(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const originals = methods.map((m) => console[m]);
  methods.forEach((m, i) => {
    console[m] = (...args: unknown[]) => {
      lines.push(
        args
          .map((a) => {
            if (typeof a === 'string') return a;
            if (a instanceof Error) return `${a.name}: ${a.message}\n${a.stack ?? ''}`;
            try {
              return JSON.stringify(a);
            } catch {
              return String(a);
            }
          })
          .join(' '),
      );
      (originals[i] as (...a: unknown[]) => void).apply(console, args);
    };
  });
  return {
    lines,
    restore: () => methods.forEach((m, i) => (console[m] = originals[i] as never)),
  };
}

/** Both web storages, every key and value. */
export function storageDump(): string {
  const out: string[] = [];
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)!;
      out.push(`${key}=${storage.getItem(key)}`);
    }
  }
  return out.join('\n');
}

/** Every URL this page fetched or loaded, as the browser recorded it. */
export const resourceUrls = () => performance.getEntriesByType('resource').map((e) => e.name);
