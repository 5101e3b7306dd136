/**
 * The markup-only embed's two calls to the host's backend
 * (`tray-integrations/server`): POST the session endpoint for the signed-in
 * user's Tray token, POST the auth-code endpoint for a dialog's one-time
 * code. Same-origin credentials, so the host's own session cookie says who
 * the user is; nothing but the path is sent.
 */
import { unlessBusy, type BusyContext } from './busy-answer.ts';
import { absoluteEndpoint } from './client.ts';
import { TrayError } from './errors.ts';

/** The server's error body: `{ error: { code, message } }` (src/server/http.ts). */
function serverMessage(body: unknown): string {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message : '';
}

/**
 * POSTs `endpoint` and returns the string `field` of its JSON answer.
 * A busy answer (429 or 503 with Retry-After) is waited out and asked
 * again, within the busy bound (`busy` hears of the wait). A 401 is
 * `signed-out`; any other failure of the backend (404, 5xx, an answer
 * without the field, busy past the bound) is `backend`; both carry the
 * server's own message and the status, for the host's logs.
 */
async function post(endpoint: string, field: 'token' | 'code', signal?: AbortSignal, busy?: BusyContext): Promise<string> {
  const url = absoluteEndpoint(endpoint);
  // A network failure rejects as it is; the caller's toTrayError names it.
  const send = () => fetch(url, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' }, signal: signal ?? null });
  const response = await unlessBusy(send, busy, {}, signal);
  const body: unknown = await response.json().catch(() => undefined);
  const { status } = response;
  const said = serverMessage(body);
  if (status === 401) throw new TrayError('signed-out', said || 'Nobody is signed in.', { status });
  const value = response.ok ? (body as Record<string, unknown> | undefined)?.[field] : undefined;
  if (typeof value === 'string' && value) return value;
  // Without the server's words, say what to check: the status is in `status`.
  throw new TrayError('backend', said || `${url} gave no "${field}": is tray-integrations/server mounted there?`, { status });
}

/** The signed-in user's Tray token, from `endpoint` (POST, answers `{ token, expiresAt }`). */
export const fetchSessionToken = (endpoint: string, signal?: AbortSignal, busy?: BusyContext) => post(endpoint, 'token', signal, busy);

/** A one-time auth code for a dialog, from `endpoint` (POST, answers `{ code }`). */
export const fetchAuthCodeFrom = (endpoint: string, signal?: AbortSignal, busy?: BusyContext) => post(endpoint, 'code', signal, busy);
