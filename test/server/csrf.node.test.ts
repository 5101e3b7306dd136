// /session and /auth-code act on the host's session cookie, so a page on
// another origin must not be able to call them with the user's cookie. The
// headers are the ones browsers send (and pages cannot forge).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTrayHandler } from '../../src/server/index.ts';
import { DOCUMENTS } from '../../src/services/documents.ts';
import { MASTER_TOKEN, rawPost, startStack, type Stack } from './support.ts';

let stack: Stack;
before(async () => {
  stack = await startStack({ allowedOrigins: ['https://app.example.com'] });
});
after(() => stack.close());

const user = { 'x-test-user': 'csrf-victim' };

describe('cross-site requests to /session and /auth-code', () => {
  for (const path of ['/session', '/auth-code']) {
    test(`${path}: Sec-Fetch-Site cross-site is refused with 403 before Tray is called`, async () => {
      const before = stack.calls.length;
      const answer = await rawPost(stack.origin, `/api/tray${path}`, { ...user, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
      assert.equal(answer.status, 403);
      assert.equal(answer.json.error.code, 'cross-site-refused');
      assert.match(answer.json.error.message, /https:\/\/evil\.example.*allowedOrigins/);
      assert.equal(stack.calls.length, before, 'nothing reached Tray');
    });

    test(`${path}: a same-site page that is not an allowed origin is refused`, async () => {
      const answer = await rawPost(stack.origin, `/api/tray${path}`, { ...user, origin: 'http://blog.127.0.0.1.nip.io', 'sec-fetch-site': 'same-site' });
      assert.equal(answer.status, 403);
    });

    test(`${path}: an Origin of another host is refused when the browser sends no Sec-Fetch-Site`, async () => {
      const answer = await rawPost(stack.origin, `/api/tray${path}`, { ...user, origin: 'http://localhost:1' });
      assert.equal(answer.status, 403);
    });
  }

  test('the backend\'s own pages are served: Sec-Fetch-Site same-origin, or an Origin with its own host', async () => {
    const sameOrigin = await rawPost(stack.origin, '/api/tray/session', { ...user, origin: stack.origin, 'sec-fetch-site': 'same-origin' });
    assert.equal(sameOrigin.status, 200);
    assert.equal(typeof sameOrigin.json.token, 'string');
    const originOnly = await rawPost(stack.origin, '/api/tray/auth-code', { ...user, origin: stack.origin });
    assert.equal(originOnly.status, 200);
    assert.equal(typeof originOnly.json.code, 'string');
  });

  test('an origin listed in allowedOrigins is served even from another site', async () => {
    const answer = await rawPost(stack.origin, '/api/tray/auth-code', { ...user, origin: 'https://app.example.com', 'sec-fetch-site': 'cross-site' });
    assert.equal(answer.status, 200);
  });

  test('a request with neither header (a server, curl) is no browser\'s cross-site request: served', async () => {
    const answer = await rawPost(stack.origin, '/api/tray/session', user);
    assert.equal(answer.status, 200);
  });

  test('the GraphQL proxy needs the user token in a header, which another site cannot send: not refused by origin', async () => {
    const { token } = (await rawPost(stack.origin, '/api/tray/session', user)).json as { token: string };
    const answer = await rawPost(
      stack.origin,
      '/api/tray/graphql',
      { ...user, origin: 'https://app.example.com', 'sec-fetch-site': 'cross-site', authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      JSON.stringify({ query: DOCUMENTS.Marketplace, variables: { first: 1, withSolutions: true, withInstances: false, withAuthentications: false } }),
    );
    assert.equal(answer.status, 200);
  });
});

describe('allowedOrigins', () => {
  const make = (allowedOrigins: unknown) => () =>
    createTrayHandler({ masterToken: MASTER_TOKEN, getUser: () => null, allowedOrigins: allowedOrigins as string[] });

  test('an entry that is more than an origin is a configuration error saying what to pass', () => {
    assert.throws(make(['https://app.example.com/path']), /allowedOrigins entry "https:\/\/app\.example\.com\/path" must be an origin only.*https:\/\/app\.example\.com/);
  });

  test('an entry that is not a URL is a configuration error', () => {
    assert.throws(make(['app.example.com']), /allowedOrigins entry "app\.example\.com" is not an absolute URL/);
  });

  test('not an array is a configuration error', () => {
    assert.throws(make('https://app.example.com'), /allowedOrigins must be an array/);
  });
});
