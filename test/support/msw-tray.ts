/**
 * Tray for component tests, in the browser: msw forwards the widget's GraphQL
 * calls to the emulator's own core (`emulator.fetch`), the same code the HTTP
 * emulator runs, so a component test and an e2e journey see the same Tray.
 *
 *   const tray = await startMockTray();
 *   const token = await tray.userToken('alice');
 *   … fetch('/api/tray/graphql', {headers: {authorization: `Bearer ${token}`}, …})
 *   tray.emulator.faults.failNext(1, 'http500');
 *   await tray.stop();
 *
 * Handled: POST any-origin `/api/tray/graphql` and `/graphql` (rewritten to
 * the emulator's `/graphql`), trigger URLs `/triggers/{id}` and `GET /runs`.
 * The auth dialog is not served here: it needs a second origin, see
 * test/support/e2e-plugin.ts.
 */
import { http, type HttpHandler } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../emulator/core/index.ts';

export interface MockTrayOptions {
  /** A fixture object (validated); defaults to the emulator's built-in one. */
  fixture?: unknown;
  emulatorOptions?: Omit<EmulatorOptions, 'fixture'>;
}

export interface MockTray {
  emulator: Emulator;
  worker: SetupWorker;
  /** A fresh user token for this external user (created when missing). */
  userToken(externalUserId?: string): Promise<string>;
  /** A fresh one-time auth-dialog code for this external user. */
  authCode(externalUserId?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Forwards an intercepted request to the emulator, with its path rewritten. */
function forwardTo(emulator: Emulator, path?: string) {
  return async ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    if (path) url.pathname = path;
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    return emulator.fetch(
      new Request(url, {
        method: request.method,
        headers: request.headers,
        body: hasBody ? await request.text() : undefined,
        signal: request.signal,
      }),
    );
  };
}

export function mockTrayHandlers(emulator: Emulator): HttpHandler[] {
  return [
    http.post('*/api/tray/graphql', forwardTo(emulator, '/graphql')),
    http.post('*/graphql', forwardTo(emulator, '/graphql')),
    http.all('*/triggers/:workflowInstanceId', forwardTo(emulator)),
    http.get('*/runs', forwardTo(emulator)),
  ];
}

export async function startMockTray(options: MockTrayOptions = {}): Promise<MockTray> {
  const emulator = createEmulator({ ...options.emulatorOptions, ...(options.fixture !== undefined ? { fixture: options.fixture } : {}) });
  const worker = setupWorker(...mockTrayHandlers(emulator));
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
  return {
    emulator,
    worker,
    userToken: async (externalUserId) => emulator.userToken(externalUserId),
    authCode: async (externalUserId) => emulator.authCode(externalUserId),
    async stop() {
      worker.stop();
      // Let requests held by a 'timeout' fault go.
      emulator.reset();
    },
  };
}
