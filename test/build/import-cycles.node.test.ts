/**
 * The source imports in no circle, and the check would see one: on a small
 * tree written here it names the files of a circle (type-only and lazy
 * imports included) and passes over a file named only in a comment.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findImportCycles } from '../../scripts/import-cycles.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

test('src and emulator import in no circle (npx tsx scripts/import-cycles.ts exits 0)', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import-cycles.ts'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});

test('the check names every circle of a small tree: a plain one, one through import type and import(), none through a comment', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'import-cycles-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('a.ts', "import { b } from './b.js';\nexport const a = () => b;\n");
  write('b.ts', "import { c } from './nested/c.ts';\nexport const b = c;\n");
  write('nested/c.ts', "export { a } from '../a.ts';\nexport const c = 1;\n");
  write('state.ts', "import type { Actions } from './actions.ts';\nexport let actions: Actions | undefined;\n");
  write('actions.ts', "export type Actions = unknown;\nexport const load = () => import('./state.ts');\n");
  write('leaf.ts', "/** Loaded by import('./commented.ts'), see a.ts */\n// import './commented.ts';\nexport const leaf = 1;\n");
  write('commented.ts', "import { leaf } from './leaf.ts';\nexport const value = leaf;\n");

  const cycles = findImportCycles([dir]).map((cycle) => cycle.map((file) => file.slice(dir.length + 1)));
  const byStart = (cycle: string[]) => cycle.slice(0, -1).sort().join(' ');
  assert.deepEqual(cycles.map(byStart).sort(), ['a.ts b.ts nested/c.ts', 'actions.ts state.ts']);
  for (const cycle of cycles) assert.equal(cycle[0], cycle.at(-1), `a circle is named as a closed path: ${cycle.join(' → ')}`);

  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/import-cycles.ts'), dir], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 1);
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 2, run.stderr);
  assert.ok(lines.every((line) => line.startsWith('import circle: ')), run.stderr);
  assert.match(run.stderr, /b\.ts → \S*nested\/c\.ts → \S*a\.ts/);
  assert.match(run.stderr, /state\.ts → \S*actions\.ts|actions\.ts → \S*state\.ts/);
  assert.doesNotMatch(run.stderr, /commented|leaf/);
});
