/**
 * The calls only the partner's master token may make: find or create the
 * Tray user behind a host user, mint that user's token, mint a one-time
 * authorization code. Nothing here ever puts the master token into an
 * error message, a log line or a response.
 */

import { isRateLimited, isTokenRefused, type GraphQLErrorBody } from '../services/errors.ts';

const FIND_USER = /* GraphQL */ `
query TrayServerFindUser($externalUserId: String!) {
  users(criteria: { externalUserId: $externalUserId }) {
    edges { node { id externalUserId } }
  }
}`;

const CREATE_USER = /* GraphQL */ `
mutation TrayServerCreateUser($name: String!, $externalUserId: String!) {
  createExternalUser(input: { name: $name, externalUserId: $externalUserId }) { userId }
}`;

const AUTHORIZE = /* GraphQL */ `
mutation TrayServerAuthorize($userId: ID!) {
  authorize(input: { userId: $userId }) { accessToken }
}`;

const AUTH_CODE = /* GraphQL */ `
mutation TrayServerAuthCode($userId: ID!) {
  generateAuthorizationCode(input: { userId: $userId }) { authorizationCode }
}`;

/**
 * A failure answering a browser request: `status` and `code` go to the
 * browser, `message` is safe to show and to log (secrets already removed).
 */
export class TrayServerError extends Error {
  override readonly name = 'TrayServerError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Tray's own error code (`extensions.code`), when Tray answered with one. */
    readonly trayCode?: string,
  ) {
    super(message);
  }
}

export interface AdminOptions {
  endpoint: string;
  masterToken: string;
  fetch: typeof fetch;
  timeoutMs: number;
}


/** Removes every occurrence of each secret from text that may be shown or logged. */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join('[redacted]');
  }
  return out;
}

export class TrayAdmin {
  constructor(private readonly options: AdminOptions) {}

  /** The Tray user id for a host user id, or null when Tray has none. */
  async findUser(externalUserId: string): Promise<string | null> {
    const data = await this.call<{ users?: { edges?: Array<{ node?: { id?: unknown; externalUserId?: unknown } }> } }>(
      'the user lookup (users)',
      FIND_USER,
      { externalUserId },
    );
    const edges = data.users?.edges;
    if (!Array.isArray(edges)) throw this.badResponse('the user lookup (users)');
    // Criteria are a search: keep only an exact match, never someone else's account.
    const match = edges.find((edge) => edge?.node?.externalUserId === externalUserId);
    const id = match?.node?.id;
    if (match && typeof id !== 'string') throw this.badResponse('the user lookup (users)');
    return typeof id === 'string' ? id : null;
  }

  async createUser(externalUserId: string, name: string): Promise<string> {
    const data = await this.call<{ createExternalUser?: { userId?: unknown } }>(
      'creating the user (createExternalUser)',
      CREATE_USER,
      { name, externalUserId },
    );
    const id = data.createExternalUser?.userId;
    if (typeof id !== 'string' || !id) throw this.badResponse('creating the user (createExternalUser)');
    return id;
  }

  async authorize(userId: string): Promise<string> {
    const data = await this.call<{ authorize?: { accessToken?: unknown } }>('authorize', AUTHORIZE, { userId });
    const token = data.authorize?.accessToken;
    if (typeof token !== 'string' || !token) throw this.badResponse('authorize');
    return token;
  }

  async authorizationCode(userId: string): Promise<string> {
    const data = await this.call<{ generateAuthorizationCode?: { authorizationCode?: unknown } }>(
      'generateAuthorizationCode',
      AUTH_CODE,
      { userId },
    );
    const code = data.generateAuthorizationCode?.authorizationCode;
    if (typeof code !== 'string' || !code) throw this.badResponse('generateAuthorizationCode');
    return code;
  }

  private badResponse(what: string): TrayServerError {
    return new TrayServerError(502, 'bad-response', `Tray answered ${what} with data of an unexpected shape.`);
  }

  private async call<T>(what: string, query: string, variables: Record<string, unknown>): Promise<T> {
    const { endpoint, masterToken, timeoutMs } = this.options;
    let response: Response;
    try {
      response = await this.options.fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Bearer ${masterToken}`,
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        throw new TrayServerError(504, 'timeout', `Tray did not answer ${what} within ${timeoutMs} ms.`);
      }
      // The cause's text can hold the endpoint but never the token (it travels in a header).
      const reason = redact(error instanceof Error ? error.message : String(error), [masterToken]);
      throw new TrayServerError(502, 'network', `Could not reach Tray at ${endpoint} for ${what}: ${reason}`);
    }

    type Body = { data?: unknown; errors?: GraphQLErrorBody[] };
    let body: Body | null;
    try {
      body = (await response.json()) as Body | null;
    } catch {
      body = null;
    }
    const first = body && Array.isArray(body.errors) ? body.errors[0] : undefined;
    const trayCode = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined;
    const trayMessage = redact(typeof first?.message === 'string' ? first.message : '', [masterToken]);

    if (isRateLimited(response.status, trayMessage)) {
      throw new TrayServerError(429, 'rate-limited', `Tray's rate limit was reached during ${what}; try again shortly.`, trayCode);
    }
    if (response.status === 403 || isTokenRefused(response.status, trayCode)) {
      throw new TrayServerError(
        502,
        'master-token-rejected',
        `Tray refused the master token for ${what} (HTTP ${response.status}). Check the masterToken option and that region/endpoint is the one the token belongs to.`,
        trayCode,
      );
    }
    if (first) {
      const detail = trayMessage ? `: ${trayMessage}` : '';
      throw new TrayServerError(
        502,
        'tray-error',
        `Tray refused ${what}${detail}${trayCode ? ` (${trayCode})` : ''}.`,
        trayCode,
      );
    }
    if (!response.ok) {
      throw new TrayServerError(502, 'server', `Tray answered ${what} with HTTP ${response.status}.`);
    }
    if (!body || typeof body.data !== 'object' || body.data === null) throw this.badResponse(what);
    return body.data as T;
  }
}
