import { expect } from '@open-wc/testing';
import { http, HttpResponse, delay, type JsonBodyType } from 'msw';
import { setupWorker } from 'msw/browser';
import { createClient, type TrayClient } from '../../src/services/client.ts';
import { CREATE_INSTANCE, INSTANCE } from '../../src/services/documents.ts';
import { loadMarketplace } from '../../src/services/api.ts';
import { rejection } from '../support/rejection.ts';

// The network is real fetch; msw plays a misbehaving host endpoint so each
// fault the client must survive can be produced on demand.
const worker = setupWorker();
const ENDPOINT = '/api/test/graphql';

interface Seen {
  authorization: string | null;
  body: { query: string; variables: Record<string, unknown>; operationName: string };
}

/** Answers each request with the next responder; records what was sent. */
function serve(...responders: Array<() => Response | Promise<Response>>): Seen[] {
  const seen: Seen[] = [];
  worker.use(
    http.post(ENDPOINT, async ({ request }) => {
      seen.push({ authorization: request.headers.get('authorization'), body: await request.json() as Seen['body'] });
      const responder = responders[Math.min(seen.length - 1, responders.length - 1)]!;
      return responder();
    }),
  );
  return seen;
}

const ok = (data: JsonBodyType) => () => HttpResponse.json({ data });
const fail = (status: number, message = 'boom', code?: string) => () =>
  HttpResponse.json({ data: null, errors: [{ message, extensions: code ? { code, name: 'PreconditionError' } : {} }] }, { status });
const instanceData = { viewer: { solutionInstances: { edges: [{ node: { id: 'i1' } }] } } };

function client(overrides: Partial<Parameters<typeof createClient>[0]> = {}): TrayClient {
  return createClient({ endpoint: ENDPOINT, getToken: () => 'user-token', baseDelayMs: 1, ...overrides });
}


