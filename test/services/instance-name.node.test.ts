// A new integration's name in Tray: the title as it is, or its first 100
// characters, whole code points, so a partner's huge title cannot make
// Connect's request too large to be accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INSTANCE_NAME_MAX_CHARACTERS, instanceNameFor } from '../../src/services/instance-name.ts';

test('a title of up to 100 characters is the name as it is', () => {
  assert.equal(instanceNameFor('Slack alerts'), 'Slack alerts');
  const exactly = 'x'.repeat(INSTANCE_NAME_MAX_CHARACTERS);
  assert.equal(instanceNameFor(exactly), exactly);
});

test('a 100 kB title, or a storm of combining marks, becomes its first 100 characters', () => {
  assert.equal(instanceNameFor('T'.repeat(100_000)), 'T'.repeat(100));
  const storm = `Z${'\u0301'.repeat(8000)}`;
  assert.equal(Array.from(instanceNameFor(storm)).length, 100);
  assert.ok(instanceNameFor(storm).startsWith('Z'));
});

test('no emoji or other astral character is cut in half', () => {
  const name = instanceNameFor('🙂'.repeat(150));
  assert.equal(name, '🙂'.repeat(100));
  assert.ok(!/[\uD800-\uDBFF]$/.test(name));
});
