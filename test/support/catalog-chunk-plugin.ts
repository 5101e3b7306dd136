/**
 * A WTR plugin that holds back the element's lazily loaded search chunk
 * (src/elements/catalog-ui.ts), so a browser test can see the grid before
 * the chunk is in, and then the moment it arrives; or makes it fail to load.
 *
 *   catalog-chunk  'hold'     requests for the chunk wait until 'release'
 *                  'release'  answers the held requests and serves it again
 *                  'fail'     serves a module that throws: import() rejects, as for a chunk not deployed
 *                  'empty'    serves an empty module: import() resolves with nothing in it, as
 *                             when a host's server answers an unknown file with a blank page
 *
 * Browser side: `executeServerCommand('catalog-chunk', 'hold')`. A suite that
 * holds or fails it sends 'release' when it is done. A page imports the chunk
 * once, so each test file sees it arrive (or fail) once.
 */
import type { TestRunnerPlugin } from '@web/test-runner';
import type { ChromeLauncher } from '@web/test-runner-chrome';

const CHUNK = '/src/elements/catalog-ui.ts';

export function catalogChunkPlugin(): TestRunnerPlugin {
  let mode: 'serve' | 'hold' | 'fail' | 'empty' = 'serve';
  let release = () => {};
  let released = Promise.resolve();
  return {
    name: 'catalog-chunk',
    async serve(context) {
      if (context.path !== CHUNK) return undefined;
      // The dev server answers a plugin's body with 200 whatever the plugin
      // says, so the failure is the module's own: import() rejects, as for a 404.
      if (mode === 'fail') return { body: `throw new Error('The search chunk failed to load (the test said so).');` };
      if (mode === 'empty') return { body: 'export {};' };
      await released;
      // Served as usual, by the next plugin.
      return undefined;
    },
    // Kept out of the dev server's transform cache, which would answer the
    // next page's import before any plugin's serve() is asked.
    transform(context) {
      return context.path === CHUNK ? { transformCache: false } : undefined;
    },
    async executeCommand({ command, payload, session }) {
      if (command !== 'catalog-chunk') return undefined;
      if (payload !== 'hold' && payload !== 'release' && payload !== 'fail' && payload !== 'empty') {
        throw new Error(`catalog-chunk: say 'hold', 'release', 'fail' or 'empty', not ${JSON.stringify(payload)}.`);
      }
      if (payload !== 'hold') release();
      {
        // An earlier test file in this tab left the chunk in the browser's cache
        // (msw's service worker fetches through it): clear it, so the import asks
        // this server; on release too, so no later file gets a failed or empty chunk from it.
        const cdp = await (session.browser as ChromeLauncher).getPage(session.id).createCDPSession();
        await cdp.send('Network.clearBrowserCache');
        await cdp.detach();
      }
      if (payload === 'hold' && mode !== 'hold') released = new Promise<void>((resolve) => (release = resolve));
      mode = payload === 'release' ? 'serve' : payload;
      return true;
    },
  };
}
