/**
 * The README a newcomer reads first: it opens with the two commands, its
 * generated parts (reference from custom-elements.json, snippets of files the
 * tests run, the CSP) match their sources, and its relative links resolve.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { renderReadme } from '../../scripts/docs.ts';
import { INSTALL_LINE } from '../../scripts/prerequisites.ts';
import { ROOT } from './built.ts';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

test('the README opens with exactly the two commands: npm ci && npm run demo, and npm test', () => {
  const fence = readme.match(/^# [^\n]+\n\n```sh\n([\s\S]*?)\n```/);
  assert.ok(fence, 'the README does not open with a title and a sh block');
  const commands = fence[1]!.split('\n').map((line) => line.replace(/#.*$/, '').trim());
  assert.deepEqual(commands, ['npm ci && npm run demo', 'npm test']);
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
  assert.match(scripts.demo, /demo\/server\.ts/);
});

test('the README names what the tests need, with the line that installs it, and npm test checks for it first', () => {
  const line = readme.split('\n').find((l) => l.startsWith('Prerequisites:'));
  assert.ok(line, 'the README has no "Prerequisites:" line under npm test');
  assert.ok(line.includes(`\`${INSTALL_LINE}\``), `the prerequisites line does not give \`${INSTALL_LINE}\``);
  assert.match(line, /Chromium/);
  assert.match(line, /redis-server/);
  assert.match(line, /The demo needs neither\./);
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
  assert.match(scripts.test, /^tsx scripts\/prerequisites\.ts && /, 'npm test does not check the prerequisites first');
  // On a machine without Chromium: stops at once, with that line.
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/prerequisites.ts')], { env: { ...process.env, CHROMIUM_PATH: join(ROOT, 'no-such-chromium') }, encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.ok(run.stderr.includes(INSTALL_LINE), `it said: ${run.stderr}`);
  assert.match(run.stderr, /Chromium/);
});

test('the generated reference, snippets and CSP are up to date (npm run docs)', async () => {
  assert.ok(readme.includes('<!-- snippet: demo/script-tag/index.html -->'), 'the script-tag page is not in the README');
  const wanted = await renderReadme(readme);
  assert.equal(readme, wanted, 'README.md is out of date: run `npm run docs`');
});

test('every relative link and image in the README points at a file in the repository that the package ships', () => {
  const targets = [...readme.matchAll(/\]\(([^)\s]+)\)|href="([^"]+)"/g)].map((m) => (m[1] ?? m[2])!).filter((t) => !/^(https?:|#|mailto:)/.test(t));
  assert.ok(targets.length > 0);
  // Readers of node_modules/tray-integrations/README.md (and of unpkg) follow
  // the same links, so each target must be in package.json's `files`.
  const shipped: string[] = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).files;
  for (const target of targets) {
    const path = target.split('#')[0]!;
    assert.ok(existsSync(join(ROOT, path)), `README links to ${target}, which does not exist`);
    assert.ok(
      shipped.some((entry) => path === entry || path.startsWith(`${entry}/`)),
      `README links to ${target}, which the npm package does not ship: add it to "files" in package.json`,
    );
  }
});

test('each snippet block is its file, verbatim, and every code fence is closed', () => {
  const lines = readme.split('\n');
  let snippets = 0;
  lines.forEach((line, index) => {
    const marker = /^<!-- snippet: (\S+) -->$/.exec(line);
    if (!marker) return;
    snippets++;
    assert.match(lines[index + 1] ?? '', /^```\w*$/, `the snippet of ${marker[1]} has no opening fence`);
    const close = lines.findIndex((l, i) => i > index + 1 && l === '```');
    const body = lines.slice(index + 2, close).join('\n');
    assert.equal(body, readFileSync(join(ROOT, marker[1]!), 'utf8').replace(/\n$/, ''), `the README's copy of ${marker[1]} differs`);
  });
  assert.ok(snippets >= 5, `only ${snippets} snippets in the README`);
  const fences = lines.filter((line) => /^```/.test(line)).length;
  assert.equal(fences % 2, 0, 'an odd number of ``` lines: a code block is left open');
});
