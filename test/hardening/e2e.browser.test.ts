/**
 * Hardening over real HTTP: the widget talks to the real host backend
 * (src/server mounted at /api/tray by test/support/e2e-plugin.ts), which
 * talks to the HTTP emulator; the dialog is the emulator's own page in a
 * real popup on its second origin, clicked with trusted clicks.
 *
 * - A host that hands out the same (used) code twice: the real dialog
 *   refuses it, the widget reports it and a retry with a fresh code works.
 * - A finish forged by the host page while the real dialog is open is ignored.
 * - Through all of it, no token or code reaches a URL of the page, the
 *   console, the DOM, storage, cookies or the emulator's request log.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { emulatorDialog } from '../support/auth-dialog.ts';
import { hostAuthCode, useE2ESession } from '../support/e2e-session.ts';
import { settle, useEvents } from '../support/widget-harness.ts';
import { allMarkup, captureConsole, resourceUrls, storageDump } from './leaks.ts';

const SLACK_SLOT = 'external_slack_authentication';
const E2E_WAIT_MS = 10_000;
const session = useE2ESession('hardening');

const trayInstances = () => session.trayInstances();

const trayLog = async (): Promise<Array<{ operationName: string | null; token: string; outcome: string }>> => (await fetch('/__e2e/requests')).json();

describe('hardening over real HTTP, the real server and the real dialog', () => {
  const errors = useEvents('tray-error');
  const authorized = useEvents('tray-authorize');

  it('a reused one-time code: the dialog refuses it, the widget says so and a retry with a fresh code works; no secret leaks anywhere', async () => {
    const output = captureConsole();
    try {
      const codes: string[] = [];
      // A host bug: it caches the "one-time" code until told otherwise.
      let cached: string | undefined;
      const { widget, tokens } = await session.mount({
        autoEnable: false,
        fetchAuthCode: async () => {
          if (!cached) codes.push((cached = await hostAuthCode()));
          return cached;
        },
      });
      const slack = widget.card('Slack alerts');

      await slack.connect({ trusted: true, timeout: E2E_WAIT_MS });
      await emulatorDialog.allow();
      await slack.until((c) => c.badge === 'Disabled', 'authorized', E2E_WAIT_MS);
      const [instance] = await trayInstances();
      const firstAuth = instance!.authValues[0]!.authId;

      // Reconnect with the same, spent code: the real dialog shows its error and tells the widget.
      await slack.realClick('Reconnect Slack workspace');
      await waitUntil(() => errors.seen.length === 1, 'the refusal is reported', { timeout: E2E_WAIT_MS });
      expect(errors.seen[0]!.code).to.equal('dialog-error');
      expect(errors.seen[0]!.instanceId).to.equal(instance!.id);
      expect(errors.seen[0]!.message).to.contain('already been used');
      await emulatorDialog.closed(); // the widget closes the refused dialog
      await slack.until((c) => c.error?.includes('already been used'), 'the card says why');
      expect((await trayInstances())[0]!.authValues).to.deep.equal([{ externalId: SLACK_SLOT, authId: firstAuth }]);

      // The host fixed: a fresh code, and trying again works.
      cached = undefined;
      await slack.untilIdle();
      await slack.realClick('Reconnect Slack workspace');
      await emulatorDialog.allow();
      await waitUntil(() => authorized.seen.length === 2, 'reconnected', { timeout: E2E_WAIT_MS });
      const secondAuth = authorized.seen[1]!.authId;
      expect([authorized.seen[1]!.reason, authorized.seen[1]!.previousAuthId]).to.deep.equal(['reconnect', firstAuth]);
      expect(secondAuth).to.not.equal(firstAuth);
      const after = await trayInstances();
      expect(after).to.have.length(1);
      expect(after[0]!.authValues).to.deep.equal([{ externalId: SLACK_SLOT, authId: secondAuth }]);

      // Nothing secret anywhere a page script, an extension or a log collector could read.
      expect(tokens).to.have.length(1);
      expect(codes).to.have.length(2);
      const places: Record<string, string> = {
        'a URL of the page': [...resourceUrls(), location.href].join('\n'),
        'console output': output.lines.join('\n'),
        'the DOM': allMarkup(),
        'web storage': storageDump(),
        cookies: document.cookie,
        'the emulator request log': JSON.stringify(await trayLog()),
        'tray-error messages': errors.seen.map((e) => e.message).join('\n'),
      };
      for (const [place, text] of Object.entries(places)) {
        for (const secret of [...tokens, ...codes]) expect(text.includes(secret), `a secret in ${place}`).to.equal(false);
      }
      // The widget's calls reached Tray with the user's token only.
      expect((await trayLog()).filter((e) => e.operationName && e.token !== 'master').every((e) => e.token === 'user')).to.equal(true);
    } finally {
      output.restore();
    }
  });

  it('a finish forged by the host page while the real dialog is open is ignored; the real Allow then counts', async () => {
    const { widget } = await session.mount({ autoEnable: false });
    const slack = widget.card('Slack alerts');
    await slack.connect({ trusted: true, timeout: E2E_WAIT_MS });
    expect(await emulatorDialog.text()).to.contain('Connect Slack');

    window.postMessage({ type: 'tray.authpopup.finish', authType: 'oauth', authId: 'forged-auth' }, '*');
    await settle(500);
    expect((await trayLog()).filter((e) => e.operationName === 'UpdateInstance')).to.have.length(0);
    expect(authorized.seen).to.have.length(0);
    expect((await trayInstances())[0]!.authValues).to.deep.equal([]);

    await emulatorDialog.allow();
    await waitUntil(() => authorized.seen.length === 1, 'the real finish counts', { timeout: E2E_WAIT_MS });
    expect(authorized.seen[0]!.authId).to.not.equal('forged-auth');
    expect((await trayInstances())[0]!.authValues).to.deep.equal([{ externalId: SLACK_SLOT, authId: authorized.seen[0]!.authId }]);
    expect(errors.seen).to.have.length(0);
  });
});
