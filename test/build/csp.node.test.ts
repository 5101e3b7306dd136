/**
 * The script-tag embed, as a host serves it: the README's plain-HTML page
 * (demo/script-tag/) with the built dist/cdn/tray-integrations.js, under a
 * strict Content-Security-Policy (no unsafe-inline, no unsafe-eval) and
 * COOP same-origin-allow-popups, against the emulator over real HTTP. The
 * widget must render, connect, authorize in the popup and enable, with no
 * CSP violation and no error. Also: the bundle loaded twice does not throw.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { createTrayHandler, toNodeListener } from '../../src/server/index.ts';
import { startEmulator, type RunningEmulator } from '../../emulator/http.ts';
import { STRICT_CSP } from '../../demo/script-tag/policy.ts';
import { ROOT, builtPackage } from './built.ts';
import { cardButton, connectAndAuthorize, launchChromium, waitForBadge } from '../../scripts/chromium.ts';
import { watchPage } from './chromium.ts';

let emulator: RunningEmulator;
let server: Server;
let origin: string;
let browser: Browser;

before(async () => {
  const pkg = await builtPackage();
  emulator = await startEmulator({});
  const tray = toNodeListener(
    createTrayHandler({
      masterToken: emulator.masterToken,
      endpoint: emulator.graphqlUrl,
      getUser: () => ({ externalUserId: 'csp-user', name: 'CSP User' }),
      log: () => {},
    }),
  );
  const page = readFileSync(join(ROOT, 'demo/script-tag/index.html'), 'utf8')
    // The README's page with this emulator's values in place of a partner's.
    .replace('embedded-id="YOUR_EMBEDDED_ID"', `embedded-id="${emulator.embeddedId}"`)
    .replace('region="us"', `dialog-origin="${emulator.dialogOrigin}"`);
  const twice = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Twice</title>
<script type="module" src="/assets/tray-integrations.js"></script>
<script type="module" src="/assets/tray-integrations.js?copy=2"></script>
</head><body>
<tray-integrations embedded-id="${emulator.embeddedId}" dialog-origin="${emulator.dialogOrigin}"></tray-integrations>
<script src="/assets/integrations.js"></script>
<script src="/assets/tray-integrations.iife.js"></script></body></html>`;
  const inlineProbe = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Probe</title></head>
<body><script>document.title = 'inline ran'</script></body></html>`;
  const files: Record<string, { type: string; body: string }> = {
    '/': { type: 'text/html', body: page },
    '/twice.html': { type: 'text/html', body: twice },
    '/inline-probe.html': { type: 'text/html', body: inlineProbe },
    '/assets/tray-integrations.js': { type: 'text/javascript', body: readFileSync(join(pkg, 'dist/cdn/tray-integrations.js'), 'utf8') },
    '/assets/tray-integrations.iife.js': { type: 'text/javascript', body: readFileSync(join(pkg, 'dist/cdn/tray-integrations.iife.js'), 'utf8') },
    '/assets/integrations.js': { type: 'text/javascript', body: readFileSync(join(ROOT, 'demo/script-tag/integrations.js'), 'utf8') },
  };
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = files[path];
    if (file) {
      res.writeHead(200, {
        'content-type': `${file.type}; charset=utf-8`,
        'content-security-policy': STRICT_CSP,
        'cross-origin-opener-policy': 'same-origin-allow-popups',
      });
      res.end(file.body);
      return;
    }
    void tray(req, res, () => {
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await emulator?.close();
});

describe('the script-tag embed under a strict CSP', () => {
  test('the policy is enforced: an inline script is blocked and reported (the detector works)', async () => {
    const page = await browser.newPage();
    const problems = await watchPage(page);
    await page.goto(`${origin}/inline-probe.html`);
    await page.waitForFunction(() => document.readyState === 'complete');
    assert.notEqual(await page.title(), 'inline ran');
    // The report is an event queued after the block; give it a moment to arrive.
    for (let i = 0; i < 50 && problems.violations.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(problems.violations.some((v) => v.startsWith('script-src')), `no violation reported: ${JSON.stringify(problems)}`);
    await page.close();
  });

  test('the widget renders, connects, authorizes in the popup and enables, with no violation or error', async () => {
    const page = await browser.newPage();
    const problems = await watchPage(page);
    await page.goto(`${origin}/`);
    // Rendered: the cards with their images (data: URLs from the fixture).
    await cardButton(page, 'Slack alerts', 'connect');
    const images = await page.evaluate(() =>
      [...(document.querySelector('tray-integrations')?.shadowRoot?.querySelectorAll('img') ?? [])].map((img) => img.complete && img.naturalWidth > 0),
    );
    assert.ok(images.length > 0 && images.every(Boolean), 'solution images did not load');
    // Styled: the shadow root's adopted stylesheet applies (CSP does not govern it).
    const display = await page.evaluate(() => {
      const list = document.querySelector('tray-integrations')?.shadowRoot?.querySelector('[part~="list"]');
      return list ? getComputedStyle(list).display : null;
    });
    assert.equal(display, 'grid');

    await connectAndAuthorize(page, 'Slack alerts');
    await (await cardButton(page, 'Slack alerts', 'toggle')).click();
    await waitForBadge(page, 'Slack alerts', 'Disabled');

    assert.deepEqual(problems.violations, []);
    assert.deepEqual(problems.errors, []);
    await page.close();
  });

  test('loading the bundle twice (two ES module copies and the classic script) throws nothing and the widget works', async () => {
    const page = await browser.newPage();
    const problems = await watchPage(page);
    await page.goto(`${origin}/twice.html`);
    await page.waitForFunction(() => (document.querySelector('tray-integrations')?.shadowRoot?.querySelectorAll('article').length ?? 0) > 0, { timeout: 15_000 });
    assert.equal(await page.evaluate(() => typeof (globalThis as { TrayIntegrations?: { TAG?: string } }).TrayIntegrations?.TAG), 'string');
    assert.deepEqual(problems.violations, []);
    assert.deepEqual(problems.errors, []);
    await page.close();
  });
});
