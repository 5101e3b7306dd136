// Compiles the README's Vue single-file component for the browser tests with
// Vue's own SFC compiler (vue/compiler-sfc, as @vitejs/plugin-vue does), told
// that tray-* tags are custom elements. `vue` is answered with Vue's
// standalone ES-module runtime build: the bundler build reads process.env.
import { createHash } from 'node:crypto';
import { transform } from 'esbuild';
import { compileScript, parse } from 'vue/compiler-sfc';

const RUNTIME = '/node_modules/vue/dist/vue.runtime.esm-browser.js';
const isCustomElement = (tag) => tag.startsWith('tray-');

async function compile(source, filename) {
  // The template is parsed here, so the parser too must know the custom elements.
  const { descriptor, errors } = parse(source, { filename, templateParseOptions: { isCustomElement } });
  if (errors.length) throw new Error(`${filename}: ${errors.map(String).join('; ')}`);
  const id = createHash('sha256').update(filename).digest('hex').slice(0, 8);
  const script = compileScript(descriptor, { id, inlineTemplate: true, templateOptions: { compilerOptions: { isCustomElement } } });
  const { code } = await transform(script.content, { loader: script.lang === 'ts' ? 'ts' : 'js', target: 'es2022', sourcefile: filename });
  return code;
}

export function vuePlugin() {
  return {
    name: 'vue',
    resolveMimeType(context) {
      return context.path.endsWith('.vue') ? 'js' : undefined;
    },
    resolveImport({ source }) {
      return source === 'vue' ? RUNTIME : undefined;
    },
    async transform(context) {
      if (!context.path.endsWith('.vue')) return undefined;
      return { body: await compile(context.body, context.path) };
    },
  };
}
