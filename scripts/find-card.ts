/**
 * A widget card by its title as shown: the `<article>` whose heading's text is
 * exactly `title`. The one lookup behind the browser suites' harness, the
 * framework examples' tests and the puppeteer page helpers.
 *
 * Self-contained on purpose (no imports, no names from outside its body):
 * scripts/chromium.ts sends its source into the page, where a callback can
 * import nothing.
 */
export function findCard(root: ParentNode | null | undefined, title: string): HTMLElement | undefined {
  return [...(root?.querySelectorAll<HTMLElement>('article') ?? [])].find((card) => card.querySelector('h3')?.textContent === title);
}
