/**
 * For browser suites that run against the e2e plugin (the HTTP emulator with
 * the real host server at /api/tray): the plugin's config, and before each
 * test a reset emulator and a fresh signed-in user, whom the host backend
 * reads from the `e2e-user` cookie.
 */
import { fixture as mount, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/define.ts';
import type { TrayIntegrationsElement } from '../../src/elements/tray-integrations.ts';
import { closeAllPopups } from './commands.ts';
import { WidgetHarness } from './widget-harness.ts';

export interface E2EConfig {
  dialogOrigin: string;
  embeddedId: string;
  hostEndpoint: string | null;
}

export interface E2EInstance {
  id: string;
  enabled: boolean;
  authValues: Array<{ externalId: string; authId: string }>;
  /** Config values as Tray holds them: JSON text. */
  configValues: Array<{ externalId: string; value: string }>;
}

export async function post<T>(path: string): Promise<T> {
  const response = await fetch(path, { method: 'POST' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A fresh one-time dialog code from the host backend, as a host's fetchAuthCode gets it. */
export const hostAuthCode = async (): Promise<string> => (await post<{ code: string }>('/api/tray/auth-code')).code;

export interface E2EMountOptions {
  /** `false` sets the `auto-enable="false"` attribute. */
  autoEnable?: boolean;
  /** Instead of asking the host backend for a fresh code each time, e.g. to play a host bug. */
  fetchAuthCode?: () => Promise<string>;
}

export interface E2EMounted {
  el: TrayIntegrationsElement;
  widget: WidgetHarness;
  /** How often the widget asked the host backend for a session token and for a dialog code. */
  calls: { session: number; authCode: number };
  /** Every user token the host backend handed the widget. */
  tokens: string[];
}

export interface E2ESession {
  readonly config: E2EConfig;
  readonly user: string;
  /** The user's instances as Tray (the emulator) holds them, read with the user's own token. */
  trayInstances(): Promise<E2EInstance[]>;
  /** The widget as a host page sets it up: tokens and codes come from the host backend. Waits for the marketplace. */
  mount(options?: E2EMountOptions): Promise<E2EMounted>;
}

/** Registers the suite's hooks; call it once at the top of a test file. */
export function useE2ESession(userPrefix: string): E2ESession {
  let config: E2EConfig | undefined;
  let user: string | undefined;
  before(async () => {
    // Popups an earlier test file left open would only confuse this suite's.
    await closeAllPopups();
    config = await (await fetch('/__e2e/config')).json();
    if (!config!.hostEndpoint) throw new Error('The e2e plugin has no host server mounted at /api/tray.');
  });
  beforeEach(async () => {
    await post('/__e2e/control?action=reset');
    user = `${userPrefix}-${crypto.randomUUID()}`;
    document.cookie = `e2e-user=${encodeURIComponent(user)}; path=/`;
  });
  afterEach(() => {
    document.cookie = 'e2e-user=; path=/; max-age=0';
  });
  const session: E2ESession = {
    get config() {
      if (!config) throw new Error('the e2e config is read in a before() hook: use it inside a test');
      return config;
    },
    get user() {
      if (!user) throw new Error('the e2e user is signed in by a beforeEach() hook: use it inside a test');
      return user;
    },
    async trayInstances() {
      const { token } = await post<{ token: string }>(`/__e2e/user-token?externalUserId=${encodeURIComponent(session.user)}`);
      const response = await fetch('/__e2e/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ viewer { solutionInstances { edges { node { id enabled authValues { externalId authId } configValues { externalId value } } } } } }' }),
      });
      const body = await response.json();
      return body.data.viewer.solutionInstances.edges.map((e: { node: E2EInstance }) => e.node);
    },
    async mount(options = {}) {
      const calls = { session: 0, authCode: 0 };
      const tokens: string[] = [];
      const fetchAuthCode = options.fetchAuthCode ?? hostAuthCode;
      const el = await mount<TrayIntegrationsElement>(html`<tray-integrations
        endpoint=${session.config.hostEndpoint!}
        dialog-origin=${session.config.dialogOrigin}
        embedded-id=${session.config.embeddedId}
        auto-enable=${ifDefined(options.autoEnable === false ? 'false' : undefined)}
        .fetchToken=${async () => {
          calls.session++;
          const { token } = await post<{ token: string }>('/api/tray/session');
          tokens.push(token);
          return token;
        }}
        .fetchAuthCode=${() => (calls.authCode++, fetchAuthCode())}
      ></tray-integrations>`);
      const widget = new WidgetHarness(el);
      await widget.loaded(10_000);
      if (!widget.cards.length) throw new Error(`the marketplace did not load: ${widget.loadError ?? 'no integrations'}`);
      return { el, widget, calls, tokens };
    },
  };
  return session;
}
