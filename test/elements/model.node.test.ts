import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authValuesWith, cardState, missingSlots, upgradeSlots } from '../../src/elements/model.ts';
import { safeImageUrl, solutionImage } from '../../src/elements/solution-image.ts';
import type { Solution, SolutionInstance } from '../../src/services/types.ts';

const solution = (over: Partial<Solution> = {}): Solution => ({
  id: 's1',
  title: 'Slack alerts',
  description: null,
  tags: [],
  customFields: [],
  configSlots: [],
  authSlots: [
    { externalId: 'a', title: 'Slack' },
    { externalId: 'b', title: 'Jira' },
  ],
  ...over,
});

const instance = (over: Partial<SolutionInstance> = {}): SolutionInstance => ({
  id: 'i1',
  name: 'Slack alerts',
  enabled: false,
  created: new Date(0).toISOString(),
  owner: 'u1',
  solution: { id: 's1' },
  authValues: [],
  configValues: [],
  solutionVersionFlags: { hasNewerVersion: false, requiresUserInputToUpdateVersion: false, requiresSystemInputToUpdateVersion: false },
  workflows: { edges: [] },
  ...over,
});

test('a card state follows the instance, its auths and its version flags', () => {
  assert.equal(cardState(solution(), undefined), 'not-connected');
  assert.equal(cardState(solution({ configSlots: [{ externalId: 'c', title: 'Channel', defaultValue: '""' }] }), undefined), 'not-connected');
  assert.equal(cardState(solution(), instance({ authValues: [{ externalId: 'a', authId: 'x' }] })), 'needs-auth');
  const full = [
    { externalId: 'a', authId: 'x' },
    { externalId: 'b', authId: 'y' },
  ];
  assert.equal(cardState(solution(), instance({ authValues: full })), 'disabled');
  assert.equal(cardState(solution(), instance({ authValues: full, enabled: true })), 'enabled');
  const flags = { hasNewerVersion: true, requiresUserInputToUpdateVersion: true, requiresSystemInputToUpdateVersion: false };
  assert.equal(cardState(solution(), instance({ authValues: full, enabled: true, solutionVersionFlags: flags })), 'update-required');
});

test('an upgrade re-authorizes the slots the new version added, or every slot when none is missing', () => {
  const one = instance({ authValues: [{ externalId: 'a', authId: 'x' }] });
  assert.deepEqual(missingSlots(solution(), one).map((s) => s.externalId), ['b']);
  assert.deepEqual(upgradeSlots(solution(), one).map((s) => s.externalId), ['b']);
  const both = instance({ authValues: [{ externalId: 'a', authId: 'x' }, { externalId: 'b', authId: 'y' }] });
  assert.deepEqual(upgradeSlots(solution(), both).map((s) => s.externalId), ['a', 'b']);
});

test('authValuesWith replaces a slot in place and appends a new one, leaving the input untouched', () => {
  const values = [{ externalId: 'a', authId: 'x' }];
  assert.deepEqual(authValuesWith(values, 'a', 'z'), [{ externalId: 'a', authId: 'z' }]);
  assert.deepEqual(authValuesWith(values, 'b', 'y'), [
    { externalId: 'a', authId: 'x' },
    { externalId: 'b', authId: 'y' },
  ]);
  assert.deepEqual(values, [{ externalId: 'a', authId: 'x' }]);
});

test('only absolute https: and data:image URLs may become an image source', () => {
  assert.equal(safeImageUrl('https://cdn.example.com/a.png'), 'https://cdn.example.com/a.png');
  // Relative URLs would be authenticated requests to the host; http: is mixed content.
  assert.equal(safeImageUrl('/logo.png'), null);
  assert.equal(safeImageUrl('logo.png'), null);
  assert.equal(safeImageUrl('//cdn.example.com/a.png'), null);
  assert.equal(safeImageUrl('http://cdn.example.com/a.png'), null);
  assert.equal(safeImageUrl('data:image/png;base64,AAAA'), 'data:image/png;base64,AAAA');
  assert.equal(safeImageUrl('javascript:alert(1)'), null);
  assert.equal(safeImageUrl('  JavaScript:alert(1)'), null);
  assert.equal(safeImageUrl('data:text/html,<script>alert(1)</script>'), null);
  assert.equal(safeImageUrl('blob:https://x/1'), null);
  assert.equal(safeImageUrl(42), null);
  assert.equal(safeImageUrl('not a url'), null);
});

test('the solution image comes from the first usable image-like custom field', () => {
  const s = solution({
    customFields: [
      { key: 'category', value: 'https://x.example/not-an-image-field.png' },
      { key: 'image', value: 'javascript:alert(1)' },
      { key: 'logo', value: 'https://x.example/logo.png' },
    ],
  });
  assert.equal(solutionImage(s), 'https://x.example/logo.png');
  assert.equal(solutionImage(solution()), null);
});
