// The busy-wait policy the widget and the fleet bench share: what a
// `Retry-After` asks for, and how long the widget keeps trying before it
// reports the failure; and the widget's own waiting (busy-retry.ts, the
// chunk its requests hand a busy answer to). The waits are recorded, not slept.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { waitOut } from '../../src/services/busy-retry.ts';
import { BUSY_BOUND_MS, busyFor, countingDown, whileBusy, type BusyBudget } from '../../src/services/busy-wait.ts';

const answer = (status: number, retryAfter?: string) =>
  new Response(null, { status, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } });

describe('busyFor', () => {
  test('a 429 or a 503 with Retry-After in seconds asks for that wait', () => {
    assert.equal(busyFor(answer(429, '3')), 3000);
    assert.equal(busyFor(answer(503, '1')), 1000);
  });

  test('an HTTP date is a wait until then', () => {
    const wait = busyFor(answer(429, new Date(Date.now() + 5000).toUTCString()))!;
    assert.ok(wait > 3000 && wait <= 5000, `${wait}`);
  });

  test('other answers, and busy answers without a usable Retry-After, are not busy', () => {
    assert.equal(busyFor(answer(500, '3')), undefined);
    assert.equal(busyFor(answer(401, '3')), undefined);
    assert.equal(busyFor(answer(429)), undefined);
    assert.equal(busyFor(answer(429, 'soon')), undefined);
  });

  test('a wait of 0 is a second, so the widget cannot spin', () => {
    assert.equal(busyFor(answer(429, '0')), 1000);
  });
});

describe('whileBusy', () => {
  /** A busy answer as the widget's services throw it: an error carrying `retryAfter`. */
  const busy = (ms: number) => Object.assign(new Error('busy'), { retryAfter: ms });

  test('waits as told between tries, then returns what succeeded', async () => {
    const waits: number[] = [];
    const answers = [busy(2000), busy(1000)];
    let tries = 0;
    const result = await whileBusy(
      async () => {
        tries++;
        const next = answers.shift();
        if (next) throw next;
        return 'served';
      },
      async (ms) => void waits.push(ms),
    );
    assert.equal(result, 'served');
    assert.equal(tries, 3);
    assert.deepEqual(waits, [2000, 1000]);
  });

  test(`gives up once the waits would pass ${BUSY_BOUND_MS / 1000} s in all, with the busy answer's own error`, async () => {
    const waits: number[] = [];
    let tries = 0;
    const last = busy(10_000);
    await assert.rejects(
      whileBusy(
        async () => {
          tries++;
          throw tries < 4 ? busy(10_000) : last;
        },
        async (ms) => void waits.push(ms),
      ),
      (error) => error === last,
    );
    assert.deepEqual(waits, [10_000, 10_000, 10_000]);
  });

  test('a single wait longer than the bound is not waited at all', async () => {
    const waits: number[] = [];
    await assert.rejects(whileBusy(async () => { throw busy(BUSY_BOUND_MS + 1000); }, async (ms) => void waits.push(ms)), /busy/);
    assert.deepEqual(waits, []);
  });

  test('other failures are thrown at once', async () => {
    let tries = 0;
    await assert.rejects(
      whileBusy(async () => {
        tries++;
        throw new Error('down');
      }),
      /down/,
    );
    assert.equal(tries, 1);
  });

  test('an aborted wait ends the tries with the abort', async () => {
    const stop = new AbortController();
    stop.abort(new DOMException('The widget was removed.', 'AbortError'));
    await assert.rejects(whileBusy(async () => { throw busy(1000); }, undefined, stop.signal), { name: 'AbortError' });
  });
});

describe('waitOut (the widget\'s requests)', () => {
  /** Sends that answer `answers` in turn, counting how many were sent. */
  function sends(...answers: Response[]) {
    const sent = { count: 0 };
    return { sent, send: async () => (sent.count++, answers.shift() ?? answer(200)) };
  }
  const recorded = (waits: number[]) => async (ms: number) => void waits.push(ms);

  test('waits as the busy answer asks, sends again, and returns the answer that is not busy', async () => {
    const waits: number[] = [];
    const { sent, send } = sends(answer(503, '1'), answer(200));
    const budget: BusyBudget = {};
    const final = await waitOut(answer(429, '2'), send, undefined, budget, undefined, recorded(waits));
    assert.equal(final.status, 200);
    assert.deepEqual(waits, [2000, 1000]);
    assert.equal(sent.count, 2);
    assert.deepEqual(budget, { waited: 3000, spent: false });
  });

  test(`the bound is per request: the waits of its attempts add up, and the one past ${BUSY_BOUND_MS / 1000} s is not begun`, async () => {
    const waits: number[] = [];
    const budget: BusyBudget = {};
    const { send } = sends(answer(429, '10'), answer(429, '10'), answer(429, '5'));
    const first = await waitOut(answer(429, '10'), send, undefined, budget, undefined, recorded(waits));
    assert.equal(first.headers.get('retry-after'), '5');
    // The request's next attempt, answered busy again: nothing is left to wait.
    const later = await waitOut(answer(503, '1'), send, undefined, budget, undefined, recorded(waits));
    assert.equal(later.status, 503);
    assert.deepEqual(waits, [10_000, 10_000, 10_000]);
    assert.equal(budget.spent, true);
  });

  test('an answer with Retry-After that is not busy is returned as it is, unwaited', async () => {
    const waits: number[] = [];
    const { sent, send } = sends();
    const final = await waitOut(answer(500, '3'), send, undefined, {}, undefined, recorded(waits));
    assert.equal(final.status, 500);
    assert.deepEqual([waits, sent.count], [[], 0]);
  });

  test('an element that left the page during the wait sends nothing again', async () => {
    const life = new AbortController();
    const { sent, send } = sends();
    const leave = async () => void life.abort();
    await assert.rejects(waitOut(answer(429, '1'), send, { lifetime: () => life.signal }, {}, undefined, leave), { code: 'aborted' });
    assert.equal(sent.count, 0);
  });

  test('countingDown tells the seconds left, and 0 when the wait ends, aborted too', async () => {
    const heard: number[] = [];
    const abort = new AbortController();
    abort.abort(new Error('gone'));
    await assert.rejects(countingDown((seconds) => heard.push(seconds))(2500, abort.signal), /gone/);
    assert.deepEqual(heard, [3, 0]);
  });
});
