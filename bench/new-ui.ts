/**
 * What the scale pieces would add to the script-tag bundle once the element
 * uses them: src/cdn.ts bundled alone and with the search and filter bar,
 * its model and RevealController, by esbuild with the same target and Lit's
 * production build, minified, gzip level 9. The difference is the added
 * cost; the absolute sizes differ a little from Vite's dist/cdn build.
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { benchBundle } from './esbuild.ts';

export const NEW_UI_MODULES = ['src/elements/catalog-toolbar.ts', 'src/elements/catalog-filter.ts', 'src/elements/reveal-controller.ts'];

export interface NewUiCost {
  modules: string[];
  /** Gzipped bytes of src/cdn.ts bundled alone, and with the modules. */
  without: number;
  with: number;
  added: number;
}

async function gzippedBundle(root: string, contents: string): Promise<number> {
  const code = await benchBundle({ stdin: { contents, resolveDir: root, sourcefile: 'new-ui-entry.ts', loader: 'ts' } });
  return gzipSync(code, { level: 9 }).length;
}

export async function measureNewUi(root: string): Promise<NewUiCost> {
  const base = `export * from './src/cdn.ts';\n`;
  // Re-exported, so nothing is tree-shaken away, as when the element renders them.
  const extra = NEW_UI_MODULES.map((m) => `export * from './${m}';`).join('\n');
  const without = await gzippedBundle(root, base);
  const withUi = await gzippedBundle(root, `${base}${extra}\n`);
  return { modules: NEW_UI_MODULES.map((m) => join(m)), without, with: withUi, added: withUi - without };
}
