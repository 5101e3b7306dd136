// What `npm test` needs from the machine besides npm packages: Debian's
// Chromium (the browser suites and the puppeteer tests; nothing downloads a
// browser), redis-server (the server's shared store; the tests start their
// own on a free port) and the DejaVu Sans font (the visual suite draws its
// pictures in it, so they look the same on every machine). Run first by
// `npm test`: when one is missing it stops at once with the line that
// installs them, rather than failing deep inside a suite. The demo needs
// none of them. The bench asks the same questions.
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const INSTALL_LINE = 'apt-get install -y chromium redis-server fonts-dejavu-core';
/** Where Debian's fonts-dejavu-core puts the font the visual suite draws in. */
export const PICTURE_FONT = process.env.PICTURE_FONT_PATH ?? '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

const runnable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Whether a command of this name is on the PATH. */
export const onPath = (command: string): boolean => (process.env.PATH ?? '').split(delimiter).some((dir) => dir && runnable(join(dir, command)));

/** What is missing, as a reader would name it (empty when nothing is). */
export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (!runnable(CHROMIUM)) missing.push(`Chromium (${CHROMIUM})`);
  if (!onPath('redis-server')) missing.push('redis-server');
  if (!existsSync(PICTURE_FONT)) missing.push(`the DejaVu Sans font (${PICTURE_FONT})`);
  return missing;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const missing = missingPrerequisites();
  if (missing.length > 0) {
    console.error(`The tests need ${missing.join(' and ')}, which this machine does not have. Install what the tests need (as root) with:\n\n  ${INSTALL_LINE}\n`);
    process.exit(1);
  }
}
