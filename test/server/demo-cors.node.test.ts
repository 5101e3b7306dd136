// The demo is what hosts copy: its /api/tray must answer no other page's
// CORS request (Vite's dev server would, for any localhost origin), and its
// handler refuses another site's /session as any host's would.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo, type Demo } from '../../demo/server.ts';
import { rawPost } from './support.ts';

let demo: Demo;
let cacheDir: string;
before(async () => {
  cacheDir = mkdtempSync(join(tmpdir(), 'demo-cors-'));
  demo = await startDemo({ port: 0, quiet: true, hmr: false, cacheDir, env: {} });
});
after(async () => {
  await demo.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

test('another localhost page gets no CORS grant for /api/tray, and its /session is refused', async () => {
  const other = 'http://localhost:1';
  const preflight = await fetch(new URL('/api/tray/session', demo.url), {
    method: 'OPTIONS',
    headers: { origin: other, 'access-control-request-method': 'POST' },
  });
  assert.equal(preflight.headers.get('access-control-allow-origin'), null);

  const session = await rawPost(demo.url, '/api/tray/session', { origin: other, 'sec-fetch-site': 'same-site' });
  assert.equal(session.headers['access-control-allow-origin'], undefined);
  assert.equal(session.status, 403);
  assert.equal(session.json.error.code, 'cross-site-refused');

  // The demo's own page still gets its session.
  const own = await rawPost(demo.url, '/api/tray/session', { origin: new URL(demo.url).origin, 'sec-fetch-site': 'same-origin' });
  assert.equal(own.status, 200);
});
