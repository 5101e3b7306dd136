/**
 * Numbers, plurals, lists and dates in one locale's own way, through `Intl`:
 * what every translation's messages use, so "1.000 Integrationen" and
 * "Slack, Jira y Stripe" come out as a reader of that language writes them.
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface Formats {
  /** The BCP 47 tag the page gave (e.g. `de-CH`), or the language's own when the page's is not valid. */
  readonly locale: string;
  /** A number as the locale writes it. */
  n(value: number): string;
  /** The form `Intl.PluralRules` picks for `count`; `#` in it becomes the number, formatted. */
  plural(count: number, forms: PluralForms): string;
  /** "A, B and C" (`Intl.ListFormat`, conjunction). */
  list(items: readonly string[]): string;
  /** A date, medium style (`Intl.DateTimeFormat`), for a message that shows one. */
  date(value: Date | string): string;
}

/** Formats for `locale`; a tag Intl does not accept falls back to `fallback`. */
export function formats(locale: string, fallback = 'en'): Formats {
  let tag = fallback;
  try {
    tag = Intl.getCanonicalLocales(locale)[0] ?? fallback;
  } catch {
    // Not a valid language tag (e.g. "de_DE"): the language's own rules still apply.
  }
  const number = new Intl.NumberFormat(tag);
  const rules = new Intl.PluralRules(tag);
  let lists: Intl.ListFormat | undefined;
  let dates: Intl.DateTimeFormat | undefined;
  return {
    locale: tag,
    n: (value) => number.format(value),
    plural: (count, forms) => (forms[rules.select(count)] ?? forms.other).replace('#', number.format(count)),
    list: (items) => (lists ??= new Intl.ListFormat(tag, { type: 'conjunction' })).format(items),
    date: (value) => (dates ??= new Intl.DateTimeFormat(tag, { dateStyle: 'medium' })).format(new Date(value)),
  };
}
