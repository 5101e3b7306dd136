// Runs every Node-side suite (*.node.test.ts) with Node's own test runner.
// Node 20's --test cannot glob, so the files are listed here.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];
const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.node.test.ts')) files.push(path);
  }
};
for (const root of roots) {
  if (root.endsWith('.ts')) files.push(root);
  else walk(root);
}
if (files.length === 0) {
  console.error('no *.node.test.ts files found under', roots.join(', '));
  process.exit(1);
}
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files.sort()], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
