/**
 * A lazily loaded chunk that can be imported again after it failed.
 *
 * A browser may keep a failed dynamic import failed for the life of the
 * document: Chromium 150 rejects `import(sameUrl)` again at once, even after
 * the file is deployed (Chromium 156 fetches it again), and every browser
 * keeps a module that threw while it ran. So a retry imports the chunk's
 * resolved URL with a query of its own (`?retry=1`, `?retry=2`, …), which no
 * browser has an answer for yet. The first attempt imports the chunk as the
 * bundler wrote it, so a page that loads fine fetches each chunk once.
 *
 * The chunk's URL is the specifier the bundler put in `load`, read from the
 * function's source text (`./tray-integrations-catalog-ui.js` in the
 * script-tag bundle, `./catalog-ui.ts` from source), resolved against
 * `base`, the caller's `import.meta.url`. A module
 * the bundler hands on as one export of the chunk (the import followed by
 * `.then(e=>e.t)`) is taken from the retried chunk the same way. Where
 * `load` imports no plain specifier (the classic-script build inlines its
 * chunks; a host's bundler may load chunks its own way), a retry calls
 * `load` again.
 */
export function chunk<T>(load: () => Promise<T>, base: string): () => Promise<T> {
  let pending: Promise<T> | undefined;
  let failures = 0;
  return () =>
    (pending ??= (failures ? retry(load, base, failures) : load()).catch((error: unknown) => {
      pending = undefined;
      failures++;
      throw error;
    }));
}

async function retry<T>(load: () => Promise<T>, base: string, attempt: number): Promise<T> {
  // The bundler's text: an import of a quoted specifier, perhaps `.then(e=>e.name)` after it.
  const [, specifier, name] = /import\(.([^`'"$]+).\)(?:\.then\(\(?\w+\)?=>\w+\.([\w$]+))?/.exec(String(load)) ?? [];
  if (!specifier) return load();
  // Not a chunk for a host's bundler to resolve: the URL of one it already emitted.
  const module = await import(/* @vite-ignore */ /* webpackIgnore: true */ new URL(`${specifier}?retry=${attempt}`, base).href);
  return (name ? module[name] : module) as T;
}
