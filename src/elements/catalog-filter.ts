/**
 * Search and filters over the loaded catalogue: pure functions, no DOM, so
 * the element, a headless host and a Node test all get the same answers.
 *
 * Semantics, as a user of a catalogue's facets expects them:
 * - `query`: every word must appear, case- and accent-insensitively, in the
 *   title, the description or a tag ("slack sales" finds a Slack solution
 *   tagged sales);
 * - within one facet the chosen values widen (tag A **or** tag B); across
 *   facets they narrow (a chosen tag **and** a chosen category **and** the
 *   connection filter);
 * - nothing chosen filters nothing.
 */
import type { Solution, SolutionInstance } from '../services/types.ts';

/** The solution's custom field that names its category (Tray has no category of its own). */
export const CATEGORY_FIELD = 'category';

export type ConnectionFilter = 'all' | 'connected' | 'not-connected';

export interface CatalogFilter {
  /** Free text; words are matched separately. */
  query?: string;
  /** Solutions carrying any of these tags. */
  tags?: readonly string[];
  /** Solutions in any of these categories. */
  categories?: readonly string[];
  /** By whether the user has an integration (instance) of the solution. */
  connection?: ConnectionFilter;
}

export interface Facet {
  value: string;
  /** How many loaded solutions have it. */
  count: number;
}

export interface CatalogFacets {
  tags: Facet[];
  categories: Facet[];
}

/** The solution's category: its `category` custom field, trimmed, or null. */
export function solutionCategory(solution: Solution): string | null {
  const field = solution.customFields?.find((f) => f.key === CATEGORY_FIELD);
  const value = typeof field?.value === 'string' ? field.value.trim() : '';
  return value || null;
}

/** Lower case without accents, so "Resume" finds "Résumé". */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase();

/** The words of a query, folded; empty when there is nothing to search for. */
export function queryWords(query: string | undefined): string[] {
  return fold(query ?? '')
    .split(/\s+/)
    .filter(Boolean);
}

// Folded once per solution object, not once per keystroke: 10 000 solutions
// are searched on every (debounced) change of the query.
const haystacks = new WeakMap<Solution, string>();
function haystack(solution: Solution): string {
  let text = haystacks.get(solution);
  if (text === undefined) {
    text = fold([solution.title, solution.description ?? '', ...(solution.tags ?? [])].join('\n'));
    haystacks.set(solution, text);
  }
  return text;
}

/** Whether nothing is chosen: the catalogue shows whole. */
export function isFilterEmpty(filter: CatalogFilter): boolean {
  return !queryWords(filter.query).length && !filter.tags?.length && !filter.categories?.length && (filter.connection ?? 'all') === 'all';
}

/** The solutions that match, in their original order. */
export function filterSolutions(
  solutions: readonly Solution[],
  instances: readonly SolutionInstance[],
  filter: CatalogFilter,
): Solution[] {
  const words = queryWords(filter.query);
  const tags = filter.tags?.length ? new Set(filter.tags) : null;
  const categories = filter.categories?.length ? new Set(filter.categories) : null;
  const connection = filter.connection ?? 'all';
  const connected = connection === 'all' ? null : new Set(instances.map((i) => i.solution.id));
  return solutions.filter((solution) => {
    if (tags && !solution.tags?.some((tag) => tags.has(tag))) return false;
    if (categories) {
      const category = solutionCategory(solution);
      if (category === null || !categories.has(category)) return false;
    }
    if (connected && connected.has(solution.id) !== (connection === 'connected')) return false;
    if (words.length) {
      const text = haystack(solution);
      if (!words.every((word) => text.includes(word))) return false;
    }
    return true;
  });
}

/** a before b, a after b, or neither, by UTF-16 code units. */
const compareUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Alphabetically as the search reads them: case and accents aside ("CRM"
 * between "Communication" and "Data", "Éducation" beside "Education"), then
 * as written. Not localeCompare: its first call loads the browser's
 * collation tables, 30 to 50 ms on a 2-core machine, in the middle of the
 * first page's render.
 */
function alphabetically(values: Iterable<[string, number]>): Facet[] {
  return [...values]
    .map(([value, count]) => ({ facet: { value, count }, key: fold(value) }))
    .sort((a, b) => compareUnits(a.key, b.key) || compareUnits(a.facet.value, b.facet.value))
    .map(({ facet }) => facet);
}

function count(values: Iterable<string>): Facet[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return alphabetically(counts);
}

/** The tags and categories the loaded solutions have, alphabetically, with how many have each. */
export function catalogFacets(solutions: readonly Solution[]): CatalogFacets {
  return {
    // A tag listed twice on one solution counts once.
    tags: count(solutions.flatMap((s) => [...new Set(s.tags ?? [])])),
    categories: count(solutions.flatMap((s) => solutionCategory(s) ?? [])),
  };
}
