/**
 * The package's builds, one Vite (library mode) config per artifact. `npm run
 * build` (scripts/build.ts) runs them in turn; `vite build --mode <name>`
 * runs one of them. TRAY_BUILD_OUT_DIR moves the output (the build tests
 * build into a temporary directory so they never read a stale dist/).
 *
 *   esm     dist/*.js, module per source file, Lit external: for bundlers
 *   cdn     dist/cdn/tray-integrations.js: one minified ES module, Lit inlined,
 *           and its lazily loaded search UI, dist/cdn/tray-integrations-catalog-ui.js
 *   iife    dist/cdn/tray-integrations.iife.js: the same as a classic script
 *   server  dist/server/index.js: the host-backend companion, Node target
 *   emulator dist/emulator/index.js (startEmulator for a host's tests) and
 *           dist/emulator/cli.js (the `tray-emulator` bin), Node target
 *   doctor  dist/doctor/cli.js: the `tray-integrations` bin (`tray-integrations
 *           doctor`), Node target
 */
import { chmodSync } from 'node:fs';
import { resolve } from 'node:path';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defineConfig, type InlineConfig } from 'vite';
import { graphqlOneLine } from './scripts/graphql-one-line.ts';

export const BUILD_MODES = ['esm', 'cdn', 'iife', 'server', 'emulator', 'doctor'] as const;
export type BuildMode = (typeof BUILD_MODES)[number];

const root = import.meta.dirname;
const src = (file: string) => resolve(root, 'src', file);
const emulator = (file: string) => resolve(root, 'emulator', file);

/** Lit is a dependency of the npm package: bundlers dedupe it with the host's copy. */
const LIT_EXTERNAL = [/^lit(\/|$)/, /^@lit\//, /^@lit-labs\//, /^lit-(html|element)(\/|$)/];

/** npm links a `bin` to its file: a shell runs it by its first line, and only if it is executable. */
const binOutput = (name: string) => ({
  banner: (chunk: { isEntry: boolean; name: string }) => (chunk.isEntry && chunk.name === name ? '#!/usr/bin/env node' : ''),
});
const binExecutable = (file: string) => ({
  name: `tray-bin-executable-${file}`,
  writeBundle(options: { dir?: string }) {
    chmodSync(resolve(options.dir ?? '', file), 0o755);
  },
});

export function buildConfig(mode: BuildMode, outDir = resolve(root, 'dist')): InlineConfig {
  const base: InlineConfig = {
    configFile: false,
    root,
    publicDir: false,
    logLevel: 'warn',
    plugins: [graphqlOneLine()],
  };
  switch (mode) {
    case 'esm':
      return {
        ...base,
        build: {
          outDir,
          emptyOutDir: false,
          target: 'es2022',
          minify: false,
          sourcemap: true,
          lib: { entry: { index: src('index.ts'), define: src('define.ts') }, formats: ['es'] },
          rolldownOptions: {
            external: LIT_EXTERNAL,
            // One output module per source module keeps tree shaking exact and
            // makes `sideEffects` in package.json name real files.
            output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
          },
        },
      };
    case 'cdn':
    case 'iife':
      return {
        ...base,
        build: {
          outDir: resolve(outDir, 'cdn'),
          emptyOutDir: false,
          target: 'es2022',
          // Terser after Rolldown's own minifier: two compress passes and no comments
          // take about 90 bytes more out of the first bundle, gzipped.
          minify: 'terser',
          terserOptions: { module: true, compress: { passes: 2 }, format: { comments: false } },
          sourcemap: true,
          lib: {
            entry: src('cdn.ts'),
            name: 'TrayIntegrations',
            formats: [mode === 'cdn' ? 'es' : 'iife'],
            fileName: () => (mode === 'cdn' ? 'tray-integrations.js' : 'tray-integrations.iife.js'),
          },
          // Vite keeps an ES library's whitespace for downstream bundlers; this
          // file goes straight to browsers, so minify it fully, the markup and
          // CSS inside Lit's html`` and css`` templates too.
          rolldownOptions: {
            plugins: [minifyHtmlLiterals({ failOnError: true })],
            preserveEntrySignatures: 'allow-extension',
            output: {
              minify: true,
              // These files go straight to browsers, already tree-shaken: the
              // `/* @__PURE__ */` marks Lit's code carries for a bundler are dead
              // weight here. Hosts that bundle use dist/*.js, which keeps them.
              // (Legal comments were left out before this line too.)
              comments: false,
              // The search UI (src/elements/catalog-ui.ts) is a dynamic import: the ES
              // build emits it as the sibling dist/cdn/tray-integrations-catalog-ui.js,
              // under a name without a hash so hosts can copy and cache it by name;
              // a classic script cannot import, so the IIFE build inlines it.
              ...(mode === 'cdn' ? { chunkFileNames: 'tray-integrations-[name].js' } : { codeSplitting: false }),
            },
          },
        },
      };
    case 'server':
      return {
        ...base,
        build: {
          outDir: resolve(outDir, 'server'),
          emptyOutDir: false,
          // An SSR build resolves Node's export conditions, not the browser's.
          target: 'node20',
          minify: false,
          sourcemap: true,
          ssr: src('server/index.ts'),
          rolldownOptions: { output: { entryFileNames: 'index.js', format: 'es' } },
        },
      };
    case 'emulator':
      return {
        ...base,
        build: {
          outDir: resolve(outDir, 'emulator'),
          emptyOutDir: false,
          // SSR: Node's export conditions, and `graphql` (a dependency) stays an import.
          target: 'node20',
          minify: false,
          sourcemap: true,
          ssr: true,
          rolldownOptions: {
            input: { index: emulator('index.ts'), cli: emulator('cli.ts') },
            output: {
              format: 'es',
              entryFileNames: '[name].js',
              // The code both entries share (the HTTP server and the core).
              chunkFileNames: '[name].js',
              ...binOutput('cli'),
            },
            plugins: [binExecutable('cli.js')],
          },
        },
      };
    case 'doctor':
      return {
        ...base,
        build: {
          outDir: resolve(outDir, 'doctor'),
          emptyOutDir: false,
          // SSR: Node's export conditions; graphql-request stays an import of the installed dependency.
          target: 'node20',
          minify: false,
          sourcemap: true,
          ssr: true,
          rolldownOptions: {
            input: { cli: src('doctor/cli.ts') },
            output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name].js', ...binOutput('cli') },
            plugins: [binExecutable('cli.js')],
          },
        },
      };
  }
}

export default defineConfig(({ mode }) => {
  const name = (BUILD_MODES as readonly string[]).includes(mode) ? (mode as BuildMode) : 'esm';
  return buildConfig(name, process.env.TRAY_BUILD_OUT_DIR ? resolve(process.env.TRAY_BUILD_OUT_DIR) : undefined);
});
