/**
 * A WTR server command that saves a screenshot of the test page, through the
 * Chrome launcher's puppeteer page, for a person to look at (layout suites
 * such as the right-to-left one assert the geometry themselves).
 *
 *   save-screenshot  {name, fullPage?}  writes .screenshots/<name>.png (git ignores the folder);
 *                    the whole page unless fullPage is false (then the window)
 *
 * Browser side: `executeServerCommand('save-screenshot', { name: 'rtl-1280' })`.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestRunnerPlugin } from '@web/test-runner';
import type { ChromeLauncher } from '@web/test-runner-chrome';

const OUT = resolve(import.meta.dirname, '..', '..', '.screenshots');

export function screenshotCommandPlugin(): TestRunnerPlugin<{ name: string; fullPage?: boolean }> {
  return {
    name: 'save-screenshot',
    async executeCommand({ command, payload, session }) {
      if (command !== 'save-screenshot') return undefined;
      if (!payload || !/^[\w-]+$/.test(payload.name)) throw new Error('save-screenshot needs a name of letters, digits, - and _.');
      const page = (session.browser as ChromeLauncher).getPage(session.id);
      mkdirSync(OUT, { recursive: true });
      await page.screenshot({ path: join(OUT, `${payload.name}.png`) as `${string}.png`, fullPage: payload.fullPage ?? true });
      return true;
    },
  };
}
