/**
 * What the widget itself is doing with a card, as one value: Tray's data
 * says what the card *is* (model.ts); this says what is *happening* to it.
 */
import type { TrayError } from '../services/errors.ts';
import type { AuthSlot, Solution, SolutionInstance } from '../services/types.ts';
import type { TrayMessages } from './messages.ts';

/** How an auth dialog's result is used. */
export type AuthMode = 'authorize' | 'reconnect' | 'upgrade';

export type CardActivity =
  | { readonly kind: 'idle' }
  /** An action runs (here, or in another view of the widget: `say` tells which); every button of the card waits. */
  | { readonly kind: 'working'; readonly say?: (m: TrayMessages) => string }
  /** An action failed: its error shows while Tray is re-read to learn what happened; buttons still wait. */
  | { readonly kind: 'checking'; readonly error: TrayError }
  | { readonly kind: 'confirming-delete' }
  /** The browser blocked the dialog: a fresh click on Continue opens it for `slot`. */
  | { readonly kind: 'popup-blocked'; readonly slot: AuthSlot; readonly mode: AuthMode }
  | { readonly kind: 'failed'; readonly error: TrayError };

export const isBusy = (activity: CardActivity) => activity.kind === 'working' || activity.kind === 'checking';

export const IDLE: CardActivity = { kind: 'idle' };
export const WORKING: CardActivity = { kind: 'working' };

/** The key of a card: per instance, or per solution while the user has none. */
export const instanceKey = (id: string) => `i:${id}`;
export const solutionKey = (id: string) => `s:${id}`;

/** What a card's key stands for, read back: the instance's id or the solution's. */
export function parseCardKey(key: string): { instanceId: string; solutionId?: never } | { solutionId: string; instanceId?: never } {
  return key.startsWith('i:') ? { instanceId: key.slice(2) } : { solutionId: key.slice(2) };
}

export function cardKey(solution: Solution, instance: SolutionInstance | undefined): string {
  return instance ? instanceKey(instance.id) : solutionKey(solution.id);
}

/** Every card's activity; a card not listed is idle. */
export class CardActivities {
  #byKey = new Map<string, CardActivity>();
  /** Seconds left of the longest busy answer's wait under way (0: none); cards at work say so. */
  busySeconds = 0;

  constructor(private readonly changed: () => void) {}

  /**
   * A card at work says "Busy — trying again in N s" while the host's
   * endpoint has asked to wait: a request does not know which card it is
   * for, and a busy endpoint holds up every card's request alike.
   */
  get(key: string): CardActivity {
    const activity = this.#byKey.get(key) ?? IDLE;
    const seconds = this.busySeconds;
    return seconds && activity.kind === 'working' && !activity.say ? { kind: 'working', say: (m) => m.busyRetrying(seconds) } : activity;
  }

  set(key: string, activity: CardActivity): void {
    if (activity.kind === 'idle') this.#byKey.delete(key);
    else this.#byKey.set(key, activity);
    this.changed();
  }

  /** True while an action holds the card. */
  busy(key: string): boolean {
    return isBusy(this.get(key));
  }

  /** Marks the card working, unless an action holds it already: then false. */
  claim(key: string): boolean {
    if (this.busy(key)) return false;
    this.set(key, WORKING);
    return true;
  }

  clear(): void {
    this.#byKey.clear();
    this.changed();
  }
}
