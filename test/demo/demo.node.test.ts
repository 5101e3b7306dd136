/**
 * `npm run demo` on ephemeral ports: the page, the session endpoint and the
 * widget's script are served, and in Chromium a person's whole journey works
 * on the emulator: connect, authorize in the popup, enabled, run and test
 * (the run is recorded), disable, delete; events are logged; dark mode
 * switches. The command itself stops cleanly on SIGINT.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { startDemo, type Demo } from '../../demo/server.ts';
import { connectAndAuthorize, launchChromium, recordPageProblems, waitForCardBadge, waitForCardButton } from '../../scripts/chromium.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const cacheDir = mkdtempSync(join(tmpdir(), 'tray-demo-vite-'));
let demo: Demo;
let browser: Browser | undefined;

before(async () => {
  demo = await startDemo({ port: 0, quiet: true, hmr: false, cacheDir, env: {} });
});

after(async () => {
  await browser?.close();
  await demo?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('npm run demo, served', () => {
  test('serves the host page with the widget and its script', async () => {
    const response = await fetch(demo.url);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<tray-integrations[^>]*endpoint="\/api\/tray\/graphql"/);
    assert.match(html, /<script type="module" src="\.\/main\.ts">/);
    const script = await fetch(new URL('main.ts', demo.url));
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    assert.match(await script.text(), /src\/define\.ts/);
  });

  test('the backend mounts tray-integrations/server at /api/tray with the demo user signed in', async () => {
    const session = await fetch(new URL('/api/tray/session', demo.url), { method: 'POST' });
    assert.equal(session.status, 200);
    const body = (await session.json()) as { token?: unknown; expiresAt?: unknown };
    assert.equal(typeof body.token, 'string');
    assert.ok((body.token as string).length > 0);
    const code = await fetch(new URL('/api/tray/auth-code', demo.url), { method: 'POST' });
    assert.equal(code.status, 200);
    assert.equal(typeof ((await code.json()) as { code?: unknown }).code, 'string');
    const config = (await (await fetch(new URL('/demo/config', demo.url))).json()) as Record<string, unknown>;
    assert.equal(config.mode, 'emulator');
    assert.equal(config.dialogOrigin, demo.dialogOrigin);
    // What the page learns is not secret: no token of any kind.
    assert.deepEqual(Object.keys(config).sort(), ['dialogOrigin', 'embeddedId', 'mode', 'region', 'user']);
  });

  test('Run and test refuses an instance the demo user does not have', async () => {
    const response = await fetch(new URL('/demo/run', demo.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instanceId: 'not-an-instance' }),
    });
    assert.equal(response.status, 404);
  });

  test('Run and test refuses a cross-site request, as a form post or fetch from another site would send it, before running anything', async () => {
    const run = (headers: Record<string, string>) =>
      fetch(new URL('/demo/run', demo.url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: 'instanceId=not-an-instance' });
    const crossSite: Record<string, string>[] = [{ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, { 'sec-fetch-site': 'same-site', origin: 'http://sub.localhost' }, { origin: 'https://evil.example' }];
    for (const headers of crossSite) {
      const refused = await run(headers);
      assert.equal(refused.status, 403, JSON.stringify(headers));
      assert.equal(((await refused.json()) as { code: string }).code, 'cross-site');
    }
    // The demo page's own request still reaches the run (and is told the instance is unknown).
    const own = await fetch(new URL('/demo/run', demo.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', origin: new URL(demo.url).origin },
      body: JSON.stringify({ instanceId: 'not-an-instance' }),
    });
    assert.equal(own.status, 404);
  });
});

describe('npm run demo, in Chromium', () => {
  let page: Page;
  let problems: Awaited<ReturnType<typeof recordPageProblems>>;
  const text = (selector: string) => page.$eval(selector, (el) => el.textContent ?? '');

  test('a person connects, authorizes, runs, disables and deletes an integration', async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    problems = await recordPageProblems(page);
    await page.goto(demo.url);

    await connectAndAuthorize(page, 'Slack alerts');
    // The event log shows what the widget dispatched, in order of arrival.
    await page.waitForFunction(() => document.querySelector('#event-log')?.textContent?.includes('tray-enable'));
    const log = await text('#event-log');
    for (const name of ['tray-load', 'tray-connect', 'tray-authorize', 'tray-enable']) assert.ok(log.includes(name), `${name} is not in the log`);

    // Run and test: the enabled integration is listed; running it records a run.
    const run = await page.waitForFunction(() => {
      const item = [...document.querySelectorAll('#runnable li')].find((li) => li.textContent?.includes('Slack alerts'));
      return item?.querySelector('button') ?? null;
    });
    await (run as unknown as { click(): Promise<void> }).click();
    await page.waitForFunction(() => document.querySelector('#run-result')?.textContent?.includes('Runs recorded by the emulator (1)'));
    assert.match(await text('#run-result'), /trigger answered HTTP 200/);

    await (await waitForCardButton(page, 'Slack alerts', 'toggle')).click();
    await waitForCardBadge(page, 'Slack alerts', 'Disabled');
    await page.waitForFunction(() => ![...document.querySelectorAll('#runnable li')].some((li) => li.textContent?.includes('Slack alerts')));

    await (await waitForCardButton(page, 'Slack alerts', 'delete')).click();
    await (await waitForCardButton(page, 'Slack alerts', 'confirm-delete')).click();
    await waitForCardBadge(page, 'Slack alerts', 'Not connected');
    await page.waitForFunction(() => document.querySelector('#event-log')?.textContent?.includes('"phase":"deleted"'));

    assert.deepEqual(problems.errors, []);
  });

  test('Weekly report is set up in the wizard (the demo validateConfig speaks); the digest connects with the host settings', async () => {
    const inPopup = (popup: Page, name: string) => popup.locator(`::-p-aria([name=${JSON.stringify(name)}][role="button"])`).click();
    const popupOpened = new Promise<Page | null>((resolve) => page.once('popup', resolve));
    // The host's resolveConfig leaves Weekly report to the user: its card says Set up, and one click opens the wizard.
    await (await waitForCardButton(page, 'Weekly report to Google Sheets', 'setup')).click();
    const wizard = await popupOpened;
    if (!wizard) throw new Error('Set up opened no popup.');
    await inPopup(wizard, 'Allow Google account');
    await wizard.waitForFunction(() => document.body.innerText.includes('connected as'));
    await wizard.locator('::-p-aria([name="Spreadsheet name"])').fill(' ');
    await inPopup(wizard, 'Finish');
    await wizard.waitForFunction(() => document.body.innerText.includes('This setting cannot be blank.'));
    await wizard.locator('::-p-aria([name="Spreadsheet name"])').fill('Acme orders');
    await inPopup(wizard, 'Finish');
    await waitForCardBadge(page, 'Weekly report to Google Sheets', 'Enabled');
    assert.match(await text('#event-log'), /"phase":"finished"/);

    // The digest's settings come from the host: one click on Connect opens its authorization; it stays off (disableautoenable).
    const dialogOpened = new Promise<Page | null>((resolve) => page.once('popup', resolve));
    await (await waitForCardButton(page, 'Daily orders digest to Slack', 'connect')).click();
    const dialog = await dialogOpened;
    if (!dialog) throw new Error('Connect opened no popup.');
    await inPopup(dialog, 'Allow');
    await waitForCardButton(page, 'Daily orders digest to Slack', 'toggle');
    await waitForCardBadge(page, 'Daily orders digest to Slack', 'Disabled');
    assert.deepEqual(problems.errors, []);
  });

  test('the accounts view: after Slack alerts connects it lists the Slack and Stripe accounts with their integrations; Slack is removed once Slack alerts is deleted', async () => {
    type Item = { key: string; title: string; uses: string[]; refusal: string | null };
    const accounts = () =>
      page.evaluate(() =>
        [...(document.querySelector('tray-integrations')?.shadowRoot?.querySelectorAll<HTMLElement>('[part~=account]') ?? [])].map((li) => ({
          key: li.dataset.key ?? '',
          title: li.querySelector('h3')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
          uses: [...li.querySelectorAll('[part~=account-use]')].map((u) => u.textContent?.trim() ?? ''),
          refusal: li.querySelector('[part~=account-in-use]')?.textContent?.trim() ?? null,
        })),
      ) as Promise<Item[]>;
    const press = async (selector: string) => {
      const handle = await page.waitForFunction((s: string) => document.querySelector('tray-integrations')?.shadowRoot?.querySelector(s), { timeout: 15_000 }, selector);
      await (handle as unknown as { click(): Promise<void> }).click();
    };
    const untilAccounts = async (check: (items: Item[]) => boolean, what: string) => {
      for (let i = 0; i < 300; i++) {
        const items = await accounts();
        if (check(items)) return items;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`the accounts view never showed ${what}: ${JSON.stringify(await accounts())}`);
    };

    await page.select('#language', '');
    await connectAndAuthorize(page, 'Slack alerts');
    await press('[part~=button-accounts]');
    // The Slack account the dialog just created (listed once the view re-read the accounts) and the demo's Stripe one.
    const listed = await untilAccounts((items) => items.some((a) => a.uses.includes('Slack alerts')), 'the new Slack account');
    const slack = listed.find((a) => a.uses.includes('Slack alerts'))!;
    assert.match(slack.title, /^Slack: /);
    assert.deepEqual(slack.uses, ['Slack alerts']);
    assert.deepEqual(listed.find((a) => a.title === 'Stripe: Demo Stripe account')?.uses, ['Stripe payments to QuickBooks']);

    // Refused while Slack alerts uses it.
    await press(`[data-key="${slack.key}"] [part~=button-remove-account]`);
    const refused = await untilAccounts((items) => !!items.find((a) => a.key === slack.key)?.refusal, 'the refusal');
    assert.match(refused.find((a) => a.key === slack.key)!.refusal!, /^Still used by Slack alerts\./);

    // Delete Slack alerts in the catalogue; then Remove works.
    await press('[part~=button-catalog]');
    await (await waitForCardButton(page, 'Slack alerts', 'delete')).click();
    await (await waitForCardButton(page, 'Slack alerts', 'confirm-delete')).click();
    await waitForCardBadge(page, 'Slack alerts', 'Not connected');
    await press('[part~=button-accounts]');
    await untilAccounts((items) => items.find((a) => a.key === slack.key)?.uses.length === 0, 'the Slack account unused');
    await press(`[data-key="${slack.key}"] [part~=button-remove-account]`);
    await press(`[data-key="${slack.key}"] [part~=button-confirm-remove-account]`);
    await untilAccounts((items) => items.length > 0 && !items.some((a) => a.key === slack.key), 'the Slack account gone');
    await page.waitForFunction(() => document.querySelector('#event-log')?.textContent?.includes('tray-account-remove'));
    // Tray no longer has it: the list, read again from Tray as the view opens, leaves it out.
    await press('[part~=button-catalog]');
    await press('[part~=button-accounts]');
    const reread = await untilAccounts((items) => items.some((a) => a.title === 'Stripe: Demo Stripe account'), 'the list read again');
    assert.ok(!reread.some((a) => a.key === slack.key));
    await press('[part~=button-catalog]');
    assert.deepEqual(problems.errors, []);
  });

  test('the language switch shows the cards in German and Japanese, and back in English', async () => {
    const connectButtons = () =>
      page.evaluate(() => [...(document.querySelector('tray-integrations')?.shadowRoot?.querySelectorAll('[part~=button-connect]') ?? [])].map((b) => b.textContent?.trim()));
    for (const [value, connect] of [['de', 'Verbinden'], ['ja', '接続'], ['', 'Connect']] as const) {
      await page.select('#language', value);
      await page.waitForFunction(
        (word: string) => document.querySelector('tray-integrations')?.shadowRoot?.querySelector('[part~=button-connect]')?.textContent?.trim() === word,
        {},
        connect,
      );
      assert.ok((await connectButtons()).every((name) => name === connect), `every Connect reads ${connect}`);
    }
  });

  test('the light/dark switch re-themes the page and the widget', async () => {
    const colors = () =>
      page.evaluate(() => {
        const card = document.querySelector('tray-integrations')?.shadowRoot?.querySelector('article');
        return { page: getComputedStyle(document.body).backgroundColor, card: card ? getComputedStyle(card).backgroundColor : null };
      });
    await page.evaluate(() => {
      const box = document.querySelector<HTMLInputElement>('#dark-mode')!;
      if (box.checked) box.click();
    });
    const light = await colors();
    await page.click('#dark-mode');
    const dark = await colors();
    assert.notEqual(dark.page, light.page);
    assert.notEqual(dark.card, light.card);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  });
});

describe('npm run demo, the command', () => {
  test('refuses a partial real-Tray configuration and names what is missing', async () => {
    await assert.rejects(
      startDemo({ port: 0, quiet: true, hmr: false, cacheDir, env: { TRAY_MASTER_TOKEN: 'x' } }),
      /also set TRAY_REGION and TRAY_EMBEDDED_ID/,
    );
  });

  test('starts on --port 0, prints the page URL, and exits 0 on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, TRAY_MASTER_TOKEN: '', TRAY_REGION: '', TRAY_EMBEDDED_ID: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /page:\s+(http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`the demo exited (${code}) before serving:\n${output}`)));
    });
    assert.equal((await fetch(url)).status, 200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
    // Stopped means stopped: the port no longer answers.
    await assert.rejects(fetch(url));
  });
});
