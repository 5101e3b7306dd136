/**
 * Waiting out a busy answer (busy-wait.ts's policy), counting down to
 * whoever shows it. A chunk of its own, fetched when the host's endpoint
 * first answers with `Retry-After`: most pages never need it.
 */
import { BUSY_BOUND_MS, busyFor, countingDown, type BusyBudget, type BusyContext, type BusyNotice, type BusyWait } from './busy-wait.ts';
import { TrayError } from './errors.ts';

/** Each context's waits under way, and the seconds each has left: a context hears of the longest. */
const waits = new WeakMap<BusyContext, Map<object, number>>();

function noticeFor(context: BusyContext | undefined): BusyNotice | undefined {
  const busy = context?.busy;
  if (!busy) return undefined;
  let left = waits.get(context);
  if (!left) waits.set(context, (left = new Map()));
  const wait = {};
  return (seconds) => {
    if (seconds) left.set(wait, seconds);
    else left.delete(wait);
    busy(Math.max(0, ...left.values()));
  };
}

/**
 * While `answer` is busy, waits as it asks and sends the request again;
 * returns the first answer that is not busy, or the busy one whose wait
 * would take the request's waits (`budget`) past the bound: that wait is not
 * begun, and the caller reports the answer as it always has.
 */
export async function waitOut(
  answer: Response,
  send: () => Promise<Response>,
  context: BusyContext | undefined,
  budget: BusyBudget,
  signal?: AbortSignal | null,
  /** How a wait is spent: counting down to `context` (tests record it instead). */
  wait: BusyWait = (ms, abort) => countingDown(noticeFor(context))(ms, abort),
): Promise<Response> {
  for (let ms = busyFor(answer); ms; ms = busyFor(answer)) {
    budget.waited = (budget.waited ?? 0) + ms;
    if ((budget.spent = budget.waited > BUSY_BOUND_MS)) break;
    await wait(ms, signal ?? undefined);
    // The element left the page during the wait (and was not put back): nothing is sent again.
    if (context?.lifetime?.().aborted) throw new TrayError('aborted', 'The widget was removed.');
    answer = await send();
  }
  return answer;
}
