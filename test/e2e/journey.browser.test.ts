/**
 * The whole end-user journey in real Chromium: the widget talks to the real
 * host backend (src/server mounted at /api/tray by the e2e plugin), which
 * talks to the HTTP emulator; the auth dialog is the emulator's own page in a
 * real popup on its second origin, clicked with trusted clicks.
 */
import { expect, fixture as mount, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.ts';
import type { TrayIntegrationsElement } from '../../src/elements/tray-integrations.ts';
import { popupClick, popupText, realClick, waitForPopupClosed } from '../support/commands.ts';
import { post, useE2ESession } from '../support/e2e-session.ts';

const session = useE2ESession('journey');
const trayInstances = () => session.trayInstances();

/** The widget as a host page sets it up: tokens and codes come from the host backend. */
async function widget() {
  const calls = { session: 0, authCode: 0 };
  const el = await mount<TrayIntegrationsElement>(html`<tray-integrations
    endpoint=${session.config.hostEndpoint!}
    dialog-origin=${session.config.dialogOrigin}
    embedded-id=${session.config.embeddedId}
    .fetchToken=${async () => (calls.session++, (await post<{ token: string }>('/api/tray/session')).token)}
    .fetchAuthCode=${async () => (calls.authCode++, (await post<{ code: string }>('/api/tray/auth-code')).code)}
  ></tray-integrations>`);
  await waitUntil(() => el.shadowRoot!.querySelector('article'), 'the marketplace loads', { timeout: 10_000 });
  return { el, calls };
}

/** The next event of this type, typed as the element dispatches it. */
const next = <K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, type: K) =>
  oneEvent(target, type) as unknown as Promise<GlobalEventHandlersEventMap[K]>;

const card = (el: TrayIntegrationsElement, title: string) => {
  const found = [...el.shadowRoot!.querySelectorAll('article')].find((a) => a.querySelector('h3')!.textContent === title);
  if (!found) throw new Error(`no card titled ${title}`);
  return found;
};
const button = (el: TrayIntegrationsElement, title: string, name: string) => {
  const found = [...card(el, title).querySelectorAll('button')].find((b) => b.textContent!.trim() === name);
  if (!found) throw new Error(`no button "${name}" on ${title}`);
  return found;
};
const badge = (el: TrayIntegrationsElement, title: string) => card(el, title).querySelector('[part~=badge]')!.textContent!.trim();
const untilBadge = (el: TrayIntegrationsElement, title: string, text: string) =>
  waitUntil(() => badge(el, title) === text, `${title} shows ${text}`, { timeout: 10_000 });

describe('journey', () => {
  it('connect, authorize in the real dialog, auto-enable, disable, enable, delete', async () => {
    const { el, calls } = await widget();
    expect(calls.session).to.equal(1);
    expect(badge(el, 'Slack alerts')).to.equal('Not connected');
    await expect(el).to.be.accessible();

    await realClick(button(el, 'Slack alerts', 'Connect'));
    await untilBadge(el, 'Slack alerts', 'Needs authorization');
    const [created] = await trayInstances();
    expect(created!.enabled).to.equal(false);

    const authorized = next(el, 'tray-authorize');
    const enabled = next(el, 'tray-enable');
    await realClick(button(el, 'Slack alerts', 'Authorize Slack workspace'));
    expect(await popupText()).to.contain('Connect Slack');
    await popupClick('Allow');
    await waitForPopupClosed();
    const auth = await authorized;
    expect(auth.instanceId).to.equal(created!.id);
    expect(calls.authCode).to.equal(1);
    // The emulator refuses an enable within 2 s of creation: reaching Enabled proves the wait.
    expect((await enabled).auto).to.equal(true);
    await untilBadge(el, 'Slack alerts', 'Enabled');
    const [live] = await trayInstances();
    expect(live).to.deep.include({ id: created!.id, enabled: true });
    expect(live!.authValues).to.deep.equal([{ externalId: 'external_slack_authentication', authId: auth.authId }]);
    expect(card(el, 'Slack alerts').querySelector('[part~=service]')!.textContent).to.contain('Authorized');

    await realClick(button(el, 'Slack alerts', 'Disable'));
    await untilBadge(el, 'Slack alerts', 'Disabled');
    expect((await trayInstances())[0]!.enabled).to.equal(false);

    await realClick(button(el, 'Slack alerts', 'Enable'));
    await untilBadge(el, 'Slack alerts', 'Enabled');
    expect((await trayInstances())[0]!.enabled).to.equal(true);

    await realClick(button(el, 'Slack alerts', 'Delete'));
    await el.updateComplete;
    await realClick(button(el, 'Slack alerts', 'Yes, delete'));
    await untilBadge(el, 'Slack alerts', 'Not connected');
    expect(await trayInstances()).to.deep.equal([]);

    // Every call went through the host backend with the user's token, never the master token.
    const log: Array<{ operationName: string | null; token: string }> = await (await fetch('/__e2e/requests')).json();
    const widgetCalls = log.filter((entry) => entry.token === 'user' && entry.operationName);
    expect(widgetCalls.map((entry) => entry.operationName)).to.include.members([
      'Marketplace',
      'CreateInstance',
      'UpdateInstance',
      'RemoveInstance',
    ]);
  });

  it('cancelling the real dialog leaves no half-created integration behind', async () => {
    const { el } = await widget();
    await realClick(button(el, 'Slack alerts', 'Connect'));
    await untilBadge(el, 'Slack alerts', 'Needs authorization');
    expect(await trayInstances()).to.have.length(1);

    const deleted = next(el, 'tray-delete');
    await realClick(button(el, 'Slack alerts', 'Authorize Slack workspace'));
    await popupClick('Cancel');
    await waitForPopupClosed();
    expect((await deleted).reason).to.equal('abandoned');
    await untilBadge(el, 'Slack alerts', 'Not connected');
    expect(await trayInstances()).to.deep.equal([]);
  });
});
