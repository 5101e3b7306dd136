/**
 * The markup-only embed: with no token, fetchToken or fetchAuthCode the
 * widget asks the host's backend itself (tray-integrations/server's session
 * and auth-code endpoints), and what those answer becomes words a person
 * understands: a sign-in message when nobody is signed in, a plain sentence
 * when the backend fails, the server's own message in `tray-error`. The
 * endpoints answer here with the server's own response helpers, so the
 * shapes are the real server's.
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { errorResponse, json } from '../../../src/server/http.ts';
import { TrayError } from '../../../src/services/errors.ts';
import { useEvents } from '../../support/widget-harness.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

const SIGNED_OUT = 'Sign in to see and connect your integrations.';
const BACKEND_FAILED = 'Integrations are not available right now. Try again later, or contact support if it continues.';

/** What reached the host's endpoints: path and the credentials mode the request was sent with. */
let hits: Array<{ path: string; credentials: RequestCredentials }> = [];

function answer(path: string, respond: () => Response | Promise<Response>) {
  suite.tray.worker.use(
    http.post(`*${path}`, async ({ request }) => {
      hits.push({ path: new URL(request.url).pathname, credentials: request.credentials });
      return respond();
    }),
  );
}

const session = async () => json({ token: await suite.userToken(), expiresAt: new Date(Date.now() + 3600_000).toISOString(), userId: 'u' });

describe('<tray-integrations> markup-only embed and host states', () => {
  const errors = useEvents('tray-error');
  beforeEach(() => {
    hits = [];
  });

  it('gets its token from the session endpoint and each dialog code from the auth-code endpoint, with same-origin credentials', async () => {
    answer('/api/tray/session', session);
    answer('/api/tray/auth-code', () => json({ code: 'slack-2' }));
    const { widget, calls } = await suite.mount({ token: undefined, fetchAuthCode: false });
    expect(widget.cards.length).to.equal(9);
    expect(suite.sent[0]!.authorization).to.match(/^Bearer \S+/);
    const slack = widget.card('Slack alerts');
    await slack.connect();
    await slack.untilBadge('Enabled', 8000);
    expect(hits).to.deep.equal([
      { path: '/api/tray/session', credentials: 'same-origin' },
      { path: '/api/tray/auth-code', credentials: 'same-origin' },
    ]);
    expect(calls.fetchAuthCode).to.equal(0);
    expect(errors.seen).to.deep.equal([]);
  });

  it('uses the session-endpoint and auth-code-endpoint attributes', async () => {
    answer('/backend/tray-session', session);
    const { el, widget } = await suite.mount({ token: undefined, wait: false });
    el.setAttribute('session-endpoint', '/backend/tray-session');
    await widget.loaded();
    expect(widget.cards.length).to.equal(9);
    expect(hits.map((h) => h.path).at(-1)).to.equal('/backend/tray-session');
    expect(el.authCodeEndpoint).to.equal('/api/tray/auth-code');
    el.setAttribute('auth-code-endpoint', '/backend/code');
    expect(el.authCodeEndpoint).to.equal('/backend/code');
  });

  it('a token or fetchToken set after it is on the page takes over, loading once with it', async () => {
    answer('/api/tray/session', () => errorResponse(401, 'unauthenticated', 'Sign in first.'));
    for (const give of ['token', 'fetchToken'] as const) {
      const { el, widget } = await suite.mount({ token: undefined });
      expect(widget.part('signed-out')).to.not.equal(null);
      suite.sent.length = 0;
      const token = await suite.userToken();
      if (give === 'token') el.token = token;
      else el.fetchToken = async () => token;
      await waitUntil(() => widget.cards.length === 9, `the cards load with the ${give}`);
      // A new function (as a framework re-render passes) does not reload.
      if (give === 'fetchToken') el.fetchToken = async () => token;
      await aTimeout(100);
      expect(suite.ops('Marketplace'), give).to.have.length(1);
    }
  });

  it('signed out (401 from the session endpoint): a sign-in message, no Retry, the server\'s words in tray-error', async () => {
    answer('/api/tray/session', () => errorResponse(401, 'unauthenticated', 'Sign in first: there is no signed-in user for this request.'));
    const { el, widget } = await suite.mount({ token: undefined });
    expect(widget.part('signed-out')!.textContent).to.equal(SIGNED_OUT);
    expect(widget.root.querySelector('button'), 'no Retry: only signing in helps').to.equal(null);
    expect(widget.loadError).to.equal(null);
    expect(widget.status).to.equal(SIGNED_OUT);
    const [event] = errors.seen;
    expect([event!.code, event!.message, event!.status, event!.recoverable]).to.deep.equal([
      'signed-out',
      'Sign in first: there is no signed-in user for this request.',
      401,
      false,
    ]);
    expect(suite.sent, 'nothing reaches Tray').to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('signed out as the host\'s own fetchToken says it (TrayError signed-out): the same message', async () => {
    const { widget } = await suite.mount({
      token: undefined,
      fetchToken: () => Promise.reject(new TrayError('signed-out', 'No session cookie.')),
    });
    expect(widget.part('signed-out')!.textContent).to.equal(SIGNED_OUT);
    expect(widget.root.querySelector('button')).to.equal(null);
    expect([errors.seen[0]!.code, errors.seen[0]!.message]).to.deep.equal(['signed-out', 'No session cookie.']);
  });

  it('signed out when a dialog needs its code: the card says to sign in', async () => {
    answer('/api/tray/auth-code', () => errorResponse(401, 'unauthenticated', 'Sign in first.'));
    const { widget } = await suite.mount({ fetchAuthCode: false });
    const error = await widget.card('Orders to Slack').realClickFor('Reconnect Slack workspace', 'tray-error');
    expect([error.code, error.message, error.status]).to.deep.equal(['signed-out', 'Sign in first.', 401]);
    await widget.card('Orders to Slack').until((c) => c.error === SIGNED_OUT, 'shows the sign-in message');
  });

  it('a misconfigured backend (5xx): a plain sentence for the person, the server\'s message in tray-error', async () => {
    const said = 'Tray refused the master token; check TRAY_MASTER_TOKEN.';
    answer('/api/tray/session', () => errorResponse(502, 'master-token-rejected', said));
    const { el, widget } = await suite.mount({ token: undefined });
    expect(widget.loadError).to.equal(BACKEND_FAILED);
    expect(widget.loadError).not.to.match(/HTTP|502|token/i);
    expect(widget.button('Retry').textContent!.trim(), 'a 5xx may pass: Retry stays').to.equal('Retry');
    const [event] = errors.seen;
    expect([event!.code, event!.message, event!.status]).to.deep.equal(['backend', said, 502]);
    await expect(el).to.be.accessible();
  });

  it('a session endpoint answering unusable JSON (no server mounted there) is the same plain sentence', async () => {
    answer('/api/tray/session', () => new HttpResponse('<!doctype html><title>Home</title>', { headers: { 'content-type': 'text/html' } }));
    const { widget } = await suite.mount({ token: undefined });
    expect(widget.loadError).to.equal(BACKEND_FAILED);
    const [event] = errors.seen;
    expect(event!.code).to.equal('backend');
    expect(event!.message).to.contain('is tray-integrations/server mounted there?');
  });
});
