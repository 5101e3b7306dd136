/**
 * The demo in two tabs of one browser, as a person opens it twice: the
 * catalogue and the Slack row (`solution-id`, `layout="compact"`) in each.
 * A connection made in one tab's catalogue shows in the other tab's
 * catalogue and row without a reload, and a delete made in the other tab's
 * row shows back in the first. Real Chromium, the demo's own server and
 * emulator, the views' BroadcastChannel between real pages.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { startDemo, type Demo } from '../../demo/server.ts';
import { connectAndAuthorize, launchChromium, recordPageProblems, waitForCardBadge, waitForCardButton } from '../../scripts/chromium.ts';

const ROW = '#row tray-integrations';
const SLACK = 'Slack alerts';
const cacheDir = mkdtempSync(join(tmpdir(), 'tray-demo-tabs-vite-'));
let demo: Demo;
let browser: Browser;

before(async () => {
  demo = await startDemo({ port: 0, quiet: true, hmr: false, cacheDir, env: {} });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close(); 
  await demo?.close(); 
  rmSync(cacheDir, { recursive: true, force: true });
});

/** A tab on the demo with both views loaded, marked so a reload would show. */
async function openTab(): Promise<{ page: Page; problems: Awaited<ReturnType<typeof recordPageProblems>> }> {
  const page = await browser.newPage();
  const problems = await recordPageProblems(page);
  await page.goto(demo.url); 
  await waitForCardButton(page, SLACK, 'connect'); 
  await waitForCardButton(page, SLACK, 'connect', 30_000, ROW); 
  await page.evaluate(() => ((window as { notReloaded?: boolean }).notReloaded = true)); 
  return { page, problems };
}

const notReloaded = (page: Page) => page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded === true);

test('two tabs: a connection made in one tab’s catalogue shows in the other’s catalogue and Slack row, and a delete in that row shows back, with no reload', async () => {
  const first = await openTab();
  const second = await openTab();

  // A person acts in the tab in front (a tab behind draws no frames, so a click there would wait for one).
  await first.page.bringToFront();
  await connectAndAuthorize(first.page, SLACK); 
  await waitForCardBadge(first.page, SLACK, 'Enabled', 30_000, ROW); 
  await waitForCardBadge(second.page, SLACK, 'Enabled'); 
  await waitForCardBadge(second.page, SLACK, 'Enabled', 30_000, ROW); 

  await second.page.bringToFront();
  await (await waitForCardButton(second.page, SLACK, 'delete', 30_000, ROW)).click(); 
  await (await waitForCardButton(second.page, SLACK, 'confirm-delete', 30_000, ROW)).click(); 
  await waitForCardBadge(second.page, SLACK, 'Not connected', 30_000, ROW); 
  await waitForCardBadge(first.page, SLACK, 'Not connected'); 
  await waitForCardBadge(first.page, SLACK, 'Not connected', 30_000, ROW); 

  assert.ok(await notReloaded(first.page), 'the first tab was not reloaded');
  assert.ok(await notReloaded(second.page), 'the second tab was not reloaded');
  // Each tab's events stay in that tab's log: the delete was made in the second tab only.
  const logged = (page: Page) => page.$eval('#event-log', (log) => log.textContent ?? '');
  assert.match(await logged(second.page), /"phase":"deleted"/);
  assert.doesNotMatch(await logged(first.page), /"phase":"deleted"/);
  assert.match(await logged(first.page), /tray-authorize/);
  assert.doesNotMatch(await logged(second.page), /tray-authorize/);
  assert.deepEqual(first.problems.errors, []);
  assert.deepEqual(second.problems.errors, []);
});
