/**
 * `npx tsx scripts/docs-screenshot.ts`: retakes docs/demo.png, the README's
 * screenshot: the demo on the emulator after connecting, authorizing and
 * running one integration, at 1200×900 in headless Chromium.
 */
import { join, resolve } from 'node:path';
import { startDemo } from '../demo/server.ts';
import { cardButton, connectAndAuthorize, launchChromium } from './chromium.ts';

const root = resolve(import.meta.dirname, '..');
const demo = await startDemo({ port: 0, quiet: true, hmr: false, env: {} });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  await page.goto(demo.url);
  await cardButton(page, 'Slack alerts', 'connect');
  await connectAndAuthorize(page, 'Slack alerts');
  const run = await page.waitForFunction(() =>
    [...document.querySelectorAll('#runnable li')].find((li) => li.textContent?.includes('Slack alerts'))?.querySelector('button'),
  );
  await (run as unknown as { click(): Promise<void> }).click();
  await page.waitForFunction(() => document.querySelector('#run-result')?.textContent?.includes('Runs recorded'));
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: join(root, 'docs', 'demo.png') });
} finally {
  await browser.close();
  await demo.close();
}
