/**
 * The policy for waiting out busy answers: the host's endpoints answer 429
 * (rate limit) or 503 (too many requests being read) with `Retry-After`
 * when trying again later will work. Wait as told and try again, up to a
 * bound, so a person sees a short wait rather than a failure. The fleet
 * bench models its users with it; the element's client does not use it yet.
 */
import { sleep } from './sleep.ts';

/** Longest the widget waits out busy answers for one request, in all, before it reports the failure. */
export const BUSY_BOUND_MS = 30_000;

/**
 * Waits `ms` before a busy request is tried again; rejects when `signal`
 * aborts.
 */
export type BusyWait = (ms: number, signal?: AbortSignal) => Promise<void>;

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
