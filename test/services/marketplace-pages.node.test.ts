// marketplacePages over real HTTP against the emulator: what a page-by-page
// consumer (the element, a headless host) relies on: pages in Tray's order
// that add up to the catalogue, instances complete before the first page,
// the total once known, the same requests as loadMarketplace, and abort.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../emulator/http.ts';
import { loadMarketplace, marketplacePages, type MarketplacePage } from '../../src/services/api.ts';
import { createClient, type TrayClient } from '../../src/services/client.ts';

const USER = { id: 'pages-user-id', externalUserId: 'pages-user', name: 'Pages User' };
const MANY_INSTANCES = { id: 'many-user-id', externalUserId: 'many-instances', name: 'Many Instances' };

const solution = (i: number) => ({
  id: `sol-${String(i).padStart(4, '0')}`,
  title: `Solution ${i}`,
  tags: [i % 2 ? 'odd' : 'even'],
  authSlots: [{ externalId: 'external_x', title: 'X', service: { name: 'x', title: 'X', icon: 'https://icons.example/x.svg', version: '1' } }],
});
const instance = (owner: string, i: number) => ({ id: `inst-${owner}-${i}`, solutionId: solution(i).id, owner, name: `Instance ${i}` });

/** 250 solutions (3 pages); one user with 2 instances, another with 150 (2 pages of instances). */
const FIXTURE = {
  solutions: Array.from({ length: 250 }, (_, i) => solution(i)),
  users: [USER, MANY_INSTANCES],
  instances: [
    ...[0, 120].map((i) => instance(USER.id, i)),
    ...Array.from({ length: 150 }, (_, i) => instance(MANY_INSTANCES.id, i)),
  ],
};

let tray: RunningEmulator;
/** What each request sent asked for: the connections it included (read from the variables on the wire). */
let sent: string[] = [];
/** Each request's signal, in order, to see which were aborted. */
let signals: AbortSignal[] = [];
/**
 * A client whose requests reach the emulator, except from the `holdFrom`th
 * on (1-based): those are never answered, only aborted, like a request to a
 * Tray that has gone quiet.
 */
const clientFor = (externalUserId: string, { holdFrom = Infinity } = {}): TrayClient => {
  const token = tray.emulator.userToken(externalUserId);
  sent = [];
  signals = [];
  return createClient({
    endpoint: tray.graphqlUrl,
    getToken: () => token,
    retries: 0,
    fetch: (input, init) => {
      const { operationName, variables } = JSON.parse(String(init?.body)) as { operationName: string; variables: Record<string, unknown> };
      const parts = ['withSolutions', 'withInstances', 'withAuthentications'].filter((flag) => variables[flag]);
      sent.push(`${operationName}:${parts.map((flag) => flag.slice(4).toLowerCase()).join('+')}`);
      const signal = init!.signal!;
      signals.push(signal);
      if (sent.length < holdFrom) return fetch(input, init);
      return new Promise<Response>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    },
  });
};

async function collect(pages: AsyncIterable<MarketplacePage>): Promise<MarketplacePage[]> {
  const out: MarketplacePage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

before(async () => {
  tray = await startEmulator({ fixture: FIXTURE, rateLimit: false });
});
after(() => tray?.close());

describe('marketplacePages', () => {
  test('hands over 100 solutions a page, in order, the instances and auths with the first, the total with the last', async () => {
    const pages = await collect(marketplacePages(clientFor(USER.externalUserId)));
    assert.deepEqual(
      pages.map((p) => [p.first, p.solutions.length, p.loaded, p.total, p.last]),
      [
        [true, 100, 100, null, false],
        [false, 100, 200, null, false],
        [false, 50, 250, 250, true],
      ],
    );
    assert.deepEqual(
      pages.flatMap((p) => p.solutions.map((s) => s.id)),
      FIXTURE.solutions.map((s) => s.id),
    );
    const first = pages[0]!;
    assert.ok(first.first);
    // Both instances, including the one whose solution (sol-0120) arrives only on page 2.
    assert.deepEqual(first.instances.map((i) => i.solution.id).sort(), ['sol-0000', 'sol-0120']);
    assert.deepEqual(first.authentications, []);
    assert.ok(pages.slice(1).every((p) => !('instances' in p)), 'later pages carry no instance list to overwrite the first with');
  });

  test('with more than one page of instances, the first page waits for all of them, without extra requests', async () => {
    const pages = await collect(marketplacePages(clientFor(MANY_INSTANCES.externalUserId)));
    const first = pages[0]!;
    assert.ok(first.first);
    assert.equal(first.instances.length, 150);
    // The solutions of the second request came along: nothing was thrown away.
    assert.equal(first.solutions.length, 200);
    assert.deepEqual(
      pages.map((p) => p.loaded),
      [200, 250],
    );
    assert.deepEqual(sent, ['Marketplace:solutions+instances+authentications', 'Marketplace:solutions+instances', 'Marketplace:solutions']);
  });

  test('loadMarketplace still returns everything at once, with the same requests', async () => {
    const market = await loadMarketplace(clientFor(MANY_INSTANCES.externalUserId));
    assert.equal(market.solutions.length, 250);
    assert.equal(market.instances.length, 150);
    assert.deepEqual(sent, ['Marketplace:solutions+instances+authentications', 'Marketplace:solutions+instances', 'Marketplace:solutions']);
    const instancesOnly = await loadMarketplace(clientFor(USER.externalUserId), { solutions: false });
    assert.deepEqual(instancesOnly.solutions, []);
    assert.equal(instancesOnly.instances.length, 2);
  });

  test('tags narrow every page; a single page is first and last at once', async () => {
    const pages = await collect(marketplacePages(clientFor(USER.externalUserId), { tags: ['odd'] }));
    assert.deepEqual(
      pages.map((p) => [p.first, p.loaded, p.total, p.last]),
      [
        [true, 100, null, false],
        [false, 125, 125, true],
      ],
    );
    assert.ok(pages.every((p) => p.solutions.every((s) => s.tags.includes('odd'))));
  });

  test('the next page is asked for before this one is handed over, so it loads while the consumer renders', async () => {
    const pages = marketplacePages(clientFor(USER.externalUserId, { holdFrom: 2 }));
    const first = await pages.next();
    assert.equal(first.value?.loaded, 100);
    assert.deepEqual(sent, ['Marketplace:solutions+instances+authentications', 'Marketplace:solutions']);
    await pages.return();
  });

  test('a consumer that stops after the first page aborts the request ahead and sends nothing more', async () => {
    for await (const page of marketplacePages(clientFor(USER.externalUserId, { holdFrom: 2 }))) {
      assert.equal(page.loaded, 100);
      break;
    }
    assert.equal(sent.length, 2);
    assert.equal(signals[1]!.aborted, true, 'the request ahead is aborted');
  });

  test('aborting stops the request in flight: the iteration throws the reason and asks for nothing more', async () => {
    const controller = new AbortController();
    const pages = marketplacePages(clientFor(USER.externalUserId, { holdFrom: 2 }), {}, controller.signal);
    const first = await pages.next();
    assert.equal(first.value?.loaded, 100);
    // The second page's request is on its way, and nobody answers it.
    const second = pages.next();
    const reason = new DOMException('The user left the page.', 'AbortError');
    controller.abort(reason);
    await assert.rejects(second, (error: unknown) => (error as { code?: string }).code === 'aborted' || error === reason);
    assert.deepEqual(await pages.next(), { done: true, value: undefined });
    assert.equal(sent.length, 2, 'the aborted request, and none after it');
    assert.equal(signals[1]!.aborted, true);
  });
});
