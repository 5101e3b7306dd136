/**
 * The policy for waiting out busy answers: the host's endpoints answer 429
 * (rate limit) or 503 (too many requests being read) with `Retry-After`
 * when trying again later will work. Wait as told and try again, up to a
 * bound, so a person sees a short wait rather than a failure. The
 * element's requests to those endpoints wait through busy-retry.ts (a chunk
 * fetched when a busy answer first comes); the fleet bench models its users
 * with `whileBusy`.
 */
import { sleep } from './sleep.ts';

/** Longest the widget waits out busy answers for one request, in all, before it reports the failure. */
export const BUSY_BOUND_MS = 30_000;

/**
 * Waits `ms` before a busy request is tried again; rejects when `signal`
 * aborts.
 */
export type BusyWait = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Told, each second of a busy wait, how many seconds are left; 0 once it is over. */
export type BusyNotice = (secondsLeft: number) => void;

/** Who hears of a request's busy waits, and whether the one asking is still there. */
export interface BusyContext {
  /** The longest wait under way: its seconds left, 0 when none is left. */
  busy?: BusyNotice | undefined;
  /**
   * The element's life as it is now: aborted when it left the page. Read
   * as a wait ends, so a removed element sends nothing again while one
   * moved elsewhere on the page (a new life) carries on.
   */
  lifetime?: (() => AbortSignal) | undefined;
}

/** One request's busy waits, over all its attempts: the bound is per request, not per attempt. */
export interface BusyBudget {
  /** Milliseconds of waiting asked for so far. */
  waited?: number;
  /** A busy answer asked for a wait past the bound, so it was not begun: that answer is final. */
  spent?: boolean;
}

/** A BusyWait in steps of a second that tells `notice` what is left, so a person sees it count down. */
export function countingDown(notice?: BusyNotice): BusyWait {
  return async (ms, signal) => {
    try {
      for (let left = ms; left > 0; left -= 1000) {
        notice?.(Math.ceil(left / 1000));
        await sleep(Math.min(left, 1000), signal);
      }
    } finally {
      notice?.(0);
    }
  };
}

/**
 * The wait a busy answer asks for, in ms: `Retry-After` (seconds or an
 * HTTP date) on a 429 or a 503; undefined for any other answer. At least
 * a second, so a `0` cannot make the widget spin. RFC 9110, section 10.2.3.
 */
export function busyFor(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if ((response.status !== 429 && response.status !== 503) || !header) return undefined;
  const seconds = Number(header);
  const ms = seconds >= 0 ? seconds * 1000 : Date.parse(header) - Date.now();
  return ms >= 0 ? Math.max(ms, 1000) : undefined;
}

/**
 * Runs `work`, and again after each busy answer (a thrown error with
 * `retryAfter`) for as long as the waits add up to at most BUSY_BOUND_MS;
 * past that, the busy answer's error is thrown as it is.
 */
export async function whileBusy<T>(work: () => Promise<T>, wait: BusyWait = sleep, signal?: AbortSignal): Promise<T> {
  for (let waited = 0; ; ) {
    try {
      return await work();
    } catch (error) {
      const ms = (error as { retryAfter?: number }).retryAfter;
      if (!ms || (waited += ms) > BUSY_BOUND_MS) throw error;
      await wait(ms, signal);
    }
  }
}
