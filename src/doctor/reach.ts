/** Plain HTTP for the doctor's probes: a bounded wait, and why a request got no answer, in words. */

export interface Reach {
  fetch: typeof fetch;
  /** How long each request may take. */
  timeoutMs: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** The answer, or the reason there was none (refused, unknown host, timed out…). */
export async function probe(reach: Reach, url: string, init: RequestInit = {}): Promise<Response | { noAnswer: string }> {
  try {
    return await reach.fetch(url, { ...init, signal: AbortSignal.timeout(reach.timeoutMs) });
  } catch (error) {
    return { noAnswer: whyNoAnswer(error, reach.timeoutMs) };
  }
}

export function whyNoAnswer(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const known: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused (nothing listens there)',
    ENOTFOUND: 'the host name does not resolve',
    EAI_AGAIN: 'the host name could not be resolved right now',
    ECONNRESET: 'the connection was reset',
    CERT_HAS_EXPIRED: 'its TLS certificate has expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
    ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
  };
  if (code && known[code]) return known[code];
  if (code) return code;
  if (typeof cause?.message === 'string' && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** A person's words for an HTTP error answer. */
export function errorAnswer(status: number): string {
  if (status === 401 || status === 403) return 'refused access (a sign-in may be needed)';
  if (status === 404) return 'answered that the page does not exist';
  if (status >= 500) return 'failed on its server';
  return 'answered with an error';
}
