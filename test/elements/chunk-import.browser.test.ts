/**
 * A chunk that failed is imported again under a URL of its own, in real
 * Chromium. The failure here is a module that throws as it runs: every
 * browser keeps such a module failed for the life of the document, as
 * Chromium 150 keeps a failed fetch, so importing the same URL again could
 * never succeed and only a new URL can. One file, one page: the page sees
 * the search chunk fail once.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { chunk } from '../../src/elements/chunk-import.ts';

/** The URLs this page fetched the search chunk from, in order. */
const requested = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => new URL(url).pathname.endsWith('/src/elements/catalog-ui.ts'));

describe('chunk(): importing a chunk again after it failed', () => {
  after(() => executeServerCommand('catalog-chunk', 'release'));

  it('fails as the import fails, then imports the chunk under a new URL once it is there, and keeps that module', async () => {
    await executeServerCommand('catalog-chunk', 'fail');
    const searchChunk = chunk(() => import('../../src/elements/catalog-ui.ts'), import.meta.url);

    let failure: unknown;
    await searchChunk().catch((error: unknown) => (failure = error));
    expect(String(failure)).to.contain('failed to load');
    const [failed, ...others] = requested();
    expect(others).to.deep.equal([]);
    expect(new URL(failed!).search).to.equal('');

    // The chunk is deployed: the next attempt asks for a URL of its own and gets the module.
    await executeServerCommand('catalog-chunk', 'release');
    const ui = await searchChunk();
    expect(typeof ui.searchView).to.equal('function');
    const retried = requested()[1]!;
    expect(retried).not.to.equal(failed);
    expect(new URL(retried).searchParams.get('retry')).to.equal('1');

    // In: later calls hand back the same module and fetch nothing more.
    expect(await searchChunk()).to.equal(ui);
    expect(requested().length).to.equal(2);
  });

  it('a chunk that loads fine is fetched once, at its own URL', async () => {
    const once = chunk(() => import('../../src/elements/catalog-filter.ts'), import.meta.url);
    const [first, second] = await Promise.all([once(), once()]);
    expect(first).to.equal(second);
    expect(await once()).to.equal(first);
    const fetched = performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((url) => new URL(url).pathname.endsWith('/src/elements/catalog-filter.ts'));
    expect(fetched.length).to.equal(1);
    expect(new URL(fetched[0]!).search).to.equal('');
  });
});
