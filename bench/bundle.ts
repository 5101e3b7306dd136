/**
 * Bundle figures: raw and gzipped bytes of the built files, and who the
 * bytes of the self-contained bundle belong to, read from its sourcemap.
 *
 * Attribution: every byte of the generated file belongs to the source of the
 * sourcemap segment it follows (a segment without a source, such as
 * bundler glue, counts as "unmapped"). The gzipped share of a group is the
 * whole file's gzipped size split in proportion to each group's bytes
 * gzipped on their own, so a group of repetitive text (CSS, templates) gets
 * the smaller share it really costs after compression.
 */
import { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decode } from '@jridgewell/sourcemap-codec';

export interface SourceMapLike {
  sources: ReadonlyArray<string | null>;
  mappings: string;
  sourceRoot?: string;
}

export interface Sizes {
  raw: number;
  gzip: number;
}

export interface GroupSize {
  group: string;
  /** Bytes of the generated file attributed to the group. */
  raw: number;
  /** The group's share of the whole file's gzipped size (see the module comment). */
  gzip: number;
  /** The group's sources, with their raw bytes, largest first. */
  sources: Array<{ source: string; raw: number }>;
}

export interface Attribution {
  file: string;
  total: Sizes;
  groups: GroupSize[];
}

export const UNMAPPED = '(unmapped)';

export const sizesOf = (bytes: Buffer | string): Sizes => {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return { raw: buffer.length, gzip: gzipSync(buffer, { level: 9 }).length };
};

/**
 * The generated text of each source, concatenated in output order. Columns
 * in a sourcemap count UTF-16 code units, as JavaScript strings do.
 */
export function textBySource(code: string, map: SourceMapLike): Map<string, string> {
  const lines = code.split('\n');
  const decoded = decode(map.mappings);
  const out = new Map<string, string[]>();
  let current = UNMAPPED;
  const add = (source: string, text: string) => {
    if (!text) return;
    let list = out.get(source);
    if (!list) out.set(source, (list = []));
    list.push(text);
  };
  const sourceName = (index: number) => {
    const name = map.sources[index];
    return name == null ? UNMAPPED : map.sourceRoot ? `${map.sourceRoot.replace(/\/?$/, '/')}${name}` : name;
  };
  lines.forEach((line, lineIndex) => {
    const segments = [...(decoded[lineIndex] ?? [])].sort((a, b) => a[0] - b[0]);
    let column = 0;
    for (const segment of segments) {
      // Text before a segment continues whatever came before it (e.g. a
      // template literal running over several lines).
      add(current, line.slice(column, segment[0]));
      column = Math.max(column, segment[0]);
      current = segment.length >= 4 ? sourceName(segment[1]!) : UNMAPPED;
    }
    add(current, line.slice(column) + (lineIndex < lines.length - 1 ? '\n' : ''));
  });
  return new Map([...out].map(([source, parts]) => [source, parts.join('')]));
}

/** Which group a source path belongs to: the npm package it is in, or `ours` for the repo's own sources. */
export type Classifier = (source: string) => string;

const LIT_PACKAGES = new Set(['lit', 'lit-html', 'lit-element', '@lit/reactive-element']);

/** The npm package a path is in (the last node_modules segment wins), or null. */
export function packageOf(source: string): string | null {
  const path = source.replace(/\\/g, '/');
  const at = path.lastIndexOf('node_modules/');
  if (at < 0 || (at > 0 && path[at - 1] !== '/')) return null;
  const match = /^((?:@[^/]+\/)?[^/]+)\//.exec(path.slice(at + 'node_modules/'.length));
  return match ? match[1]! : null;
}

export const widgetGroups: Classifier = (source) => {
  if (source === UNMAPPED) return UNMAPPED;
  const pkg = packageOf(source);
  if (pkg === null) return 'ours';
  if (LIT_PACKAGES.has(pkg)) return 'Lit';
  return pkg;
};

export const graphqlRequestGroups: Classifier = (source) => {
  if (source === UNMAPPED) return UNMAPPED;
  const pkg = packageOf(source);
  if (pkg === 'graphql') return 'graphql (graphql-js)';
  return pkg ?? 'entry';
};