describe('GraphQL client', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  it('posts the document with its operation name and the bearer token, and returns data', async () => {
    const seen = serve(ok(instanceData));
    const data = await client().request(INSTANCE, { id: 'i1' });
    expect(data).to.deep.equal(instanceData);
    expect(seen).to.have.length(1);
    expect(seen[0]!.authorization).to.equal('Bearer user-token');
    expect(seen[0]!.body).to.deep.equal({ query: INSTANCE, variables: { id: 'i1' }, operationName: 'Instance' });
  });

  it('resolves a relative endpoint against the document, never putting the token in the URL', async () => {
    let url = '';
    worker.use(http.post(ENDPOINT, ({ request }) => ((url = request.url), HttpResponse.json({ data: instanceData }))));
    await client().request(INSTANCE, { id: 'i1' });
    expect(url).to.equal(new URL(ENDPOINT, document.baseURI).href);
    expect(url).not.to.contain('user-token');
  });

  it('retries a query after a 500 and a dropped connection, then succeeds', async () => {
    const seen = serve(fail(500), () => HttpResponse.error(), ok(instanceData));
    expect(await client().request(INSTANCE, { id: 'i1' })).to.deep.equal(instanceData);
    expect(seen).to.have.length(3);
  });

  it('gives up on a query after its retries with a recoverable server error', async () => {
    const seen = serve(fail(503));
    const error = await rejection(client({ retries: 2 }).request(INSTANCE, { id: 'i1' }));
    expect(seen).to.have.length(3);
    expect(error.code).to.equal('server');
    expect(error.recoverable).to.equal(true);
    expect(error.status).to.equal(503);
    // The status is for logs: the words a person may read have none.
    expect(error.message).to.equal('The integrations service failed. Try again in a moment.');
  });

  it('never re-sends a mutation whose outcome is unknown (500 or dropped connection)', async () => {
    for (const responder of [fail(500), () => HttpResponse.error()]) {
      worker.resetHandlers();
      const seen = serve(responder, ok({}));
      const error = await rejection(client().request(CREATE_INSTANCE, { solutionId: 's', instanceName: 'n' }));
      expect(seen, 'requests sent').to.have.length(1);
      expect(['server', 'network']).to.include(error.code);
    }
  });

  it('re-sends even a mutation after a rate limit, since Tray did not run it', async () => {
    const created = { createSolutionInstance: { solutionInstance: { id: 'new' } } };
    const seen = serve(fail(200, 'Rate limit exceeded', 'access_not_allowed'), ok(created));
    expect(await client().request(CREATE_INSTANCE, { solutionId: 's', instanceName: 'n' })).to.deep.equal(created);
    expect(seen).to.have.length(2);
  });

  it('refreshes a rejected token once through fetchToken and retries with the new one', async () => {
    const seen = serve(fail(401, 'Unauthorized'), ok(instanceData));
    const tokens: string[] = [];
    let calls = 0;
    const data = await client({
      fetchToken: async () => `fresh-${++calls}`,
      onToken: (token) => tokens.push(token),
    }).request(INSTANCE, { id: 'i1' });
    expect(data).to.deep.equal(instanceData);
    expect(seen.map((s) => s.authorization)).to.deep.equal(['Bearer user-token', 'Bearer fresh-1']);
    expect(tokens).to.deep.equal(['fresh-1']);
  });

  it('fails with token-rejected when the refreshed token is rejected too', async () => {
    const seen = serve(fail(200, 'Not allowed', 'access_not_allowed'));
    let calls = 0;
    const error = await rejection(client({ fetchToken: async () => `fresh-${++calls}` }).request(INSTANCE, { id: 'x' }));
    expect(error.code).to.equal('token-rejected');
    expect(calls).to.equal(1);
    expect(seen).to.have.length(2);
  });

  it('shares one refresh between concurrent requests that find the token rejected', async () => {
    let token = 'stale';
    let calls = 0;
    worker.use(
      http.post(ENDPOINT, ({ request }) =>
        request.headers.get('authorization') === 'Bearer fresh'
          ? HttpResponse.json({ data: instanceData })
          : HttpResponse.json({ errors: [{ message: 'Unauthorized' }] }, { status: 401 }),
      ),
    );
    const c = client({
      getToken: () => token,
      fetchToken: async () => {
        calls++;
        await delay(20);
        return 'fresh';
      },
      onToken: (next) => (token = next),
    });
    await Promise.all([c.request(INSTANCE, { id: 'a' }), c.request(INSTANCE, { id: 'b' }), c.request(INSTANCE, { id: 'c' })]);
    expect(calls).to.equal(1);
  });

  it('asks fetchToken first when there is no token yet', async () => {
    const seen = serve(ok(instanceData));
    await client({ getToken: () => undefined, fetchToken: async () => 'first' }).request(INSTANCE, { id: 'i1' });
    expect(seen[0]!.authorization).to.equal('Bearer first');
  });

  it('says what to set when there is neither a token nor fetchToken', async () => {
    const seen = serve(ok(instanceData));
    const error = await rejection(client({ getToken: () => '' }).request(INSTANCE, { id: 'i1' }));
    expect(error.code).to.equal('token-rejected');
    expect(error.message).to.match(/token property or provide fetchToken/);
    expect(seen).to.have.length(0);
  });

  it('reports malformed JSON as a bad response, and maps Tray codes', async () => {
    serve(() => new HttpResponse('<html>oops', { status: 200, headers: { 'content-type': 'text/html' } }));
    expect((await rejection(client({ retries: 0 }).request(INSTANCE, { id: 'i1' }))).code).to.equal('bad-response');
    serve(() => new HttpResponse('<html>teapot', { status: 418, headers: { 'content-type': 'text/html' } }));
    const odd = await rejection(client({ retries: 0 }).request(INSTANCE, { id: 'i1' }));
    expect([odd.code, odd.status, odd.message]).to.deep.equal(['bad-response', 418, 'The integrations service sent an answer without a usable result.']);
    worker.resetHandlers();
    serve(fail(200, 'Solution instance not found', 'resource_does_not_exist'));
    const notFound = await rejection(client().request(INSTANCE, { id: 'i1' }));
    expect(notFound.code).to.equal('not-found');
    expect(notFound.recoverable).to.equal(false);
  });

  it('abandons an attempt after timeoutMs, and stops at once when aborted', async () => {
    serve(async () => {
      await delay('infinite');
      return HttpResponse.json({});
    });
    const timedOut = await rejection(client({ timeoutMs: 50, retries: 1 }).request(INSTANCE, { id: 'i1' }));
    expect(timedOut.code).to.equal('timeout');

    const controller = new AbortController();
    const pending = client({ timeoutMs: 10_000 }).request(INSTANCE, { id: 'i1' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const aborted = await rejection(pending);
    expect(aborted.code).to.equal('aborted');
    expect(aborted.recoverable).to.equal(false);
  });

  it('asks only for the connections the caller wants', async () => {
    const page = {
      viewer: { solutionInstances: { edges: [{ node: { id: 'i1' } }], pageInfo: { hasNextPage: false, endCursor: null } } },
    };
    const seen = serve(ok(page));
    const market = await loadMarketplace(client(), { solutions: false, authentications: false });
    expect(seen).to.have.length(1);
    expect(seen[0]!.body.variables).to.include({ withSolutions: false, withInstances: true, withAuthentications: false });
    expect(market).to.deep.equal({ solutions: [], instances: [{ id: 'i1' }], authentications: [] });
  });

  it('refuses to follow pagination that never advances its cursor', async () => {
    const page = {
      viewer: {
        solutions: { edges: [], pageInfo: { hasNextPage: true, endCursor: 'same' } },
        solutionInstances: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
        authentications: { edges: [] },
      },
    };
    const seen = serve(ok(page));
    const error = await rejection(loadMarketplace(client()));
    expect(error.code).to.equal('bad-response');
    expect(seen).to.have.length(2);
  });
});
