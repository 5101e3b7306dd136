/**
 * The script-tag embed, as a host serves it: the plain-HTML page of docs/getting-started.md
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
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { createTrayHandler, toNodeListener } from '../../src/server/index.ts';
import { startEmulator, type RunningEmulator } from '../../emulator/http.ts';
import { STRICT_CSP } from '../../demo/script-tag/policy.ts';
import { ROOT, builtPackage } from './built.ts';
import { connectAndAuthorize, launchChromium, recordPageProblems, waitForCardBadge, waitForCardButton, waitForCardError } from '../../scripts/chromium.ts';

let emulator: RunningEmulator;
let server: Server;
let origin: string;
let browser: Browser;
/** What /partial/ answers for the actions chunk: nothing yet (404), the chunk (the host finished its deploy), or a blank module. */
let partialActions: 'missing' | 'deployed' | 'blank' = 'missing';

before(async () => {
  const pkg = await builtPackage();
  emulator = await startEmulator({});
  const tray = toNodeListener(
    createTrayHandler({
      masterToken: emulator.masterToken,
      endpoint: emulator.graphqlUrl,
      // Signed in unless the host's own session cookie says otherwise.
      getUser: (request) => (request.headers.get('cookie')?.includes('signed-out') ? null : { externalUserId: 'csp-user', name: 'CSP User' }),
      log: () => {},
    }),
  );
  // A backend set up with the wrong master token, as a host might deploy it.
  const misconfigured = toNodeListener(
    createTrayHandler({
      masterToken: 'not-the-master-token',
      endpoint: emulator.graphqlUrl,
      basePath: '/broken/tray',
      getUser: () => ({ externalUserId: 'csp-user', name: 'CSP User' }),
      log: () => {},
    }),
  );
  const page = readFileSync(join(ROOT, 'demo/script-tag/index.html'), 'utf8')
    // The getting-started page with this emulator's values in place of a partner's.
    .replace('embedded-id="YOUR_EMBEDDED_ID"', `embedded-id="${emulator.embeddedId}"`)
    .replace('region="us"', `dialog-origin="${emulator.dialogOrigin}"`);
  const twice = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Twice</title>
<script type="module" src="/assets/tray-integrations.js"></script>
<script type="module" src="/assets/tray-integrations.js?copy=2"></script>
</head><body>
<tray-integrations embedded-id="${emulator.embeddedId}" dialog-origin="${emulator.dialogOrigin}"></tray-integrations>
<script src="/assets/tray-integrations.iife.js"></script></body></html>`;
  // The page whose host copied the bundle but not the actions chunk beside it (a partial deploy).
  const partial = page.replace('/assets/tray-integrations.js', '/partial/tray-integrations.js');
  const broken = page.replace('<tray-integrations ', '<tray-integrations session-endpoint="/broken/tray/session" ');
  // A framework's page: the script runs at start, the element comes later (a settings route).
  const later = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Later</title>
<script type="module" src="/assets/tray-integrations.js"></script>
</head><body></body></html>`;
  const inlineProbe = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Probe</title></head>
<body><script>document.title = 'inline ran'</script></body></html>`;
  const files: Record<string, { type: string; body: string }> = {
    '/': { type: 'text/html', body: page },
    '/twice.html': { type: 'text/html', body: twice },
    '/broken.html': { type: 'text/html', body: broken },
    '/partial.html': { type: 'text/html', body: partial },
    '/inline-probe.html': { type: 'text/html', body: inlineProbe },
    '/later.html': { type: 'text/html', body: later },
    // The bundle, the classic script and the chunks the bundle loads from next
    // to itself (the search UI, the actions, the language and each language's
    // words): the whole dist/cdn folder, as a host deploys it.
    ...Object.fromEntries(
      readdirSync(join(pkg, 'dist/cdn'))
        .filter((file) => file.endsWith('.js'))
        .map((file) => [`/assets/${file}`, { type: 'text/javascript', body: readFileSync(join(pkg, 'dist/cdn', file), 'utf8') }]),
    ),
  };
  files['/partial/tray-integrations.js'] = files['/assets/tray-integrations.js']!;
  files['/partial/tray-integrations-catalog-ui.js'] = files['/assets/tray-integrations-catalog-ui.js']!;
  files['/partial/tray-integrations-lazy-features.js'] = files['/assets/tray-integrations-lazy-features.js']!;
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const partialChunk = path === '/partial/tray-integrations-marketplace-actions.js';
    const file = !partialChunk
      ? files[path]
      : partialActions === 'deployed'
        ? files['/assets/tray-integrations-marketplace-actions.js']
        : partialActions === 'blank'
          ? { type: 'text/javascript', body: '' }
          : undefined;
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
      void misconfigured(req, res, () => {
        res.writeHead(404).end();
      });
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
    const problems = await recordPageProblems(page);
    await page.goto(`${origin}/inline-probe.html`);
    await page.waitForFunction(() => document.readyState === 'complete');
    assert.notEqual(await page.title(), 'inline ran');
    // The report is an event queued after the block; give it a moment to arrive.
    for (let i = 0; i < 50 && problems.violations.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(problems.violations.some((v) => v.startsWith('script-src')), `no violation reported: ${JSON.stringify(problems)}`);
    await page.close();
  });

  test('markup only: the page has the script tag and the element, no script of its own, and runs the whole journey with no violation or error', async () => {
    const page = await browser.newPage();
    const problems = await recordPageProblems(page);
    const chunkRequests: string[] = [];
    page.on('request', (request) => chunkRequests.push(request.url()));
    await page.goto(`${origin}/`);
    assert.deepEqual(
      await page.evaluate(() => [...document.scripts].map((s) => s.getAttribute('src'))),
      ['/assets/tray-integrations.js'],
      'the getting-started page has no script besides the widget',
    );
    // Rendered: the cards with their images (data: URLs from the fixture).
    await waitForCardButton(page, 'Slack alerts', 'connect');
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
    // The search chunk loaded under the policy and its styles apply: the chips
    // show as pills, and the "Filters" button that folds them on a phone is
    // hidden on this wide toolbar (a rule of the chunk's own sheet).
    const chip = await page.waitForFunction(
      () => {
        const root = document.querySelector('tray-integrations')?.shadowRoot;
        const found = root?.querySelector('[part~="search"]') && [...root.querySelectorAll('[part~="chip"]')].find((c) => c.getClientRects().length);
        const toggle = root?.querySelector('[part~="button-filters"]');
        return found && toggle ? { radius: getComputedStyle(found).borderTopLeftRadius, toggle: getComputedStyle(toggle).display } : false;
      },
      { timeout: 15_000 },
    );
    assert.deepEqual(await chip.jsonValue(), { radius: '999px', toggle: 'none' });

    await connectAndAuthorize(page, 'Slack alerts');
    await (await waitForCardButton(page, 'Slack alerts', 'toggle')).click();
    await waitForCardBadge(page, 'Slack alerts', 'Disabled');
    // A page that loads fine fetches each chunk it uses once, at its own URL (a retry's URL has a query).
    const chunks = chunkRequests.filter((url) => /\/tray-integrations-[^/]+\.js/.test(url));
    assert.ok(chunks.length >= 2, `chunks: ${JSON.stringify(chunks)}`);
    assert.deepEqual(chunks, [...new Set(chunks)], 'a chunk was requested twice');
    assert.ok(chunks.every((url) => !url.includes('?')), `chunks: ${JSON.stringify(chunks)}`);

    assert.deepEqual(problems.violations, []);
    assert.deepEqual(problems.errors, []);
    await page.close();
  });

  /** What the widget shows instead of cards, and the tray-error it dispatched. */
  async function stateOf(path: string, cookie?: string) {
    const page = await browser.newPage();
    if (cookie) await page.setCookie({ name: 'session', value: cookie, url: origin });
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('tray-error', (e) => ((window as { seen?: unknown }).seen = { code: (e as Event & { code: string }).code, message: (e as Event & { message: string }).message }));
    });
    await page.goto(`${origin}${path}`);
    const handle = await page.waitForFunction(
      () => {
        const root = document.querySelector('tray-integrations')?.shadowRoot;
        const shown = root?.querySelector('[part~=signed-out], [part~=error]');
        const seen = (window as { seen?: unknown }).seen;
        return shown && seen ? { text: shown.textContent!.trim(), buttons: root!.querySelectorAll('button').length, seen } : null;
      },
      { timeout: 30_000 },
    );
    const state = (await handle.jsonValue()) as { text: string; buttons: number; seen: { code: string; message: string } };
    // The browser keeps cookies across pages: sign back in for the tests that follow.
    if (cookie) await page.deleteCookie({ name: 'session', url: origin });
    await page.close();
    return state;
  }

  test('signed out on the host (getUser returns null): a sign-in message, no Retry, the server\'s words in tray-error', async () => {
    const state = await stateOf('/', 'signed-out');
    assert.equal(state.text, 'Sign in to see and connect your integrations.');
    assert.equal(state.buttons, 0);
    assert.deepEqual(state.seen, { code: 'signed-out', message: 'Sign in first: there is no signed-in user for this request.' });
  });

  test('a backend with the wrong master token: a plain sentence for the person, the server\'s message in tray-error', async () => {
    const state = await stateOf('/broken.html');
    assert.equal(
      state.text,
      'Integrations are not available right now. Try again later, or contact support if it continues.',
    );
    assert.equal(state.seen.code, 'backend');
    assert.match(state.seen.message, /master token/i);
    assert.doesNotMatch(state.text, /HTTP|\d{3}/);
  });

  test('the actions chunk missing beside the bundle: the cards show, a click says so on its card, and works once it is deployed', async () => {
    const title = 'Jira and GitHub issue sync';
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('tray-error', (e) => ((window as { seen?: string }).seen = (e as Event & { code: string }).code));
    });
    // Each URL the page asks for the chunk at, with the answer: a browser may
    // keep a failed import failed (Chromium 150 does), so a retry must ask anew.
    const asked: { url: string; status: number }[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/partial/tray-integrations-marketplace-actions.js') asked.push({ url: response.url(), status: response.status() });
    });
    await page.goto(`${origin}/partial.html`);
    await (await waitForCardButton(page, title, 'connect')).click();
    assert.equal(await waitForCardError(page, title), 'Part of the widget could not be loaded. Check your connection and try again.');
    assert.equal(await page.evaluate(() => (window as { seen?: string }).seen), 'network');
    const failed = new Set(asked.map(({ url }) => url));
    assert.ok(asked.length > 0 && asked.every(({ status }) => status === 404), `asked: ${JSON.stringify(asked)}`);
    partialActions = 'deployed';
    const firstDialog = new Promise<Page | null>((resolve) => page.once('popup', resolve));
    await (await waitForCardButton(page, title, 'connect')).click();
    assert.ok(await firstDialog, 'Connect opened no popup');
    const loaded = asked.filter(({ status }) => status === 200);
    assert.equal(loaded.length, 1, `asked: ${JSON.stringify(asked)}`);
    assert.ok(!failed.has(loaded[0]!.url), `the retry asked for a URL that had failed: ${JSON.stringify(asked)}`);
    assert.match(new URL(loaded[0]!.url).search, /^\?retry=\d+$/);
    // The page goes with the dialog still open: the new integration stays, waiting for its services.
    await page.close();

    // A click that beats the chunk still opens the dialog: the popup opens once
    // the chunk is in, while the click's user activation still holds.
    partialActions = 'missing';
    const later = await browser.newPage();
    await later.goto(`${origin}/partial.html`);
    const authorize = await waitForCardButton(later, title, 'authorize');
    partialActions = 'deployed';
    const popupOpened = new Promise<Page | null>((resolve) => later.once('popup', resolve));
    await authorize.click();
    const popup = await popupOpened;
    assert.ok(popup, 'Authorize opened no popup');
    assert.ok(await popup.waitForSelector('button[type="submit"]', { timeout: 15_000 }), 'the dialog has no Allow button');
    await later.close();

    // Something else in the chunk's place (a server that answers any file with a blank page): the same words, no crash.
    partialActions = 'blank';
    const blank = await browser.newPage();
    await blank.goto(`${origin}/partial.html`);
    await (await waitForCardButton(blank, title, 'delete')).click();
    await (await waitForCardButton(blank, title, 'confirm-delete')).click();
    assert.equal(await waitForCardError(blank, title), 'Part of the widget could not be loaded. Check your connection and try again.');
    await blank.close();
  });

  test('an element mounted after the script ran (a framework route) finds both chunks fetched already, and fetches them no more', async () => {
    const page = await browser.newPage();
    const problems = await recordPageProblems(page);
    const chunkFiles = ['tray-integrations-catalog-ui.js', 'tray-integrations-marketplace-actions.js'];
    const chunkRequests: string[] = [];
    page.on('request', (request) => {
      const file = request.url().split('/').pop()!;
      if (chunkFiles.includes(file)) chunkRequests.push(file);
    });
    const chunks = chunkFiles.map((file) => page.waitForResponse((response) => response.url().endsWith(`/${file}`)));
    await page.goto(`${origin}/later.html`);
    for (const chunk of chunks) assert.equal((await chunk).status(), 200);
    assert.equal(await page.evaluate(() => document.querySelectorAll('tray-integrations').length), 0, 'no element on the page yet');
    await page.evaluate(
      (config) => {
        const el = document.createElement('tray-integrations');
        el.setAttribute('embedded-id', config.embeddedId);
        el.setAttribute('dialog-origin', config.dialogOrigin);
        document.body.append(el);
      },
      { embeddedId: emulator.embeddedId, dialogOrigin: emulator.dialogOrigin },
    );
    // Cards and the search field: the toolbar came from the chunk fetched before the element existed.
    await page.waitForFunction(
      () => {
        const root = document.querySelector('tray-integrations')?.shadowRoot;
        return Boolean(root?.querySelector('[part~="search"]') && root.querySelector('article [data-action="connect"]'));
      },
      { timeout: 15_000 },
    );
    assert.deepEqual(chunkRequests.sort(), chunkFiles, 'each chunk requested once');
    assert.deepEqual(problems.violations, []);
    assert.deepEqual(problems.errors, []);
    await page.close();
  });

  test('loading the bundle twice (two ES module copies and the classic script) throws nothing and the widget works', async () => {
    const page = await browser.newPage();
    const problems = await recordPageProblems(page);
    await page.goto(`${origin}/twice.html`);
    await page.waitForFunction(() => (document.querySelector('tray-integrations')?.shadowRoot?.querySelectorAll('article').length ?? 0) > 0, { timeout: 15_000 });
    assert.equal(await page.evaluate(() => typeof (globalThis as { TrayIntegrations?: { TAG?: string } }).TrayIntegrations?.TAG), 'string');
    assert.deepEqual(problems.violations, []);
    assert.deepEqual(problems.errors, []);
    await page.close();
  });
});
