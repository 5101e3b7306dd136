/**
 * The emulator's auth-only dialog in a real cross-origin popup: a trusted
 * click opens it, real clicks on Allow/Cancel, and its messages reach the
 * opener from the dialog's origin. Served by test/support/e2e-plugin.ts.
 */
import { expect } from '@open-wc/testing';
import { closeAllPopups, popupClick, popupText, realClick, waitForPopupClosed } from '../support/commands.ts';
import { e2ePost, e2eUserWithInstance, until } from '../support/browser-helpers.ts';

interface E2EConfig {
  graphqlUrl: string;
  apiOrigin: string;
  dialogOrigin: string;
  embeddedId: string;
}

const SLACK_ALERTS = '3f6c1d0e-8a41-4c55-9d2b-1a0b9e7c5a01';
const SLACK_SLOT = 'external_slack_authentication';

let config: E2EConfig;

/** A new user with a fresh instance of "Slack alerts", and a one-time code for the dialog. */
async function setUp() {
  const { token, instanceId, fetchAuthCode } = await e2eUserWithInstance('dialog-user', SLACK_ALERTS);
  return { token, instanceId, code: await fetchAuthCode() };
}

const dialogUrl = (instanceId: string, code: string, embeddedId = config.embeddedId) =>
  `${config.dialogOrigin}/external/auth/create/${embeddedId}/${instanceId}/${SLACK_SLOT}?code=${encodeURIComponent(code)}`;

/** A button whose click handler opens the popup synchronously, as the widget must. */
function opener(url: string): { button: HTMLButtonElement; popup: () => Window | null; messages: Array<{ origin: string; data: any }> } {
  let popup: Window | null = null;
  const messages: Array<{ origin: string; data: any }> = [];
  const button = document.createElement('button');
  button.textContent = 'Connect';
  button.addEventListener('click', () => {
    popup = window.open(url, 'tray-auth', 'popup,width=480,height=560');
  });
  window.addEventListener('message', (event) => {
    if (popup && event.source === popup) messages.push({ origin: event.origin, data: event.data });
  });
  document.body.append(button);
  return { button, popup: () => popup, messages };
}

describe('emulator auth dialog (real popup on a second origin)', () => {
  before(async () => {
    await closeAllPopups();
    config = (await (await fetch('/__e2e/config')).json()) as E2EConfig;
    expect(new URL(config.dialogOrigin).origin).to.not.equal(location.origin);
  });
  afterEach(() => {
    document.querySelectorAll('button').forEach((b) => b.remove());
  });

  it('Allow creates an authentication for the code’s user and posts tray.authpopup.finish from the dialog origin, then closes', async () => {
    const { token, instanceId, code } = await setUp();
    const page = opener(dialogUrl(instanceId, code));
    await realClick(page.button);
    expect(page.popup(), 'window.open inside a trusted click').to.not.equal(null);
    expect(await popupText()).to.contain('Connect Slack');

    await popupClick('Allow');
    const message = await until(() => page.messages[0], 'the finish message');
    expect(message.origin).to.equal(config.dialogOrigin);
    expect(message.data.type).to.equal('tray.authpopup.finish');
    expect(message.data.authType).to.equal('oauth');
    await waitForPopupClosed();

    const auths = await e2ePost<any>('/__e2e/graphql', {
      token,
      body: { query: '{ viewer { authentications { edges { node { id service { name title } } } } } }' },
    });
    const nodes = auths.data.viewer.authentications.edges.map((e: any) => e.node);
    expect(nodes).to.deep.equal([{ id: message.data.authId, service: { name: 'slack', title: 'Slack' } }]);

    // The dialog does not attach it: the host does, with updateSolutionInstance.
    const updated = await e2ePost<any>('/__e2e/graphql', {
      token,
      body: {
        query: 'mutation ($i: ID!, $a: [AuthValue!]) { updateSolutionInstance(input: {solutionInstanceId: $i, authValues: $a}) { solutionInstance { authValues { externalId authId } } } }',
        variables: { i: instanceId, a: [{ externalId: SLACK_SLOT, authId: message.data.authId }] },
      },
    });
    expect(updated.data.updateSolutionInstance.solutionInstance.authValues).to.deep.equal([{ externalId: SLACK_SLOT, authId: message.data.authId }]);
  });

  it('with the drop-finish switch on, Allow creates the auth and closes the window without posting finish', async () => {
    const { token, instanceId, code } = await setUp();
    await e2ePost('/__e2e/control?action=drop-auth-finish&on=1');
    try {
      const page = opener(dialogUrl(instanceId, code));
      await realClick(page.button);
      await popupClick('Allow');
      await waitForPopupClosed();
      // The window is gone; a finish it had posted would have been delivered before it closed.
      await new Promise((r) => setTimeout(r, 300));
      expect(page.messages, 'no message reached the opener').to.deep.equal([]);
    } finally {
      await e2ePost('/__e2e/control?action=drop-auth-finish&on=0');
    }
    const auths = await e2ePost<any>('/__e2e/graphql', { token, body: { query: '{ viewer { authentications { edges { node { service { name } } } } } }' } });
    expect(auths.data.viewer.authentications.edges, 'the auth exists though the opener was not told').to.deep.equal([{ node: { service: { name: 'slack' } } }]);
  });

  it('Cancel posts tray.authpopup.close and closes the window', async () => {
    const { instanceId, code } = await setUp();
    const page = opener(dialogUrl(instanceId, code));
    await realClick(page.button);
    await popupClick('Cancel');
    const message = await until(() => page.messages[0], 'the close message');
    expect(message).to.deep.equal({ origin: config.dialogOrigin, data: { type: 'tray.authpopup.close' } });
    await waitForPopupClosed();
  });

  it('a used code shows an error and posts tray.authPopup.error', async () => {
    const { instanceId, code } = await setUp();
    // Spend the code first, as a second opening of the same URL would.
    const first = opener(dialogUrl(instanceId, code));
    await realClick(first.button);
    await popupClick('Cancel');
    await waitForPopupClosed();
    first.button.remove();

    const second = opener(dialogUrl(instanceId, code));
    await realClick(second.button);
    const message = await until(() => second.messages[0], 'the error message');
    expect(message.origin).to.equal(config.dialogOrigin);
    expect(message.data.type).to.equal('tray.authPopup.error');
    expect(message.data.error).to.contain('already been used');
    expect(await popupText()).to.contain('already been used');
    second.popup()?.close();
    await waitForPopupClosed();
  });

  it("an instance that is not the code's user's shows an error", async () => {
    const mine = await setUp();
    const other = await setUp();
    const page = opener(dialogUrl(mine.instanceId, other.code));
    await realClick(page.button);
    const message = await until(() => page.messages[0], 'the error message');
    expect(message.data).to.deep.equal({ type: 'tray.authPopup.error', error: `Solution instance "${mine.instanceId}" does not exist for this user.` });
    page.popup()?.close();
    await waitForPopupClosed();
  });
});
