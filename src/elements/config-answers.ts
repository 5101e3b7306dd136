/**
 * The host's `resolveConfig`, asked ahead: once per solution, as its card is
 * first drawn (the element asks `usesWizard` of every card it draws), at most
 * ASKED_AT_ONCE at a time, the answer kept. So a card the host leaves to the
 * user says Set up before anyone clicks, and a click knows at once which
 * dialog to open. A click that comes before the answer opens its window
 * anyway and shows in it whichever dialog the answer calls for.
 */
import type { Solution } from '../services/types.ts';
import type { ResolveConfig } from '../hooks.ts';
import type { MarketplaceState } from './marketplace-state.ts';

/** A host's resolveConfig may fetch: a catalogue's worth of cards must not ask all at once. */
const ASKED_AT_ONCE = 4;

type ConfigValues = Record<string, unknown> | undefined;

interface Answer {
  /** The host's values, once answered (undefined: the user sets it up in the wizard). */
  done: Promise<ConfigValues>;
  settled: boolean;
  values: ConfigValues;
  failed: boolean;
}

export class ConfigAnswers {
  readonly #answers = new Map<string, Answer>();
  /** The resolveConfig the answers are from: another one is asked afresh. */
  #hook: ResolveConfig | undefined;
  /** Asks holding a slot; the rest wait their turn in order. */
  #asking = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(private readonly state: MarketplaceState) {
    state.config.leftToUser = (solution) => {
      const answer = this.#get(solution);
      return !!answer?.settled && !answer.values;
    };
    // The cards drawn before this chunk came in ask now.
    state.settings.requestUpdate();
  }

  /**
   * The host's answer for `solution`: settled (values, or undefined for the
   * wizard), or still on its way; undefined when there is nothing to ask
   * (no config slots, or no resolveConfig). A failed ask is asked again.
   */
  answer(solution: Solution): Answer | undefined {
    if (this.#answers.get(solution.id)?.failed) this.#answers.delete(solution.id);
    return this.#get(solution);
  }

  #get(solution: Solution): Answer | undefined {
    const hook = this.state.settings.resolveConfig;
    if (!hook || !solution.configSlots.length) return undefined;
    if (hook !== this.#hook) {
      this.#hook = hook;
      this.#answers.clear();
    }
    let answer = this.#answers.get(solution.id);
    if (!answer) this.#answers.set(solution.id, (answer = this.#ask(hook, solution)));
    return answer;
  }

  #ask(hook: ResolveConfig, solution: Solution): Answer {
    const answer: Answer = { done: Promise.resolve(undefined), settled: false, values: undefined, failed: false };
    const settle = (values: ConfigValues) => {
      answer.settled = true;
      return (answer.values = values || undefined);
    };
    // Called holding a slot.
    const start = (): Promise<ConfigValues> => {
      let result: ReturnType<ResolveConfig>;
      try {
        result = hook(solution);
      } catch (error) {
        result = Promise.reject(error);
      }
      // A synchronous answer: the card that asked draws with it at once, and the slot is free again.
      if (typeof (result as PromiseLike<unknown> | undefined)?.then !== 'function') {
        this.#release();
        return Promise.resolve(settle(result as ConfigValues));
      }
      return Promise.resolve(result)
        .then(settle, (error: unknown) => {
          answer.failed = true;
          throw error;
        })
        .finally(() => {
          this.#release();
          this.state.settings.requestUpdate();
        });
    };
    if (this.#asking < ASKED_AT_ONCE) {
      this.#asking++;
      answer.done = start();
    } else {
      answer.done = new Promise<void>((resolve) => this.#waiting.push(resolve)).then(start).finally(() => this.state.settings.requestUpdate());
    }
    // A failed ask shows on the card when the person clicks (and is asked again then).
    answer.done.catch(() => {});
    return answer;
  }

  /**
   * Hands a finished ask's slot straight to the next one waiting, or frees
   * it: freed first, a card drawn before the waiting one starts could take
   * it too, and five would be asked at once.
   */
  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#asking--;
  }
}
