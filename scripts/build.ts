/**
 * `npm run build`: every artifact the package ships, into dist/ (or
 * `--outDir <dir>`, which the build tests use so they never read a stale
 * dist/). Steps: the Vite builds in vite.config.ts (the package's and the
 * emulator's), declarations from tsc (tsconfig.build*.json),
 * custom-elements.json from the JSDoc. Prints the script-tag bundle's size.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { BUILD_MODES, buildConfig } from '../vite.config.ts';

const root = resolve(import.meta.dirname, '..');

export async function buildAll(outDir: string, { quiet = false } = {}): Promise<void> {
  const say = (line: string) => {
    if (!quiet) process.stdout.write(`${line}\n`);
  };
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  for (const mode of BUILD_MODES) {
    say(`build: ${mode}`);
    await build(buildConfig(mode, outDir));
  }

  say('build: declarations');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  // src/ into dist/; the emulator's public entry into dist/emulator/ (its own rootDir).
  const declarations = [
    ['tsconfig.build.json', outDir],
    ['tsconfig.build-emulator.json', join(outDir, 'emulator')],
  ] as const;
  for (const [config, into] of declarations) {
    execFileSync(process.execPath, [tsc, '-p', join(root, config), '--outDir', into], { cwd: root, stdio: 'inherit' });
  }
  rewriteDeclarationImports(outDir);

  say('build: custom-elements.json');
  writeFileSync(join(outDir, 'custom-elements.json'), `${JSON.stringify(await analyze(), null, 2)}\n`);

  const bundle = readFileSync(join(outDir, 'cdn', 'tray-integrations.js'));
  say(`build: cdn/tray-integrations.js ${(bundle.length / 1024).toFixed(1)} kB, ${(gzipSync(bundle).length / 1024).toFixed(1)} kB gzipped`);
}

/**
 * Our sources import `./x.ts`; the shipped declarations sit next to `.js`
 * files, so their relative imports must say `.js` for every consumer's
 * module resolution (node16, bundler) to follow them.
 */
function rewriteDeclarationImports(dir: string): void {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) rewriteDeclarationImports(path);
    else if (entry.endsWith('.d.ts')) {
      const text = readFileSync(path, 'utf8');
      const fixed = text.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1$2.js$3');
      if (fixed !== text) writeFileSync(path, fixed);
    }
  }
}

/** The manifest, from custom-elements-manifest.config.mjs, written where we choose. */
export async function analyze(): Promise<unknown> {
  // @ts-expect-error the analyzer's CLI module ships no types
  const { cli } = (await import('@custom-elements-manifest/analyzer/cli.js')) as {
    cli(options: { argv: string[]; cwd: string; noWrite: boolean }): Promise<unknown>;
  };
  return cli({
    argv: ['analyze', '--config', join(root, 'custom-elements-manifest.config.mjs'), '--quiet'],
    cwd: root,
    noWrite: true,
  });
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const { values } = parseArgs({ options: { outDir: { type: 'string' }, quiet: { type: 'boolean' } } });
  buildAll(resolve(values.outDir ?? join(root, 'dist')), { quiet: values.quiet ?? false }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