export function attribute(code: string, map: SourceMapLike, classify: Classifier, file = ''): Attribution {
  const total = sizesOf(code);
  const grouped = new Map<string, { text: string[]; sources: Array<{ source: string; raw: number }> }>();
  for (const [source, text] of textBySource(code, map)) {
    const group = classify(source);
    let entry = grouped.get(group);
    if (!entry) grouped.set(group, (entry = { text: [], sources: [] }));
    entry.text.push(text);
    entry.sources.push({ source, raw: Buffer.byteLength(text) });
  }
  const alone = [...grouped].map(([group, { text, sources }]) => ({
    group,
    sizes: sizesOf(text.join('')),
    sources: sources.sort((a, b) => b.raw - a.raw),
  }));
  const gzipSum = alone.reduce((sum, g) => sum + g.sizes.gzip, 0);
  const groups = alone
    .map(({ group, sizes, sources }) => ({
      group,
      raw: sizes.raw,
      gzip: gzipSum ? Math.round((total.gzip * sizes.gzip) / gzipSum) : 0,
      sources,
    }))
    .sort((a, b) => b.raw - a.raw);
  return { file, total, groups };
}

/** A built file and its `.map`, attributed. Source paths are made relative to `root`. */
export function attributeFile(file: string, classify: Classifier, root: string): Attribution {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapLike;
  const base = dirname(file);
  const sources = map.sources.map((s) => (s == null ? null : relative(root, resolve(base, map.sourceRoot ?? '', s)).replace(/\\/g, '/')));
  return attribute(code, { mappings: map.mappings, sources }, classify, relative(root, file));
}

/** The ESM entry and every module of ours it imports (Lit stays external: the host's bundler provides it). */
export function esmGraph(entry: string): { files: string[]; total: Sizes } {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/(?:import|export)\s*(?:[^'"]*?\sfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
      visit(resolve(dirname(file), match[1]!));
    }
  };
  visit(entry);
  const files = [...seen];
  // Gzipped one by one, as a bundler-less host (or HTTP) would serve them; a bundler compresses them together smaller.
  const total = files.reduce<Sizes>(
    (sum, file) => {
      const s = sizesOf(readFileSync(file));
      return { raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip };
    },
    { raw: 0, gzip: 0 },
  );
  return { files, total };
}

export interface BundleReport {
  cdn: Attribution;
  /** The chunks the script-tag bundle fetches from next to itself (search UI, actions), by file. */
  chunks: Array<{ file: string; sizes: Sizes }>;
  iife: Sizes;
  esm: { entry: string; entrySizes: Sizes; graph: { files: number; raw: number; gzipEach: number } };
  graphqlRequest: (Attribution & { version: string; graphqlVersion: string }) | { error: string };
}

/**
 * graphql-request as the widget would have used it, bundled by Vite exactly
 * like the script-tag bundle (minified ES library, sourcemap), into a
 * temporary directory.
 */
export async function bundleGraphqlRequest(root: string): Promise<BundleReport['graphqlRequest']> {
  const outDir = mkdtempSync(join(tmpdir(), 'tray-bench-gqlr-'));
  try {
    const { build } = await import('vite');
    await build({
      configFile: false,
      root,
      publicDir: false,
      logLevel: 'silent',
      build: {
        outDir,
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        sourcemap: true,
        lib: { entry: join(root, 'bench/graphql-request-entry.ts'), formats: ['es'], fileName: () => 'graphql-request.js' },
        rolldownOptions: { output: { minify: true } },
      },
    });
    const version = (JSON.parse(readFileSync(join(root, 'node_modules/graphql-request/package.json'), 'utf8')) as { version: string }).version;
    const graphqlVersion = (JSON.parse(readFileSync(join(root, 'node_modules/graphql/package.json'), 'utf8')) as { version: string }).version;
    return { ...attributeFile(join(outDir, 'graphql-request.js'), graphqlRequestGroups, root), file: `graphql-request@${version} (temp build)`, version, graphqlVersion };
  } catch (error) {
    return { error: `could not bundle graphql-request: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function measureBundle(root: string, dist = join(root, 'dist')): Promise<BundleReport> {
  const cdn = attributeFile(join(dist, 'cdn/tray-integrations.js'), widgetGroups, root);
  const iife = sizesOf(readFileSync(join(dist, 'cdn/tray-integrations.iife.js')));
  const chunks = readdirSync(join(dist, 'cdn'))
    .filter((name) => /^tray-integrations-.+\.js$/.test(name))
    .map((name) => ({ file: `dist/cdn/${name}`, sizes: sizesOf(readFileSync(join(dist, 'cdn', name))) }));
  const entry = join(dist, 'index.js');
  const graph = esmGraph(entry);
  return {
    cdn,
    chunks,
    iife,
    esm: {
      entry: relative(root, entry),
      entrySizes: sizesOf(readFileSync(entry)),
      graph: { files: graph.files.length, raw: graph.total.raw, gzipEach: graph.total.gzip },
    },
    graphqlRequest: await bundleGraphqlRequest(root),
  };
}
