/**
 * What `npm run build` ships, checked on a fresh build (see built.ts): the
 * exports map points at real files, the script-tag bundle is self-contained
 * and within its size budget, the npm ESM leaves Lit to the host's bundler,
 * the server and emulator entries are Node-only (the server's runs; the
 * emulator's runs from the packed package in emulator-package.node.test.ts),
 * the types work for a consumer, and
 * custom-elements.json describes the element.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ROOT, builtPackage } from './built.ts';

// What a page loads before its first cards (17 kB, 17 408 bytes: the project's budget).
// The actions and the search UI are chunks of their own, fetched beside the first data.
const BUDGET_GZIP_BYTES = 17 * 1024;

let pkg: string;
const read = (path: string) => readFileSync(join(pkg, path), 'utf8');
const jsFiles = (dir: string): string[] =>
  readdirSync(join(pkg, dir)).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(join(pkg, path)).isDirectory()) return jsFiles(path);
    return entry.endsWith('.js') ? [path] : [];
  });
/** Every module specifier a built file imports (static and dynamic). */
const specifiers = (code: string) =>
  [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'`]([^"'`]+)["'`]/g)].map((match) => match[1]!);

before(async () => {
  pkg = await builtPackage();
});

describe('package.json', () => {
  test('every exports target, bin, types, main and customElements exist in the build', () => {
    const manifest = JSON.parse(read('package.json'));
    const targets: string[] = [manifest.main, manifest.module, manifest.types, manifest.customElements, ...Object.values(manifest.bin as Record<string, string>)];
    for (const [key, value] of Object.entries(manifest.exports as Record<string, unknown>)) {
      if (key.includes('*')) continue;
      if (typeof value === 'string') targets.push(value);
      else targets.push(...Object.values(value as Record<string, string>));
    }
    targets.push('./dist/cdn/tray-integrations.js', './dist/cdn/tray-integrations.iife.js');
    for (const target of targets) assert.ok(existsSync(join(pkg, target)), `${target} is missing from the build`);
    assert.equal(manifest.exports['./cdn/*'], './dist/cdn/*');
  });

  test('sideEffects names exactly the modules that register the element', () => {
    const manifest = JSON.parse(read('package.json'));
    assert.deepEqual(manifest.sideEffects, ['./dist/define.js', './dist/cdn/*']);
    assert.match(read('dist/define.js'), /customElements\.define\(/);
    for (const file of jsFiles('dist').filter((f) => !f.startsWith('dist/cdn/') && f !== 'dist/define.js')) {
      assert.doesNotMatch(read(file), /customElements\.define\(/, `${file} registers an element but is not listed in sideEffects`);
    }
  });
});

describe('script-tag bundle', () => {
  test(`dist/cdn/tray-integrations.js is at most ${BUDGET_GZIP_BYTES / 1024} kB gzipped`, () => {
    const size = gzipSync(readFileSync(join(pkg, 'dist/cdn/tray-integrations.js')), { level: 9 }).length;
    assert.ok(size <= BUDGET_GZIP_BYTES, `the bundle is ${(size / 1024).toFixed(1)} kB gzipped, over the ${BUDGET_GZIP_BYTES / 1024} kB budget`);
  });

  test('the search chunk, loaded only with the toolbar, is small', (t) => {
    const size = gzipSync(readFileSync(join(pkg, 'dist/cdn/tray-integrations-catalog-ui.js')), { level: 9 }).length;
    t.diagnostic(`tray-integrations-catalog-ui.js: ${size} bytes gzipped`);
    assert.ok(size <= 4 * 1024, `the search chunk is ${size} bytes gzipped, over 4 kB`);
  });

  test('the actions chunk, fetched beside the first data, is small', (t) => {
    const size = gzipSync(readFileSync(join(pkg, 'dist/cdn/tray-integrations-marketplace-actions.js')), { level: 9 }).length;
    t.diagnostic(`tray-integrations-marketplace-actions.js: ${size} bytes gzipped`);
    assert.ok(size <= 7 * 1024, `the actions chunk is ${size} bytes gzipped, over 7 kB`);
  });

  test('each built-in language is a chunk of its own that only the language module imports: English adds nothing to the first bundle', () => {
    const languages = { de: 'Verbinden', es: 'Conectar', fr: 'Connecter', ja: '未接続', 'pt-BR': 'Não conectada' };
    const bundle = read('dist/cdn/tray-integrations.js');
    const lazy = read('dist/cdn/tray-integrations-lazy-features.js');
    for (const [code, word] of Object.entries(languages)) {
      const chunk = `tray-integrations-${code}.js`;
      assert.match(read(`dist/cdn/${chunk}`), new RegExp(word), chunk);
      assert.doesNotMatch(bundle, new RegExp(word), `the first bundle carries ${code} words`);
      assert.ok(specifiers(lazy).includes(`./${chunk}`), `the language module does not import ${chunk}`);
      assert.deepEqual(specifiers(read(`dist/cdn/${chunk}`)), [], `${chunk} imports something`);
    }
    // The module that picks the language is itself fetched on its own, after the first bundle, and has no copy of Lit.
    assert.doesNotMatch(lazy, /lit\$/);
    assert.doesNotMatch(bundle, /MutationObserver/);
    assert.doesNotMatch(bundle, /PluralRules/);
  });

  test('the accounts view is chunks of its own, fetched the first time it shows: none of it is in the first bundle', () => {
    const bundle = read('dist/cdn/tray-integrations.js');
    const accounts = read('dist/cdn/tray-integrations-accounts-controller.js');
    assert.match(accounts, /Connected accounts/);
    assert.match(accounts, /Still used by/);
    for (const words of ['Still used by', 'Back to integrations', 'RemoveAuthentication']) assert.doesNotMatch(bundle, new RegExp(words), words);
    // Only the view switch (in the language's chunk) imports it; its Tray calls come from the actions' chunk,
    // through the first bundle's one loader of it (which imports it again after a failure).
    assert.ok(specifiers(read('dist/cdn/tray-integrations-lazy-features.js')).includes('./tray-integrations-accounts-controller.js'));
    assert.ok(specifiers(accounts).includes('./tray-integrations.js'));
    assert.ok(!specifiers(accounts).includes('./tray-integrations-marketplace-actions.js'), 'the actions chunk has one loader');
    assert.match(read('dist/cdn/tray-integrations-marketplace-actions.js'), /RemoveAuthentication/);
  });

  test('both bundles are self-contained: Lit inlined; the ES one imports only its chunks, the IIFE nothing', () => {
    const expected: Record<string, string[]> = {
      'dist/cdn/tray-integrations.js': [
        './tray-integrations-busy-retry.js',
        './tray-integrations-catalog-ui.js',
        './tray-integrations-lazy-features.js',
        './tray-integrations-marketplace-actions.js',
      ],
      'dist/cdn/tray-integrations.iife.js': [],
    };
    for (const [file, imports] of Object.entries(expected)) {
      const code = read(file);
      // Which files, not how many import sites (the ES bundle imports each chunk from two places).
      assert.deepEqual([...new Set(specifiers(code))].sort(), imports.sort(), `${file} imports other modules than expected`);
      // Lit's own runtime is in there (its template marker), and the tag is registered.
      assert.match(code, /lit\$/);
      assert.match(code, /tray-integrations/);
    }
    // The chunks take Lit and what else they share from the bundle (no third file, no second copy of Lit).
    for (const chunk of ['dist/cdn/tray-integrations-catalog-ui.js', 'dist/cdn/tray-integrations-marketplace-actions.js']) {
      assert.deepEqual(specifiers(read(chunk)), ['./tray-integrations.js'], chunk);
      assert.doesNotMatch(read(chunk), /lit\$/, chunk);
    }
    // The classic script inlines both (the toolbar's words, an action's).
    assert.match(read('dist/cdn/tray-integrations.iife.js'), /Search integrations/);
    assert.match(read('dist/cdn/tray-integrations.iife.js'), /Tray did not enable the integration/);
    assert.deepEqual(readdirSync(join(pkg, 'dist/cdn')).filter((f) => f.endsWith('.js')).sort(), [
      'tray-integrations-accounts-controller.js',
      'tray-integrations-busy-retry.js',
      'tray-integrations-catalog-ui.js',
      'tray-integrations-de.js',
      'tray-integrations-es.js',
      'tray-integrations-fr.js',
      'tray-integrations-ja.js',
      'tray-integrations-lazy-features.js',
      'tray-integrations-marketplace-actions.js',
      'tray-integrations-pt-BR.js',
      'tray-integrations.iife.js',
      'tray-integrations.js',
    ]);
  });

  test('the ES module bundle exports the element\'s API; the classic script exposes it as a global', () => {
    const esm = read('dist/cdn/tray-integrations.js');
    const exported = [...esm.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) => m[1]!.split(',').map((part) => part.trim().split(/\s+as\s+/).pop()));
    for (const name of ['TrayIntegrationsElement', 'TrayLoadEvent', 'TrayConfigureEvent', 'DEFAULT_MESSAGES', 'TrayError', 'isTrayError', 'TAG']) {
      assert.ok(exported.includes(name), `the bundle does not export ${name}`);
    }
    // The headless services come from the npm package: exported here, the dialogs' code would be in the first bundle.
    assert.ok(!exported.includes('openAuthDialog'), 'the bundle exports openAuthDialog');
    assert.match(read('dist/cdn/tray-integrations.iife.js'), /^var TrayIntegrations\s*=/);
  });
});

describe('npm ESM', () => {
  test('imports Lit instead of inlining it', () => {
    const imported = new Set(jsFiles('dist').filter((f) => !f.startsWith('dist/cdn/')).flatMap((f) => specifiers(read(f))));
    assert.ok(imported.has('lit'), 'no built module imports "lit"');
    for (const file of jsFiles('dist').filter((f) => !f.startsWith('dist/cdn/') && !f.startsWith('dist/server/'))) {
      // Lit's template marker appears only in Lit's own code.
      assert.doesNotMatch(read(file), /lit\$/, `${file} contains a copy of Lit`);
    }
  });

  test('every relative import in the ESM build resolves to a built file', () => {
    for (const file of jsFiles('dist').filter((f) => !f.startsWith('dist/cdn/'))) {
      for (const spec of specifiers(read(file)).filter((s) => s.startsWith('.'))) {
        assert.ok(existsSync(join(pkg, file, '..', spec)), `${file} imports ${spec}, which is not in the build`);
      }
    }
  });
});

describe('server and emulator entries', () => {
  // graphql-request is the server's client of the master-token calls, graphql
  // the emulator's executor: each a dependency in package.json, so a host's
  // install has it. Anything else (a dev dependency) would fail there.
  const entries = { 'dist/server': ['graphql-request'], 'dist/emulator': ['graphql'] };
  for (const [dir, allowed] of Object.entries(entries)) {
    test(`${dir} imports only Node built-ins and its one declared dependency, and carries no browser code`, () => {
      assert.ok(jsFiles(dir).length > 0, `nothing built in ${dir}`);
      for (const file of jsFiles(dir)) {
        const code = read(file);
        for (const spec of specifiers(code)) {
          assert.ok(spec.startsWith('node:') || spec.startsWith('.') || allowed.includes(spec), `${file} imports ${spec}`);
        }
        assert.doesNotMatch(code, /customElements|HTMLElement|from ["']lit/, `${file} contains browser code`);
      }
    });
  }
});

describe('server entry', () => {
  test('runs in Node: the built handler answers a session request without a signed-in user with 401', async () => {
    const server = (await import(pathToFileURL(join(pkg, 'dist/server/index.js')).href)) as typeof import('../../src/server/index.ts');
    const handler = server.createTrayHandler({
      masterToken: 'master-token-for-test',
      endpoint: 'http://127.0.0.1:9/graphql',
      getUser: () => null,
      log: () => {},
    });
    const response = await handler(new Request('http://host.test/api/tray/session', { method: 'POST' }));
    assert.equal(response.status, 401);
    assert.equal(typeof server.toNodeListener, 'function');
  });
});

describe('types', () => {
  test('a TypeScript consumer (module nodenext) type-checks against the published types', (t) => {
    const consumer = mkdtempSync(join(tmpdir(), 'tray-consumer-'));
    t.after(() => rmSync(consumer, { recursive: true, force: true }));
    mkdirSync(join(consumer, 'node_modules'));
    symlinkSync(pkg, join(consumer, 'node_modules', 'tray-integrations'), 'dir');
    symlinkSync(join(ROOT, 'node_modules', '@types'), join(consumer, 'node_modules', '@types'), 'dir');
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2023', 'dom'], types: ['node'], skipLibCheck: false },
        files: ['consumer.ts'],
      }),
    );
    writeFileSync(
      join(consumer, 'consumer.ts'),
      `import { TrayIntegrationsElement, TrayError, createClient, loadMarketplace, type Solution, type TrayMessages } from 'tray-integrations';
import 'tray-integrations/define';
import { createTrayHandler, toNodeListener } from 'tray-integrations/server';
import { startEmulator, type RunningEmulator } from 'tray-integrations/emulator';

const el = document.createElement('tray-integrations');
const typed: TrayIntegrationsElement = el;
typed.fetchAuthCode = async () => 'code';
typed.messages = { connect: 'Verbinden' } satisfies Partial<TrayMessages>;
el.addEventListener('tray-load', (event) => {
  const count: number = event.solutions;
  void count;
});
const client = createClient({ endpoint: '/api/tray/graphql', getToken: () => null });
void loadMarketplace(client).then((m) => m.solutions.map((s: Solution) => s.title));
void new TrayError('network', 'offline').recoverable;
const handler = createTrayHandler({ masterToken: 'x', getUser: () => ({ externalUserId: 'u', name: 'U' }) });
void toNodeListener(handler);
void startEmulator({ port: 0, masterToken: 'm' }).then((tray: RunningEmulator) => {
  tray.emulator.faults.failNext(1, 'http500');
  return tray.close();
});
`,
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    try {
      execFileSync(process.execPath, [tsc, '-p', consumer], { encoding: 'utf8' });
    } catch (error) {
      assert.fail(`the consumer does not type-check:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
    }
  });
});

describe('custom-elements.json', () => {
  test('describes <tray-integrations>: attributes, properties, events, parts, custom properties, all pointing at built files', () => {
    const manifest = JSON.parse(read('dist/custom-elements.json'));
    const modules = manifest.modules as Array<{ path: string; declarations?: Array<Record<string, any>>; exports?: Array<Record<string, any>> }>;
    const element = modules.flatMap((m) => m.declarations ?? []).find((d) => d.customElement && d.tagName === 'tray-integrations');
    assert.ok(element, 'no declaration for the tray-integrations tag');
    assert.ok(element.summary, 'the element has no @summary');
    const attributes = (element.attributes ?? []).map((a: { name: string }) => a.name);
    for (const name of ['endpoint', 'region', 'embedded-id', 'dialog-origin']) assert.ok(attributes.includes(name), `attribute ${name} is missing`);
    assert.deepEqual(attributes.filter((name: string) => name.startsWith('_')), [], 'private state is listed as attributes');
    const fields = (element.members ?? []).map((m: { name: string }) => m.name);
    for (const name of ['token', 'fetchAuthCode', 'fetchToken', 'messages']) assert.ok(fields.includes(name), `property ${name} is missing`);
    const events = (element.events ?? []).map((e: { name: string }) => e.name);
    for (const name of ['tray-load', 'tray-connect', 'tray-authorize', 'tray-enable', 'tray-disable', 'tray-delete', 'tray-error']) {
      assert.ok(events.includes(name), `event ${name} is missing`);
    }
    assert.deepEqual(events.filter((name: string) => !name.startsWith('tray-')), [], 'events that are not the widget\'s');
    assert.ok((element.cssParts ?? []).length > 0, 'no CSS parts documented');
    assert.ok((element.cssProperties ?? []).some((p: { name: string }) => p.name.startsWith('--tray-')), 'no --tray-* custom properties documented');
    for (const module of modules) assert.ok(existsSync(join(pkg, module.path)), `${module.path} is in the manifest but not in the build`);
    const definition = modules.flatMap((m) => m.exports ?? []).find((e) => e.kind === 'custom-element-definition');
    assert.equal(definition?.name, 'tray-integrations');
  });
});
