/**
 * The docs a host team reads: the README opens with the two commands and
 * stays short; every page's generated parts (reference, snippets of files
 * the tests run, the CSP) match their sources; every relative link resolves
 * to a file that the npm package ships, and to a heading that exists; and
 * every test a page cites as proof is a file in the repository.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { documentedPages, renderPage } from '../../scripts/docs.ts';
import { INSTALL_LINE } from '../../scripts/prerequisites.ts';
import { ROOT } from './built.ts';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const readme = read('README.md');
/** The pages whose links a reader follows, in the repository and in node_modules. */
const PAGES = [...documentedPages(), 'emulator/README.md', 'bench/README.md'];

test('the README opens with exactly the two commands, npm ci && npm run demo and npm test, and is at most 150 lines', () => {
  const fence = readme.match(/^# [^\n]+\n\n```sh\n([\s\S]*?)\n```/);
  assert.ok(fence, 'the README does not open with a title and a sh block');
  const commands = fence[1]!.split('\n').map((line) => line.replace(/#.*$/, '').trim());
  assert.deepEqual(commands, ['npm ci && npm run demo', 'npm test']);
  assert.match(JSON.parse(read('package.json')).scripts.demo, /demo\/server\.ts/);
  const lines = readme.split('\n').length;
  assert.ok(lines <= 150, `the README has ${lines} lines: move detail to a page in docs/`);
});

test('the README names what the tests need, with the line that installs it, and npm test checks for it first', () => {
  const start = readme.split('\n').findIndex((l) => l.startsWith('Prerequisites:'));
  assert.ok(start >= 0, 'the README has no "Prerequisites:" paragraph under the two commands');
  const paragraph = readme.split('\n').slice(start).join('\n').split('\n\n')[0]!.replace(/\n/g, ' ');
  assert.ok(paragraph.includes(`\`${INSTALL_LINE}\``), `the prerequisites paragraph does not give \`${INSTALL_LINE}\``);
  assert.match(paragraph, /Chromium/);
  assert.match(paragraph, /redis-server/);
  assert.match(paragraph, /The demo needs neither\./);
  const scripts = JSON.parse(read('package.json')).scripts;
  assert.match(scripts.test, /^tsx scripts\/prerequisites\.ts && /, 'npm test does not check the prerequisites first');
  // On a machine without Chromium: stops at once, with that line.
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/prerequisites.ts')], {
    env: { ...process.env, CHROMIUM_PATH: join(ROOT, 'no-such-chromium') },
    encoding: 'utf8',
  });
  assert.equal(run.status, 1);
  assert.ok(run.stderr.includes(INSTALL_LINE), `it said: ${run.stderr}`);
  assert.match(run.stderr, /Chromium/);
});

test('the generated reference, snippets and CSP of every page are up to date (npm run docs)', async () => {
  for (const page of documentedPages()) {
    const current = read(page);
    assert.equal(current, await renderPage(current), `${page} is out of date: run \`npm run docs\``);
  }
  assert.ok(read('docs/reference.md').includes('<!-- api:start -->'), 'docs/reference.md holds the generated reference');
});

test('every code fence of every page is closed, and each snippet block is a file of the repository', () => {
  for (const page of PAGES) {
    const text = read(page);
    assert.equal(text.split('\n').filter((line) => /^```/.test(line)).length % 2, 0, `${page}: a code block is left open`);
    for (const [, path] of text.matchAll(/^<!-- snippet: (\S+) -->$/gm)) assert.ok(existsSync(join(ROOT, path!)), `${page} shows ${path}, which does not exist`);
  }
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
const anchorsOf = (markdown: string) =>
  new Set([...markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1]!)));

test('every relative link of every page resolves, to a file the npm package ships and to a heading that exists', () => {
  // What `npm pack` would put in the tarball, from package.json's `files`.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }))[0].files.map(
    (f: { path: string }) => f.path,
  ) as string[];
  let links = 0;
  for (const page of PAGES) {
    const text = read(page).replace(/^```[\s\S]*?^```/gm, '');
    for (const match of text.matchAll(/\]\(([^)\s]+)\)|href="([^"]+)"|src="([^"]+)"/g)) {
      const target = (match[1] ?? match[2] ?? match[3])!;
      if (/^(https?:|mailto:)/.test(target) || target.startsWith('/')) continue;
      links++;
      const [file, hash] = target.split('#') as [string, string | undefined];
      const path = file ? normalize(join(dirname(page), file)) : page;
      assert.ok(!relative(ROOT, join(ROOT, path)).startsWith('..'), `${page} links outside the repository: ${target}`);
      assert.ok(existsSync(join(ROOT, path)), `${page} links to ${target}, which does not exist`);
      if (!path.startsWith('dist/'))
        assert.ok(
          packed.some((shipped) => shipped === path || shipped.startsWith(`${path}/`)),
          `${page} links to ${target}, which the npm package does not ship: add it to "files" in package.json`,
        );
      if (hash && path.endsWith('.md')) assert.ok(anchorsOf(read(path)).has(hash), `${page} links to ${target}: ${path} has no heading for #${hash}`);
    }
  }
  assert.ok(links > 20, `only ${links} relative links found`);
});

test('every test file a page cites as proof exists', () => {
  let cited = 0;
  for (const page of PAGES) {
    for (const [, path] of read(page).matchAll(/`(test\/[\w./-]+\.test\.ts)`/g)) {
      cited++;
      assert.ok(existsSync(join(ROOT, path!)), `${page} cites ${path}, which does not exist`);
    }
  }
  assert.ok(cited >= 10, `only ${cited} tests cited`);
});
