// The grid's renders while a large catalogue's pages arrive: the first at
// once, then at most one per interval however many pages came meanwhile,
// and none left waiting once the load says it is done.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { PacedUpdate } from '../../src/elements/paced-update.ts';

test('renders at once, then once per interval for everything asked meanwhile', async () => {
  let renders = 0;
  const paced = new PacedUpdate(() => renders++, 40);
  paced.request();
  assert.equal(renders, 1, 'the first request renders at once');
  paced.request();
  paced.request();
  paced.request();
  assert.equal(renders, 1, 'requests within the interval wait');
  await sleep(120);
  assert.equal(renders, 2, 'one render for the three that waited');
  paced.request();
  assert.equal(renders, 3, 'an interval later, a request renders at once again');
});

test('now() renders at once and takes the waiting render with it; cancel() drops it', async () => {
  let renders = 0;
  const paced = new PacedUpdate(() => renders++, 40);
  paced.request();
  paced.request();
  paced.now();
  assert.equal(renders, 2);
  paced.request();
  paced.cancel();
  await sleep(120);
  assert.equal(renders, 2, 'nothing rendered after cancel');
});
