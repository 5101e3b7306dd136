/**
 * For browser suites that run against the e2e plugin (the HTTP emulator with
 * the real host server at /api/tray): the plugin's config, and before each
 * test a reset emulator and a fresh signed-in user, whom the host backend
 * reads from the `e2e-user` cookie.
 */
import { closeAllPopups } from './commands.ts';

export interface E2EConfig {
  dialogOrigin: string;
  embeddedId: string;
  hostEndpoint: string | null;
}

export interface E2EInstance {
  id: string;
  enabled: boolean;
  authValues: Array<{ externalId: string; authId: string }>;
}

export async function post<T>(path: string): Promise<T> {
  const response = await fetch(path, { method: 'POST' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface E2ESession {
  readonly config: E2EConfig;
  readonly user: string;
  /** The user's instances as Tray (the emulator) holds them, read with the user's own token. */
  trayInstances(): Promise<E2EInstance[]>;
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
        body: JSON.stringify({ query: '{ viewer { solutionInstances { edges { node { id enabled authValues { externalId authId } } } } } }' }),
      });
      const body = await response.json();
      return body.data.viewer.solutionInstances.edges.map((e: { node: E2EInstance }) => e.node);
    },
  };
  return session;
}
