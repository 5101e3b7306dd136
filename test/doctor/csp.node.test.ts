/** The doctor's reading of Content-Security-Policy: what a browser would block, from the widget's point of view. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowsConnect, allowsScript, parsePolicies, sandboxMissing, sourceMatches } from '../../src/doctor/csp.ts';

const page = new URL('https://app.example.com/settings');
const one = (header: string) => parsePolicies(header)[0]!;
const url = (href: string) => new URL(href);

test('several policies in one header are each enforced; the first of a repeated directive wins', () => {
  const policies = parsePolicies("script-src 'self'; script-src https://cdn.example.net, connect-src 'none'");
  assert.equal(policies.length, 2);
  assert.deepEqual(policies[0]!.get('script-src'), ["'self'"]);
  assert.deepEqual(policies[1]!.get('connect-src'), ["'none'"]);
  assert.deepEqual(parsePolicies(''), []);
});

test("'self', schemes, hosts, wildcards, ports and paths match as a browser matches them", () => {
  assert.ok(sourceMatches("'self'", url('https://app.example.com/x.js'), page));
  assert.ok(!sourceMatches("'self'", url('https://cdn.example.com/x.js'), page));
  assert.ok(sourceMatches('https:', url('https://cdn.example.net/x.js'), page));
  assert.ok(!sourceMatches('https:', url('http://cdn.example.net/x.js'), page));
  assert.ok(sourceMatches('http:', url('https://cdn.example.net/x.js'), page), 'an insecure scheme allows its upgrade');
  assert.ok(sourceMatches('*.example.net', url('https://cdn.example.net/x.js'), page));
  assert.ok(!sourceMatches('*.example.net', url('https://example.net/x.js'), page), 'a wildcard needs a subdomain');
  assert.ok(sourceMatches('cdn.example.net', url('https://CDN.example.net/x.js'), page));
  assert.ok(!sourceMatches('cdn.example.net', url('http://cdn.example.net/x.js'), page), 'no scheme: the page\'s (https) only');
  assert.ok(!sourceMatches('https://cdn.example.net', url('https://cdn.example.net:8443/x.js'), page));
  assert.ok(sourceMatches('https://cdn.example.net:*', url('https://cdn.example.net:8443/x.js'), page));
  assert.ok(sourceMatches('https://cdn.example.net/lib/', url('https://cdn.example.net/lib/tray.js'), page));
  assert.ok(!sourceMatches('https://cdn.example.net/lib/', url('https://cdn.example.net/other/tray.js'), page));
  assert.ok(!sourceMatches('https://cdn.example.net/lib/a.js', url('https://cdn.example.net/lib/tray.js'), page));
  assert.ok(sourceMatches('*', url('https://anything.example.org/'), page));
  assert.ok(!sourceMatches("'none'", url('https://app.example.com/'), page));
  assert.ok(!sourceMatches("'unsafe-inline'", url('https://app.example.com/'), page));
});

test('scripts fall back from script-src-elem to script-src to default-src; connections from connect-src to default-src', () => {
  const bundle = url('https://cdn.example.net/tray-integrations.js');
  assert.deepEqual(allowsScript(one("default-src 'self'"), bundle, page), { allowed: false, directive: 'default-src' });
  assert.deepEqual(allowsScript(one("default-src 'self'; script-src https://cdn.example.net"), bundle, page), { allowed: true, directive: 'script-src' });
  assert.deepEqual(allowsScript(one("script-src https://cdn.example.net; script-src-elem 'self'"), bundle, page), { allowed: false, directive: 'script-src-elem' });
  assert.deepEqual(allowsScript(one("img-src 'self'"), bundle, page), { allowed: true, directive: null });
  const api = url('https://api.example.com/api/tray/graphql');
  assert.deepEqual(allowsConnect(one("default-src 'self'"), api, page), { allowed: false, directive: 'default-src' });
  assert.deepEqual(allowsConnect(one("default-src 'none'; connect-src 'self' https://api.example.com"), api, page), { allowed: true, directive: 'connect-src' });
});

test("with 'strict-dynamic' only the script tag's nonce lets the widget's script in", () => {
  const policy = one("script-src 'strict-dynamic' 'nonce-abc' https:");
  const bundle = url('https://cdn.example.net/tray-integrations.js');
  assert.equal(allowsScript(policy, bundle, page).allowed, false);
  assert.equal(allowsScript(policy, bundle, page, 'abc').allowed, true);
  assert.equal(allowsScript(policy, bundle, page, 'other').allowed, false);
});

test('a sandbox names what it takes away from the widget; no sandbox takes nothing', () => {
  assert.deepEqual(sandboxMissing(one("default-src 'self'")), []);
  assert.deepEqual(sandboxMissing(one('sandbox allow-scripts allow-same-origin')), ['allow-popups', 'allow-popups-to-escape-sandbox']);
  assert.deepEqual(sandboxMissing(one('sandbox allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox')), []);
});
