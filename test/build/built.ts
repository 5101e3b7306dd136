/**
 * A fresh build of the package for the build tests, made once per source
 * state: the output lives in the temp dir under a hash of everything the
 * build reads, so several test files (separate processes) share one build
 * and an edit to any source makes a new one. Never reads the repo's dist/.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildAll } from '../../scripts/build.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const INPUTS = [
  'src',
  'emulator',
  'vite.config.ts',
  'scripts/build.ts',
  'tsconfig.build.json',
  'tsconfig.build-emulator.json',
  'tsconfig.json',
  'custom-elements-manifest.config.mjs',
  'package.json',
];

/**
 * The key of one build: everything the build reads, and the checkout itself,
 * since the build links to this checkout's node_modules (a build made by
 * another clone would point at modules that may be gone).
 */
function hashInputs(): string {
  const hash = createHash('sha256').update(ROOT).update('\0');
  const add = (path: string) => {
    const full = join(ROOT, path);
    if (statSync(full).isDirectory()) {
      for (const entry of readdirSync(full).sort()) add(join(path, entry));
    } else {
      hash.update(path).update('\0').update(readFileSync(full)).update('\0');
    }
  };
  INPUTS.forEach(add);
  return hash.digest('hex').slice(0, 16);
}

/**
 * A directory laid out like the installed package: package.json, dist/, and
 * node_modules pointing at ours (so `lit` resolves from the built files).
 */
export async function builtPackage(): Promise<string> {
  const pkg = join(tmpdir(), `tray-integrations-build-${hashInputs()}`);
  // A build whose node_modules link no longer resolves (its checkout moved
  // or was deleted) is made again rather than trusted.
  if (existsSync(join(pkg, '.complete')) && existsSync(join(pkg, 'node_modules', 'lit'))) return pkg;
  const staging = `${pkg}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  await buildAll(join(staging, 'dist'), { quiet: true });
  copyFileSync(join(ROOT, 'package.json'), join(staging, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(staging, 'node_modules'), 'dir');
  writeFileSync(join(staging, '.complete'), '');
  rmSync(pkg, { recursive: true, force: true });
  renameSync(staging, pkg);
  return pkg;
}
