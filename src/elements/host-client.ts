/**
 * The GraphQL client for the host's endpoint, with the user's token: the
 * one the host set, else one `fetchToken` (or the session endpoint) brought,
 * dropped when the host sets another. One client per endpoint, made again
 * when the endpoint changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createClient, type TrayClient } from '../services/client.ts';
import { TrayError } from '../services/errors.ts';
import { fetchSessionToken } from '../services/host-session.ts';
import type { BusyContext } from '../services/busy-answer.ts';
import type { MarketplaceSettings } from '../hooks.ts';

export class HostClient implements ReactiveController {
  /** A token fetchToken brought; dropped when the host sets `token`. */
  #freshToken: string | undefined;
  #tokenSeen: string | undefined;
  #client: { endpoint: string; client: TrayClient } | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & MarketplaceSettings,
    /** Aborted when the widget leaves the page: a session request stops with it. */
    private readonly signal: () => AbortSignal,
    /** Who hears of each busy answer's wait (the element shows it counting down), and what ends it. */
    private readonly busy: BusyContext,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.host.token !== this.#tokenSeen) this.#freshToken = undefined;
    this.#tokenSeen = this.host.token;
  }

  /** The client for the host's `endpoint` as it is now. */
  get client(): TrayClient {
    const { endpoint } = this.host;
    if (this.#client?.endpoint !== endpoint) {
      const client = createClient({
        endpoint,
        getToken: () => this.#freshToken ?? this.host.token,
        fetchToken: () => {
          const { fetchToken, token, sessionEndpoint } = this.host;
          if (fetchToken) return fetchToken();
          // A host that gives its own token has its own backend: no session endpoint to ask.
          if (token) {
            throw new TrayError(
              'token-rejected',
              'The integrations token is missing or was rejected: set a valid token property, or provide fetchToken.',
            );
          }
          return fetchSessionToken(sessionEndpoint, this.signal(), this.busy);
        },
        onToken: (token) => (this.#freshToken = token),
        ...this.busy,
      });
      this.#client = { endpoint, client };
    }
    return this.#client.client;
  }
}
