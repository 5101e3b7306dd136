// The e2e host mounts the real tray-integrations/server at /api/tray on the
// test server's origin: a page gets a session, reads through the proxy and
// gets a dialog code, as the widget does, with the user picked per test.
import { expect } from '@open-wc/testing';
import { DOCUMENTS } from '../../src/services/documents.ts';

const post = (path: string, init: RequestInit = {}) => fetch(`/api/tray${path}`, { method: 'POST', ...init });

describe('tray-integrations/server mounted in the e2e host', () => {
  afterEach(() => {
    document.cookie = 'e2e-user=; max-age=0; path=/';
  });

  it('serves a session, the widget\'s query through the proxy, and an auth code', async () => {
    const session = await post('/session');
    expect(session.status).to.equal(200);
    const { token, userId } = (await session.json()) as { token: string; userId: string };
    expect(token).to.be.a('string');
    expect(userId).to.be.a('string');

    const read = await post('/graphql', {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: DOCUMENTS.Marketplace,
        variables: { first: 10, withSolutions: true, withInstances: true, withAuthentications: true },
      }),
    });
    expect(read.status).to.equal(200);
    const body = (await read.json()) as { data: { viewer: { solutions: { edges: unknown[] } } } };
    expect(body.data.viewer.solutions.edges.length).to.be.greaterThan(0);

    const code = await post('/auth-code');
    expect(code.status).to.equal(200);
    expect(((await code.json()) as { code: string }).code).to.be.a('string');
  });

  it('an e2e-user cookie picks the user, so tests can be isolated', async () => {
    const fixed = (await (await post('/session')).json()) as { userId: string };
    document.cookie = 'e2e-user=browser-isolated; path=/';
    const other = (await (await post('/session')).json()) as { userId: string };
    expect(other.userId).to.not.equal(fixed.userId);
  });

  it('signed out is 401, and a foreign operation is refused before Tray', async () => {
    document.cookie = 'e2e-user=anonymous; path=/';
    expect((await post('/session')).status).to.equal(401);
    document.cookie = 'e2e-user=; max-age=0; path=/';
    const { token } = (await (await post('/session')).json()) as { token: string };
    const foreign = await post('/graphql', {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ users { edges { node { id } } } }' }),
    });
    expect(foreign.status).to.equal(400);
  });
});
