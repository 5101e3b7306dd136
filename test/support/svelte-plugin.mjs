// Compiles the README's Svelte 5 component for the browser tests with Svelte's
// own compiler (svelte/compiler, as vite-plugin-svelte does), in dev mode.
// Svelte 5 strips the TypeScript annotations itself; its runtime is plain ES
// modules, resolved from node_modules like any other import.
import { compile } from 'svelte/compiler';

export function sveltePlugin() {
  return {
    name: 'svelte',
    resolveMimeType(context) {
      return context.path.endsWith('.svelte') ? 'js' : undefined;
    },
    transform(context) {
      if (!context.path.endsWith('.svelte')) return undefined;
      const filename = context.path.split('/').pop();
      return { body: compile(context.body, { filename, generate: 'client', dev: true }).js.code };
    },
  };
}
