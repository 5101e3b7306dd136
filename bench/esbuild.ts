/**
 * One esbuild setting for the bench's own bundles (render options page,
 * new UI bytes): ES module, es2022, minified, Lit's production build, as the
 * shipped script-tag bundle is.
 */
import type { StdinOptions } from 'esbuild';

export async function benchBundle(entry: { file: string } | { stdin: StdinOptions }): Promise<Uint8Array> {
  const { build } = await import('esbuild');
  const result = await build({
    ...('file' in entry ? { entryPoints: [entry.file] } : { stdin: entry.stdin }),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    conditions: ['production'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.contents;
}
