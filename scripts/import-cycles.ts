/**
 * Fails when the source imports in a circle. A circle makes two files one
 * unit that can only be read, tested and split together, and at run time
 * one of them sees the other half-loaded. Every relative import counts,
 * `import type` and `import()` too: a type-only circle is still a seam that
 * runs both ways.
 *
 *   npx tsx scripts/import-cycles.ts [folder …]   (default: src emulator)
 *
 * Prints each circle as `a.ts → b.ts → a.ts` and exits 1 when there is one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = /\.(ts|mts|js|mjs)$/;
/** `from '…'`, a bare `import '…'` and `import('…')`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
/** Comments name files too (`see import('./x.ts')`); they are no import. */
const COMMENT = /\/\*[\s\S]*?\*\/|(^|[^:'"`\\])\/\/.*$/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file a relative specifier names: TypeScript sources are imported as `.js`. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, base.replace(/\.m?js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile());
}

export function importGraph(roots: string[]): Map<string, string[]> {
  const files = roots.flatMap((root) => sourceFiles(resolve(root)));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8').replace(COMMENT, '$1');
    const targets = [...text.matchAll(SPECIFIER)]
      .map((match) => resolveImport(file, match[1]!))
      .filter((target): target is string => target !== undefined && SOURCE.test(target));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** One circle per strongly connected group of files (Tarjan), each as a closed path. */
export function findImportCycles(roots: string[]): string[][] {
  const graph = importGraph(roots);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;

  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const group = new Set<string>();
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.add(member);
    } while (member !== file);
    const selfImport = graph.get(file)!.includes(file);
    if (group.size > 1 || selfImport) cycles.push(pathWithin(graph, group, file));
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

/** A shortest way from `start` back to itself inside one group, to name in the message. */
function pathWithin(graph: Map<string, string[]>, group: Set<string>, start: string): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const file = queue.shift()!;
    for (const target of graph.get(file) ?? []) {
      if (!group.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let at = file; at !== start; at = cameFrom.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, file);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(import.meta.dirname, '..');
  const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['src', 'emulator'].map((dir) => join(root, dir));
  const cycles = findImportCycles(roots);
  for (const cycle of cycles) {
    console.error(`import circle: ${cycle.map((file) => relative(process.cwd(), file)).join(' → ')}`);
  }
  if (cycles.length) process.exit(1);
  console.log(`no import circles in ${roots.map((dir) => relative(process.cwd(), dir) || '.').join(', ')}`);
}
