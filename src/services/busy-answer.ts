/**
 * Where the host's endpoints' answers come in (the first bundle), an
 * answer with `Retry-After` hands over to busy-retry.ts, a chunk fetched
 * only when one comes: it decides whether the answer is busy (429 or 503),
 * waits as told and sends the request again. Every other answer passes
 * through untouched, so the first bundle carries little more than the check.
 */
import { chunk } from '../elements/chunk-import.ts';
import type { BusyBudget, BusyContext } from './busy-wait.ts';

export type { BusyBudget, BusyContext };

/** Fetched again under a new URL if it failed once (chunk-import.ts). */
const busyRetry = chunk(() => import('./busy-retry.ts'), import.meta.url);

/**
 * `send()`'s answer; when it is busy, the answer to sending it again once
 * the wait is over, within the bound (`budget`). `signal` ends a wait.
 */
export const unlessBusy = (send: () => Promise<Response>, context: BusyContext | undefined, budget: BusyBudget, signal?: AbortSignal | null): Promise<Response> =>
  send().then((answer) => (answer.headers.has('retry-after') ? busyRetry().then((m) => m.waitOut(answer, send, context, budget, signal)) : answer));
