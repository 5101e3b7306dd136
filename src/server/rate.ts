/**
 * The two rate rules, as plain arithmetic on one process's clock. The Redis
 * store runs the same rules as Lua scripts (./redis-store.ts) so that every
 * process sharing it books from one budget.
 */

/** The outcome of asking a rate budget for room. */
export type RateDecision =
  /** Granted: go ahead after `waitMs` (0 = now); the slot is already booked. */
  | { granted: true; waitMs: number }
  /** Refused: no slot within the bound; try again in `retryAfterMs`. */
  | { granted: false; retryAfterMs: number };

export interface PacingRule {
  /** Sustained calls per second. */
  perSecond: number;
  /** Calls allowed at once after a quiet spell. */
  burst: number;
  /** Longest a call may wait for its turn; past it the call is refused. */
  maxWaitMs: number;
}

export interface WindowRule {
  /** At most this many … */
  limit: number;
  /** … in any window of this many milliseconds. */
  windowMs: number;
}

/**
 * A token bucket that books ahead (GCRA): `tat` is when the bucket will next
 * be full-minus-one. A call is served at `max(now, tat - (burst - 1) ×
 * interval)`, so `burst` calls go at once and then one per interval; a call
 * whose turn is more than `maxWaitMs` away is refused and books nothing.
 *
 * Refused calls are told to come back one interval apart (`retryAt` is the
 * end of that virtual line), not all at the same moment: a crowd refused
 * together would otherwise return together and be refused together again.
 */
export class Gcra {
  private tat = 0;
  private retryAt = 0;

  book(now: number, rule: PacingRule): RateDecision {
    const interval = 1000 / rule.perSecond;
    const tat = Math.max(this.tat, now);
    const waitMs = Math.max(0, tat - (rule.burst - 1) * interval - now);
    if (waitMs > rule.maxWaitMs) {
      const at = Math.max(this.retryAt, now + waitMs - rule.maxWaitMs);
      this.retryAt = at + interval;
      return { granted: false, retryAfterMs: Math.ceil(at - now) };
    }
    this.tat = tat + interval;
    return { granted: true, waitMs: Math.ceil(waitMs) };
  }
}

/** At most `limit` events in any `windowMs`: an exact sliding log (`limit` is small). */
export class SlidingWindow {
  private events: Array<{ at: number; id: string }> = [];

  /** Adds the event and returns 0, or returns how long until there is room (nothing added). */
  add(now: number, id: string, rule: WindowRule): number {
    this.events = this.events.filter((event) => event.at > now - rule.windowMs);
    if (this.events.length >= rule.limit) return Math.max(1, this.events[0]!.at + rule.windowMs - now);
    this.events.push({ at: now, id });
    return 0;
  }

  remove(id: string): void {
    this.events = this.events.filter((event) => event.id !== id);
  }
}
