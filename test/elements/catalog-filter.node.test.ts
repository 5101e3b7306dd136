// What a person searching or filtering the catalogue gets: which solutions
// stay, in which order, and which chips there are to press.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogFacets, filterSolutions, isFilterEmpty, solutionCategory, type CatalogFilter } from '../../src/elements/catalog-filter.ts';
import type { Solution, SolutionInstance } from '../../src/services/types.ts';

const solution = (id: string, title: string, description: string | null, tags: string[], category?: string): Solution => ({
  id,
  title,
  description,
  tags,
  customFields: category === undefined ? [{ key: 'image', value: 'https://x.example/a.png' }] : [{ key: 'category', value: category }],
  configSlots: [],
  authSlots: [],
});

const SOLUTIONS = [
  solution('slack', 'Slack alerts', 'Post new orders to a channel.', ['messaging', 'sales'], 'Communication'),
  solution('jira', 'Jira issues', 'Open an issue for every bug report.', ['engineering'], 'Project management'),
  solution('sf', 'Salesforce sync', null, ['sales', 'crm'], ' CRM '),
  solution('resume', 'Résumé parser', 'Reads CVs into candidates.', ['hiring', 'hiring']),
  solution('blank', 'Blank category', 'Its category field is empty.', [], '   '),
];
const INSTANCES = [{ solution: { id: 'slack' } }, { solution: { id: 'sf' } }, { solution: { id: 'sf' } }] as SolutionInstance[];

const ids = (filter: CatalogFilter) => filterSolutions(SOLUTIONS, INSTANCES, filter).map((s) => s.id);

test('no filter keeps every solution, in order', () => {
  assert.deepEqual(ids({}), ['slack', 'jira', 'sf', 'resume', 'blank']);
  assert.deepEqual(ids({ query: '   ', tags: [], categories: [], connection: 'all' }), ['slack', 'jira', 'sf', 'resume', 'blank']);
  assert.ok(isFilterEmpty({ query: '  ', connection: 'all' }));
  assert.ok(!isFilterEmpty({ connection: 'connected' }));
});

test('the query matches title, description and tags, ignoring case and accents; every word must match', () => {
  assert.deepEqual(ids({ query: 'SLACK' }), ['slack']);
  assert.deepEqual(ids({ query: 'bug report' }), ['jira']);
  assert.deepEqual(ids({ query: 'crm' }), ['sf']);
  assert.deepEqual(ids({ query: 'resume' }), ['resume']);
  assert.deepEqual(ids({ query: 'RÉSUMÉ' }), ['resume']);
  assert.deepEqual(ids({ query: 'sales  orders' }), ['slack']);
  assert.deepEqual(ids({ query: 'slack jira' }), []);
});

test('the query is text, never a pattern', () => {
  const odd = [solution('odd', 'a.b (c)* [d]', null, [])];
  assert.deepEqual(filterSolutions(odd, [], { query: '(c)*' }).map((s) => s.id), ['odd']);
  assert.deepEqual(filterSolutions(odd, [], { query: '.*' }).map((s) => s.id), []);
});

test('chosen tags widen each other; chosen categories too; facets narrow each other', () => {
  assert.deepEqual(ids({ tags: ['sales'] }), ['slack', 'sf']);
  assert.deepEqual(ids({ tags: ['engineering', 'crm'] }), ['jira', 'sf']);
  assert.deepEqual(ids({ categories: ['CRM', 'Communication'] }), ['slack', 'sf']);
  assert.deepEqual(ids({ tags: ['sales'], categories: ['CRM'] }), ['sf']);
  assert.deepEqual(ids({ tags: ['sales'], query: 'alerts' }), ['slack']);
});

test('connected keeps solutions the user has an integration of; not connected the others', () => {
  assert.deepEqual(ids({ connection: 'connected' }), ['slack', 'sf']);
  assert.deepEqual(ids({ connection: 'not-connected' }), ['jira', 'resume', 'blank']);
  assert.deepEqual(ids({ connection: 'not-connected', tags: ['sales'] }), []);
});

test('the category is the trimmed category custom field; blank or missing is none', () => {
  assert.equal(solutionCategory(SOLUTIONS[2]!), 'CRM');
  assert.equal(solutionCategory(SOLUTIONS[3]!), null);
  assert.equal(solutionCategory(SOLUTIONS[4]!), null);
});

test('facets list the loaded tags and categories alphabetically, with how many solutions have each', () => {
  assert.deepEqual(catalogFacets(SOLUTIONS), {
    tags: [
      { value: 'crm', count: 1 },
      { value: 'engineering', count: 1 },
      { value: 'hiring', count: 1 },
      { value: 'messaging', count: 1 },
      { value: 'sales', count: 2 },
    ],
    categories: [
      { value: 'Communication', count: 1 },
      { value: 'CRM', count: 1 },
      { value: 'Project management', count: 1 },
    ],
  });
  assert.deepEqual(catalogFacets([]), { tags: [], categories: [] });
});

test('chips sort as the search reads them: case and accents aside, then as written', () => {
  const tagged = ['zeta', 'Éducation', 'apple', 'Zebra', 'education', 'CRM', 'Communication'].map((tag, i) => solution(`t${i}`, tag, null, [tag]));
  assert.deepEqual(
    catalogFacets(tagged).tags.map((facet) => facet.value),
    ['apple', 'Communication', 'CRM', 'education', 'Éducation', 'Zebra', 'zeta'],
  );
});

test('10 000 solutions filter correctly on repeated queries', () => {
  const many = Array.from({ length: 10_000 }, (_, i) => solution(`s${i}`, `Integration ${i}`, `Sync number ${i}`, [i % 3 ? 'a' : 'b']));
  assert.equal(filterSolutions(many, [], { query: 'integration' }).length, 10_000);
  assert.deepEqual(filterSolutions(many, [], { query: 'integration 9999' }).map((s) => s.id), ['s9999']);
  assert.equal(filterSolutions(many, [], { tags: ['b'] }).length, 3334);
});
