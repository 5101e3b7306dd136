// The host's resolveConfig asked ahead of the click: once per solution,
// four at a time, the answer kept; a synchronous answer is there as the card
// draws, a failed one is asked again, a new function is asked afresh.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigAnswers } from '../../src/elements/config-answers.ts';
import type { MarketplaceState } from '../../src/elements/marketplace-state.ts';
import type { ResolveConfig } from '../../src/hooks.ts';
import type { Solution } from '../../src/services/types.ts';

const solution = (id: string, configSlots = 1): Solution => ({
  id,
  title: id,
  description: null,
  tags: [],
  customFields: [],
  configSlots: Array.from({ length: configSlots }, (_, i) => ({ externalId: `c${i}`, title: `Setting ${i}`, defaultValue: null })),
  authSlots: [],
});

/** The little of the marketplace state the answers use, with the host's resolveConfig. */
function setUp(resolveConfig: ResolveConfig | undefined, onUpdate = () => {}) {
  const settings = {
    resolveConfig,
    updates: 0,
    requestUpdate: () => {
      settings.updates++;
      onUpdate();
    },
  };
  const state = { settings, config: {} as { leftToUser?: (s: Solution) => boolean } };
  const answers = new ConfigAnswers(state as unknown as MarketplaceState);
  return { answers, settings, leftToUser: state.config.leftToUser! };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ConfigAnswers', () => {
  test('asks at most four at a time, each solution once, in the order the cards drew', async () => {
    let inFlight = 0;
    let most = 0;
    const asked: string[] = [];
    const release: (() => void)[] = [];
    let drawLate = false;
    const { answers, leftToUser } = setUp(
      (s) => {
        asked.push(s.id);
        most = Math.max(most, ++inFlight);
        return new Promise((resolve) =>
          release.push(() => {
            inFlight--;
            resolve(s.id === 'sol-3' ? undefined : { c0: s.id });
          }),
        );
      },
      // The element re-renders as an answer comes in: a card drawn then, as a slot changes hands, waits behind the others.
      () => {
        if (drawLate) leftToUser(solution('late'));
        drawLate = false;
      },
    );
    const solutions = Array.from({ length: 10 }, (_, i) => solution(`sol-${i}`));
    // Each card asks as it draws, and again on every later render.
    for (const s of solutions) leftToUser(s);
    for (const s of solutions) leftToUser(s);
    assert.deepEqual(asked, ['sol-0', 'sol-1', 'sol-2', 'sol-3']);
    drawLate = true;
    while (release.length) {
      release.shift()!();
      await settle();
    }
    assert.equal(most, 4);
    assert.deepEqual(asked, [...solutions.map((s) => s.id), 'late'], 'each solution asked once, in order');
    assert.equal(leftToUser(solutions[3]!), true, 'answered undefined: left to the user (Set up)');
    assert.equal(leftToUser(solutions[4]!), false);
    assert.deepEqual(await answers.answer(solutions[9]!)!.done, { c0: 'sol-9' });
  });

  test('a synchronous answer is there as the card draws and holds no slot', () => {
    let calls = 0;
    const { answers, leftToUser } = setUp(() => (calls++, undefined));
    for (let i = 0; i < 8; i++) assert.equal(leftToUser(solution(`sol-${i}`)), true);
    assert.equal(calls, 8);
    assert.equal(answers.answer(solution('sol-0'))!.settled, true);
    assert.equal(calls, 8, 'kept');
  });

  test('nothing is asked for a solution without settings, nor without resolveConfig', () => {
    let calls = 0;
    assert.equal(setUp(() => (calls++, undefined)).answers.answer(solution('plain', 0)), undefined);
    assert.equal(calls, 0);
    assert.equal(setUp(undefined).answers.answer(solution('sol')), undefined);
  });

  test('a failed ask is asked again on the click; another resolveConfig is asked afresh', async () => {
    let calls = 0;
    const failing: ResolveConfig = async () => {
      calls++;
      throw new Error('host down');
    };
    const { answers, settings, leftToUser } = setUp(failing);
    const sol = solution('sol');
    leftToUser(sol);
    await assert.rejects(answers.answer(sol)!.done, /host down/);
    assert.equal(leftToUser(sol), false, 'a failure is not a wizard answer');
    await assert.rejects(answers.answer(sol)!.done, /host down/);
    assert.equal(calls, 2);
    settings.resolveConfig = () => ({ c0: 1 });
    assert.deepEqual(await answers.answer(sol)!.done, { c0: 1 });
  });
});
