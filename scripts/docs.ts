/**
 * `npm run docs`: fills the generated parts of README.md and the pages in
 * docs/ from their single sources, so the docs cannot drift from the code:
 *
 *   <!-- snippet: path -->      the next fenced block is that file, verbatim
 *                               (files that tests run or serve)
 *   <!-- api:start/end -->      the element's reference, from custom-elements.json
 *   <!-- csp:start/end -->      the recommended Content-Security-Policy
 *
 * A page holds any of them; the markers of a block that a page has are
 * filled, the others left alone. `npm run docs -- --check` changes nothing
 * and exits 1 when a page is out of date (a test runs it).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from './build.ts';
import { STRICT_CSP } from '../demo/script-tag/policy.ts';

const root = resolve(import.meta.dirname, '..');

interface Described {
  name: string;
  description?: string;
}
interface Member extends Described {
  kind: string;
  privacy?: string;
  static?: boolean;
  attribute?: string;
  type?: { text: string };
  default?: string;
}
interface ElementDeclaration extends Described {
  tagName: string;
  summary?: string;
  members?: Member[];
  events?: Array<Described & { type?: { text: string } }>;
  cssParts?: Described[];
  cssProperties?: Described[];
  slots?: Described[];
}
interface Manifest {
  modules: Array<{ declarations?: Array<ElementDeclaration & { customElement?: boolean }> }>;
}

/** Table cells: one line, pipes escaped, code spans kept. */
const cell = (text: string | undefined) => (text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
const code = (text: string | undefined) => (text ? `\`${cell(text)}\`` : '');

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function apiReference(manifest: Manifest): string {
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.customElement && d.tagName === 'tray-integrations');
  if (!element) throw new Error('custom-elements.json has no <tray-integrations>: check the JSDoc on TrayIntegrationsElement and src/define.ts.');
  const fields = (element.members ?? []).filter((m) => m.kind === 'field' && !m.static && m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('_'));
  const out: string[] = [];
  out.push(`\`<${element.tagName}>\` — ${cell(element.summary ?? element.description)}`);
  out.push('### Properties and attributes');
  out.push(
    table(
      ['Property', 'Attribute', 'Type', 'Default', 'Description'],
      fields.map((f) => [code(f.name), f.attribute ? code(f.attribute) : '— (property only)', code(f.type?.text), code(f.default), cell(f.description)]),
    ),
  );
  out.push('### Events');
  out.push('Every event bubbles and is `composed`, so you can listen on any ancestor. Each is a class exported by the package, with typed read-only fields.');
  out.push(table(['Event', 'Class', 'Description'], (element.events ?? []).map((e) => [code(e.name), code(e.type?.text), cell(e.description)])));
  out.push('### CSS parts');
  out.push('Style them from your page with `tray-integrations::part(name)`.');
  out.push(table(['Part', 'Description'], (element.cssParts ?? []).map((p) => [code(p.name), cell(p.description)])));
  out.push('### CSS custom properties');
  out.push('Read with fallbacks and never declared on `:host`, so setting them on `:root` or any ancestor themes every widget.');
  out.push(table(['Property', 'Description'], (element.cssProperties ?? []).map((p) => [code(p.name), cell(p.description)])));
  out.push('### Slots');
  out.push(
    element.slots?.length
      ? table(['Slot', 'Description'], element.slots.map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]))
      : 'None: everything the widget shows comes from Tray and from `messages`.',
  );
  return out.join('\n\n');
}

const FENCE_LANG: Record<string, string> = { '.ts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.html': 'html', '.json': 'json', '.vue': 'vue', '.svelte': 'svelte' };

/** The pages whose generated parts `npm run docs` fills: the README and docs/*.md. */
export function documentedPages(): string[] {
  return ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`)];
}

/** A page as it should be, its generated parts filled from their sources. */
export async function renderPage(current: string): Promise<string> {
  // A block is its fence line, any number of lines (none for a fresh
  // placeholder), and the first line that is only a fence: an empty block
  // must not run on to the next fence in the file and swallow what is between.
  let text = current.replace(/(<!-- snippet: (\S+) -->\n)```[^\n]*\n(?:[^\n]*\n)*?```(?=\n|$)/g, (_all, marker: string, path: string) => {
    const body = readFileSync(join(root, path), 'utf8').replace(/\n$/, '');
    return `${marker}\`\`\`${FENCE_LANG[extname(path)] ?? ''}\n${body}\n\`\`\``;
  });
  if (text.includes('<!-- api:start -->')) text = replaceBetween(text, 'api', apiReference((await analyze()) as Manifest));
  if (text.includes('<!-- csp:start -->')) text = replaceBetween(text, 'csp', `\`\`\`\nContent-Security-Policy: ${STRICT_CSP}\n\`\`\``);
  return text;
}

function replaceBetween(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`a page has ${start} without ${end} after it.`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({ options: { check: { type: 'boolean' } } });
  let stale = 0;
  for (const page of documentedPages()) {
    const path = join(root, page);
    const current = readFileSync(path, 'utf8');
    const wanted = await renderPage(current);
    if (wanted === current) continue;
    stale++;
    if (values.check) console.error(`${page} is out of date: run \`npm run docs\`.`);
    else writeFileSync(path, wanted);
  }
  if (values.check && stale > 0) process.exit(1);
}
