/**
 * WTR server commands for the visual suite (test/visual), through the Chrome
 * launcher's puppeteer page:
 *
 *   picture-page   {width, scheme}  a window `width` px wide at device scale 1,
 *                  with prefers-color-scheme and reduced motion emulated
 *   match-picture  {name, target, docs?}  screenshots the element marked
 *                  data-picture="<target>" (found through shadow roots) and
 *                  compares it with test/visual/pictures/<name>.png, or
 *                  docs/pictures/<name>.png when `docs` is set (pictures the
 *                  README shows). On a mismatch it writes <name>.actual.png and
 *                  <name>.diff.png under .screenshots/pictures/ and says where.
 *
 * `npm run pictures:update` (TRAY_UPDATE_PICTURES=1) stores the screenshots
 * as the new pictures instead of comparing; a picture that is missing fails
 * unless updating, so CI never makes up its own.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { TestRunnerPlugin } from '@web/test-runner';
import type { ChromeLauncher } from '@web/test-runner-chrome';
import { comparePictures } from './picture-compare.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SUITE_PICTURES = join(ROOT, 'test', 'visual', 'pictures');
const DOCS_PICTURES = join(ROOT, 'docs', 'pictures');
const FAILED = join(ROOT, '.screenshots', 'pictures');
export const UPDATING = process.env.TRAY_UPDATE_PICTURES === '1';

type Payload = { width: number; scheme: 'light' | 'dark' } | { name: string; target: string; docs?: boolean };

export interface PictureResult {
  ok: boolean;
  message: string;
}

export function pictureCommandsPlugin(): TestRunnerPlugin<Payload> {
  return {
    name: 'picture-commands',
    async executeCommand({ command, payload, session }) {
      if (command !== 'picture-page' && command !== 'match-picture') return undefined;
      const page = (session.browser as ChromeLauncher).getPage(session.id);
      if (command === 'picture-page') {
        const { width, scheme } = payload as { width: number; scheme: 'light' | 'dark' };
        await page.setViewport({ width, height: 900, deviceScaleFactor: 1 });
        await page.emulateMediaFeatures([
          { name: 'prefers-color-scheme', value: scheme },
          { name: 'prefers-reduced-motion', value: 'reduce' },
        ]);
        return true;
      }
      const { name, target, docs } = payload as { name: string; target: string; docs?: boolean };
      if (!/^[\w-]+(\/[\w-]+)?$/.test(name) || !/^[\w-]+$/.test(target)) throw new Error('match-picture needs a name (folder/file of letters, digits, - and _) and a target.');
      const element = await page.$(`>>> [data-picture="${target}"]`);
      if (!element) throw new Error(`match-picture: nothing on the page is marked data-picture="${target}".`);
      const actual = Buffer.from(await element.screenshot({ type: 'png' }));
      const stored = join(docs ? DOCS_PICTURES : SUITE_PICTURES, `${name}.png`);
      const shown = relative(ROOT, stored);
      if (UPDATING) {
        if (!existsSync(stored) || !readFileSync(stored).equals(actual)) {
          mkdirSync(dirname(stored), { recursive: true });
          writeFileSync(stored, actual);
        }
        return { ok: true, message: `stored ${shown}` } satisfies PictureResult;
      }
      if (!existsSync(stored)) return { ok: false, message: `${shown} does not exist: run \`npm run pictures:update\` and look at it` } satisfies PictureResult;
      const result = comparePictures(readFileSync(stored), actual);
      if (result.ok) return { ok: true, message: result.reason } satisfies PictureResult;
      const base = join(FAILED, name);
      mkdirSync(dirname(base), { recursive: true });
      writeFileSync(`${base}.actual.png`, actual);
      if (result.diff) writeFileSync(`${base}.diff.png`, result.diff);
      return {
        ok: false,
        message: `${shown} changed: ${result.reason}. See ${relative(ROOT, base)}.actual.png${result.diff ? ` and ${relative(ROOT, base)}.diff.png` : ''}; if the change is meant, run \`npm run pictures:update\` and commit the pictures`,
      } satisfies PictureResult;
    },
  };
}
