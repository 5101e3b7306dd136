// Browser suites run in Debian's Chromium; nothing here downloads a browser.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { mswWorkerPlugin } from './test/support/msw-worker-plugin.mjs';
// TypeScript plugins load because the runner is started under tsx (see package.json).
import { e2ePlugin } from './test/support/e2e-plugin.ts';
import { popupCommandsPlugin } from './test/support/popup-commands.ts';
import { catalogChunkPlugin } from './test/support/catalog-chunk-plugin.ts';
import { screenshotCommandPlugin } from './test/support/screenshot-command.ts';
import { pictureCommandsPlugin } from './test/support/picture-command.ts';
import { CHROMIUM_PATH, chromiumArgs } from './scripts/chromium.ts';
import { dialogStubPlugin } from './test/support/dialog-stub-plugin.mjs';
import { selfImportPlugin } from './test/support/self-import-plugin.mjs';
import { reactPlugin } from './test/support/react-plugin.mjs';
import { vuePlugin } from './test/support/vue-plugin.mjs';
import { sveltePlugin } from './test/support/svelte-plugin.mjs';
import { angularPlugin } from './test/support/angular-plugin.mjs';

export default {
  files: ['test/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: chromiumArgs() },
    }),
  ],
  plugins: [esbuildPlugin({ ts: true, tsx: true, json: true, target: 'es2022', tsconfig: 'tsconfig.json' }), selfImportPlugin(), reactPlugin(), vuePlugin(), sveltePlugin(), angularPlugin(), mswWorkerPlugin(), dialogStubPlugin(), e2ePlugin(), popupCommandsPlugin(), catalogChunkPlugin(), screenshotCommandPlugin(), pictureCommandsPlugin()],
};
