// Serves msw's service worker script from the installed package, so the
// generated file is never copied into the repository and cannot go stale.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function mswWorkerPlugin() {
  const workerPath = require.resolve('msw/mockServiceWorker.js');
  return {
    name: 'msw-worker',
    serve(context) {
      if (context.path === '/mockServiceWorker.js') {
        return { body: readFileSync(workerPath, 'utf8'), type: 'js', headers: { 'Service-Worker-Allowed': '/' } };
      }
      return undefined;
    },
  };
}
