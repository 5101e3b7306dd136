/**
 * Pictures from Tray's data, made safe for `<img src>`: a solution's logo
 * from its custom fields and a service's icon. Tray's data is a partner's
 * text, so a URL in it is checked before the page fetches it.
 */
import type { Solution } from '../services/types.ts';

/**
 * A picture URL from Tray that is safe to put in `<img src>`: an absolute
 * https: URL, or a data: image. A relative URL would become a request to the
 * host's own origin carrying its cookies, and http: would be mixed content,
 * so both are dropped, as are javascript:, blob: and anything malformed.
 */
export function safeImageUrl(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const text = value.trim();
  if (/^data:image\/[a-z0-9.+-]+[;,]/i.test(text)) return text;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const IMAGE_KEYS = /^(image|image_?url|logo|icon)$/i;

/** The solution's picture, from the first customField named like an image. */
export function solutionImage(solution: Solution): string | null {
  for (const field of solution.customFields ?? []) {
    if (IMAGE_KEYS.test(field.key)) {
      const url = safeImageUrl(field.value);
      if (url) return url;
    }
  }
  return null;
}
