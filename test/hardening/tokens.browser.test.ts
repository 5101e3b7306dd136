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
import { useStubDialogs } from '../support/auth-dialog.ts';
import { useMockTray } from '../support/mock-tray-suite.ts';
import { settle, useEvents } from '../support/widget-harness.ts';
import { fixture, SLOT, USER } from './fixture.ts';
import { allMarkup, captureConsole, resourceUrls, storageDump } from './leaks.ts';

const TWO_DAYS = 2 * 24 * 60 * 60 * 1000;
const clock = { now: Date.parse('2031-05-01T12:00:00Z') };

const suite = useMockTray({ fixture: fixture(), user: USER.externalUserId, emulatorOptions: { now: () => clock.now } });
const { sent, userToken } = suite;
/** The Authorization header of each GraphQL request the widget sent, in order. */
const authHeaders = () => sent.map((s) => s.authorization);
const log = () => suite.tray.emulator.requests.map((r) => `${r.operationName}:${r.token}:${r.outcome}`);

describe('hardening: tokens', () => {
  const errors = useEvents('tray-error');
  const dialogs = useStubDialogs();

  it('a token that expires mid-session: the next action asks fetchToken once, is sent again and happens once', async () => {
    const first = await userToken();
    let fresh = '';
    const { widget, calls } = await suite.mount({
      token: first,
      fetchToken: async () => (fresh = await userToken()),
    });
    expect(calls.fetchToken).to.equal(0);

    clock.now += TWO_DAYS + 60_000; // Tray's user tokens last two days
    widget.card('Orders to Slack').click('Disable');
    await widget.card('Orders to Slack').until((c) => c.badge === 'Disabled', 'disabled with the new token');
    expect(calls.fetchToken).to.equal(1);
    expect(log()).to.deep.equal(['Marketplace:user:ok', 'UpdateInstance:invalid:rejected', 'UpdateInstance:user:ok']);
    expect(authHeaders()).to.deep.equal([`Bearer ${first}`, `Bearer ${first}`, `Bearer ${fresh}`]);
    expect(suite.instance('inst-on')!.enabled).to.equal(false);
    expect(errors.seen).to.have.length(0);

    // The new token serves what follows without another refresh.
    widget.card('Orders to Slack').click('Enable');
    await widget.card('Orders to Slack').untilBadge('Enabled');
    expect(calls.fetchToken).to.equal(1);
    expect(authHeaders().at(-1)).to.equal(`Bearer ${fresh}`);
  });

  it('rejected, and the token fetchToken brings is rejected too: one refresh, then tray-error token-rejected', async () => {
    const { widget, calls } = await suite.mount({ token: 'expired-token', fetchToken: async () => 'also-rejected' });
    expect(calls.fetchToken).to.equal(1);
    expect(log()).to.deep.equal(['Marketplace:invalid:rejected', 'Marketplace:invalid:rejected']);
    expect(errors.seen.map((e) => [e.code, e.instanceId])).to.deep.equal([['token-rejected', null]]);
    expect(widget.loadError).to.contain('not valid any more');
    expect(widget.button('Retry')).to.exist;
  });

  it('a mutation whose token is rejected twice is not applied and reports token-rejected for its instance', async () => {
    const { widget, calls } = await suite.mount({ token: await userToken(), fetchToken: async () => 'also-rejected' });
    clock.now += TWO_DAYS + 60_000;
    widget.card('Orders to Slack').click('Disable');
    await waitUntil(() => errors.seen.length > 0, 'the failure is reported');
    await widget.card('Orders to Slack').until((c) => !c.working, 'the card settles');
    expect(errors.seen[0]!.code).to.equal('token-rejected');
    expect(errors.seen[0]!.instanceId).to.equal('inst-on');
    expect(suite.instance('inst-on')!.enabled).to.equal(true);
    // One refresh for the mutation: it is sent once with the old token and once with the new one, never more.
    expect(log().filter((l) => l.startsWith('UpdateInstance'))).to.deep.equal(['UpdateInstance:invalid:rejected', 'UpdateInstance:invalid:rejected']);
    await settle();
    expect(calls.fetchToken, 'fetchToken asked once for the failed action').to.equal(1);
    expect(widget.card('Orders to Slack').badge).to.equal('Enabled');
  });

  it('fetchToken failing (the host is signed out) is token-rejected too, with the reason', async () => {
    const { widget, calls } = await suite.mount({
      token: undefined,
      fetchToken: async () => {
        throw new Error('HTTP 401 from /api/tray/session');
      },
    });
    expect(calls.fetchToken).to.equal(1);
    expect(log(), 'nothing is sent without a token').to.deep.equal([]);
    expect(errors.seen.map((e) => e.code)).to.deep.equal(['token-rejected']);
    expect(widget.loadError).to.contain('HTTP 401 from /api/tray/session');
  });

  it('no token or code in a URL (but the dialog\'s code), the console, the DOM, storage or cookies, through a whole journey', async () => {
    const output = captureConsole();
    try {
      const stale = await userToken();
      clock.now += TWO_DAYS + 60_000;
      const tokens = [stale];
      const codes: string[] = [];
      const { el, widget, calls } = await suite.mount({
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
        const code = await suite.tray.authCode(USER.externalUserId);
        codes.push(code);
        return code;
      };
      expect(widget.cards.length).to.be.greaterThan(0);
      expect(calls.fetchToken).to.equal(1);

      // Reconnect through the dialog (same origin here, so its URL can be read).
      await widget.card('Orders to Slack').realClick('Reconnect Slack workspace');
      await waitUntil(() => dialogs.opened.length === 1, 'the dialog opens', { timeout: 4000 });
      const popup = await dialogs.loaded();
      const dialogUrl = new URL(popup.location.href);
      dialogs.finish(popup, 'auth-a2');
      await waitUntil(() => suite.instance('inst-on')!.authValues[0]!.authId === 'auth-a2', 'reconnected');
      await widget.card('Orders to Slack').untilIdle();
      // A failure on the way, whose message must not carry a secret either.
      suite.tray.emulator.faults.failNext(1, 'http500');
      widget.card('Orders to Slack').click('Disable');
      await waitUntil(() => errors.seen.length === 1, 'the failure is reported');
      await widget.card('Orders to Slack').untilIdle();
      widget.card('Orders to Slack').click('Disable');
      await widget.card('Orders to Slack').untilBadge('Disabled');

      expect(tokens).to.have.length(2);
      expect(codes).to.have.length(1);
      const secrets = [...tokens, ...codes];

      // The dialog URL carries the code as its only query value, and no token.
      expect(dialogs.opened.map((o) => o.url)).to.deep.equal(['about:blank']);
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
      expect(new Set(authHeaders())).to.deep.equal(new Set(tokens.map((t) => `Bearer ${t}`)));
      // The element reflects no token property to an attribute.
      expect(el.getAttributeNames().sort()).to.deep.equal(['dialog-origin', 'embedded-id']);
    } finally {
      output.restore();
    }
  });
});
