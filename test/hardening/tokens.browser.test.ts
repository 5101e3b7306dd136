/**
 * Tokens: an expired or rejected token costs one `fetchToken` and one retry,
 * then a `tray-error` with code `token-rejected`; and no token or code ever
 * shows up where a page script, an extension or a log collector could read
 * it: URLs (other than the dialog's `code`), console output, the DOM
 * (attributes and text, through shadow roots), web storage or cookies.
 * Against the emulator core (msw) with an injected clock, so "two days
 * later" takes no time.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { TrayErrorEvent } from '../../src/events.ts';
import { startMockTray, type MockTray } from '../support/msw-tray.ts';
import { realClick } from '../support/commands.ts';
import { fixture, SLOT, USER } from './fixture.ts';
import {
  allMarkup,
  badge,
  button,
  captureConsole,
  card,
  cards,
  dialogLoaded,
  loadError,
  mountWidget,
  useEvents,
  resourceUrls,
  settle,
  speakAsPopup,
  spyOnOpen,
  storageDump,
  watch,
  type Sent,
} from './support.ts';

const TWO_DAYS = 2 * 24 * 60 * 60 * 1000;
const clock = { now: Date.parse('2031-05-01T12:00:00Z') };

let tray: MockTray;
let sent: Sent[];
const authHeaders: string[] = [];

before(async () => {
  tray = await startMockTray({ fixture: fixture(), emulatorOptions: { now: () => clock.now } });
  ({ sent } = watch(tray));
  tray.worker.events.on('request:start', ({ request }) => {
    if (request.url.endsWith('/graphql')) authHeaders.push(request.headers.get('authorization') ?? '');
  });
});
after(() => tray.stop());
beforeEach(() => {
  tray.emulator.reset();
  sent.length = 0;
  authHeaders.length = 0;
});

const log = () => tray.emulator.requests.map((r) => `${r.operationName}:${r.token}:${r.outcome}`);
const userToken = () => tray.userToken(USER.externalUserId);

describe('hardening: tokens', () => {
  const errors = useEvents<TrayErrorEvent>('tray-error');

  it('a token that expires mid-session: the next action asks fetchToken once, is sent again and happens once', async () => {
    const first = await userToken();
    let fresh = '';
    const { el, calls } = await mountWidget(tray, {
      token: first,
      fetchToken: async () => (fresh = await userToken()),
    });
    expect(calls.fetchToken).to.equal(0);

    clock.now += TWO_DAYS + 60_000; // Tray's user tokens last two days
    button(card(el, 'Orders to Slack'), 'Disable').click();
    await waitUntil(() => badge(el, 'Orders to Slack') === 'Disabled', 'disabled with the new token');
    expect(calls.fetchToken).to.equal(1);
    expect(log()).to.deep.equal(['Marketplace:user:ok', 'UpdateInstance:invalid:rejected', 'UpdateInstance:user:ok']);
    expect(authHeaders).to.deep.equal([`Bearer ${first}`, `Bearer ${first}`, `Bearer ${fresh}`]);
    expect(tray.emulator.store.instances.get('inst-on')!.enabled).to.equal(false);
    expect(errors.seen).to.have.length(0);

    // The new token serves what follows without another refresh.
    button(card(el, 'Orders to Slack'), 'Enable').click();
    await waitUntil(() => badge(el, 'Orders to Slack') === 'Enabled');
    expect(calls.fetchToken).to.equal(1);
    expect(authHeaders.at(-1)).to.equal(`Bearer ${fresh}`);
  });

  it('rejected, and the token fetchToken brings is rejected too: one refresh, then tray-error token-rejected', async () => {
    const { el, calls } = await mountWidget(tray, { token: 'expired-token', fetchToken: async () => 'also-rejected' });
    expect(calls.fetchToken).to.equal(1);
    expect(log()).to.deep.equal(['Marketplace:invalid:rejected', 'Marketplace:invalid:rejected']);
    expect(errors.seen.map((e) => [e.code, e.instanceId])).to.deep.equal([['token-rejected', null]]);
    expect(loadError(el)).to.contain('not valid any more');
    expect(button(el.shadowRoot!, 'Retry')).to.exist;
  });

  it('a mutation whose token is rejected twice is not applied and reports token-rejected for its instance', async () => {
    const { el, calls } = await mountWidget(tray, { token: await userToken(), fetchToken: async () => 'also-rejected' });
    clock.now += TWO_DAYS + 60_000;
    button(card(el, 'Orders to Slack'), 'Disable').click();
    await waitUntil(() => errors.seen.length > 0, 'the failure is reported');
    await waitUntil(() => !card(el, 'Orders to Slack').querySelector('[part~=progress]'), 'the card settles');
    expect(errors.seen[0]!.code).to.equal('token-rejected');
    expect(errors.seen[0]!.instanceId).to.equal('inst-on');
    expect(tray.emulator.store.instances.get('inst-on')!.enabled).to.equal(true);
    // One refresh for the mutation: it is sent once with the old token and once with the new one, never more.
    expect(log().filter((l) => l.startsWith('UpdateInstance'))).to.deep.equal(['UpdateInstance:invalid:rejected', 'UpdateInstance:invalid:rejected']);
    await settle();
    expect(calls.fetchToken, 'fetchToken asked once for the failed action').to.equal(1);
    expect(badge(el, 'Orders to Slack')).to.equal('Enabled');
  });

  it('fetchToken failing (the host is signed out) is token-rejected too, with the reason', async () => {
    const { el, calls } = await mountWidget(tray, {
      token: undefined,
      fetchToken: async () => {
        throw new Error('HTTP 401 from /api/tray/session');
      },
    });
    expect(calls.fetchToken).to.equal(1);
    expect(log(), 'nothing is sent without a token').to.deep.equal([]);
    expect(errors.seen.map((e) => e.code)).to.deep.equal(['token-rejected']);
    expect(loadError(el)).to.contain('HTTP 401 from /api/tray/session');
  });

  it('no token or code in a URL (but the dialog\'s code), the console, the DOM, storage or cookies, through a whole journey', async () => {
    const output = captureConsole();
    const opens = spyOnOpen();
    try {
      const stale = await userToken();
      clock.now += TWO_DAYS + 60_000;
      const tokens = [stale];
      const codes: string[] = [];
      const { el, calls } = await mountWidget(tray, {
        token: stale,
        fetchToken: async () => {
          const token = await userToken();
          tokens.push(token);
          return token;
        },
        script: 'stay',
        dialogOrigin: location.origin,
      });
      el.fetchAuthCode = async () => {
        const code = await tray.authCode(USER.externalUserId);
        codes.push(code);
        return code;
      };
      expect(cards(el).length).to.be.greaterThan(0);
      expect(calls.fetchToken).to.equal(1);

      // Reconnect through the dialog (same origin here, so its URL can be read).
      await realClick(button(card(el, 'Orders to Slack'), 'Reconnect Slack workspace'));
      await waitUntil(() => opens.opened.length === 1, 'the dialog opens', { timeout: 4000 });
      const popup = opens.opened[0]!.popup!;
      await dialogLoaded(popup);
      const dialogUrl = new URL(popup.location.href);
      speakAsPopup(popup, `opener.postMessage({ type: 'tray.authpopup.finish', authType: 'oauth', authId: 'auth-a2' }, '*'); close();`);
      await waitUntil(() => tray.emulator.store.instances.get('inst-on')!.authValues[0]!.authId === 'auth-a2', 'reconnected');
      await waitUntil(() => card(el, 'Orders to Slack').getAttribute('aria-busy') === 'false', 'the card is idle again');
      // A failure on the way, whose message must not carry a secret either.
      tray.emulator.faults.failNext(1, 'http500');
      button(card(el, 'Orders to Slack'), 'Disable').click();
      await waitUntil(() => errors.seen.length === 1, 'the failure is reported');
      await waitUntil(() => card(el, 'Orders to Slack').getAttribute('aria-busy') === 'false', 'the card is idle again');
      button(card(el, 'Orders to Slack'), 'Disable').click();
      await waitUntil(() => badge(el, 'Orders to Slack') === 'Disabled');

      expect(tokens).to.have.length(2);
      expect(codes).to.have.length(1);
      const secrets = [...tokens, ...codes];

      // The dialog URL carries the code as its only query value, and no token.
      expect(opens.opened.map((o) => o.url)).to.deep.equal(['about:blank']);
      expect([...dialogUrl.searchParams.keys()]).to.deep.equal(['code']);
      expect(dialogUrl.searchParams.get('code')).to.equal(codes[0]);
      expect(dialogUrl.pathname).to.equal(`/external/auth/create/stay/inst-on/${SLOT}`);

      const urls = [...resourceUrls(), ...sent.map((s) => s.url), location.href];
      const places: Record<string, string> = {
        'a URL': urls.join('\n'),
        'console output': output.lines.join('\n'),
        'the DOM': allMarkup(),
        'web storage': storageDump(),
        cookies: document.cookie,
        'tray-error messages': errors.seen.map((e) => e.message).join('\n'),
      };
      for (const [place, text] of Object.entries(places)) {
        for (const secret of secrets) expect(text.includes(secret), `a secret in ${place}`).to.equal(false);
      }
      // Sent only where it belongs: the Authorization header.
      expect(new Set(authHeaders)).to.deep.equal(new Set(tokens.map((t) => `Bearer ${t}`)));
      // The element reflects no token property to an attribute.
      expect(el.getAttributeNames().sort()).to.deep.equal(['dialog-origin', 'embedded-id']);
    } finally {
      output.restore();
      opens.restore();
    }
  });
});
