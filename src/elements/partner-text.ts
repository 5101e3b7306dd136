import { html, type TemplateResult } from 'lit';

/**
 * A message that quotes partner text (a title, a tag), with that text in a
 * <bdi>: a right-to-left override in a title then turns only the title
 * around, not the widget's own words beside it. A message that leaves the
 * text out, or says it twice, is shown as the plain string.
 */
export function quoting(message: (text: string) => string, text: string): TemplateResult | string {
  const parts = message('\0').split('\0');
  return parts.length === 2 ? html`${parts[0]}<bdi>${text}</bdi>${parts[1]}` : message(text);
}
