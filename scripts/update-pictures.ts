/**
 * `npm run pictures:update`: runs the visual suite (test/visual) storing what
 * it sees as the new pictures, in test/visual/pictures/ and, for the whole
 * widget the README shows, docs/pictures/. Only files whose bytes changed are
 * rewritten, so `git status` lists exactly the pictures to look at.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const run = spawnSync('npm', ['run', 'test:visual'], { cwd: root, stdio: 'inherit', env: { ...process.env, TRAY_UPDATE_PICTURES: '1' } });
process.exit(run.status ?? 1);
