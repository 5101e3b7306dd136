// React publishes CommonJS only, which a browser cannot import. For the tests
// that run the README's React example, this bundles the few entry points it
// needs with esbuild into ES modules that share one copy of React, and
// answers the bare imports with them.
import { build } from 'esbuild';

const ENTRIES = {
  react: `import React from 'react';
export default React;
export const { createElement, useEffect, useLayoutEffect, useRef, useState, act } = React;`,
  'react/jsx-runtime': `import runtime from 'react/jsx-runtime';
export const { jsx, jsxs, Fragment } = runtime;`,
  'react-dom/client': `import client from 'react-dom/client';
export const { createRoot } = client;`,
};
const PREFIX = '/__react/';
const fileOf = (name) => `${name.replaceAll('/', '__')}.js`;

export function reactPlugin() {
  let files;
  const bundle = () =>
    (files ??= build({
      entryPoints: Object.keys(ENTRIES).map((name) => ({ in: `entry:${name}`, out: name.replaceAll('/', '__') })),
      bundle: true,
      splitting: true,
      format: 'esm',
      write: false,
      outdir: '/out',
      define: { 'process.env.NODE_ENV': '"development"' },
      plugins: [
        {
          name: 'entries',
          setup(b) {
            b.onResolve({ filter: /^entry:/ }, (args) => ({ path: args.path.slice(6), namespace: 'entry' }));
            b.onLoad({ filter: /.*/, namespace: 'entry' }, (args) => ({ contents: ENTRIES[args.path], resolveDir: process.cwd() }));
          },
        },
      ],
    }).then((result) => new Map(result.outputFiles.map((f) => [f.path.replace('/out/', ''), f.text]))));

  return {
    name: 'react',
    resolveImport({ source }) {
      return Object.hasOwn(ENTRIES, source) ? `${PREFIX}${fileOf(source)}` : undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const body = (await bundle()).get(context.path.slice(PREFIX.length));
      return body === undefined ? { status: 404, body: 'not bundled' } : { body, type: 'js' };
    },
  };
}
