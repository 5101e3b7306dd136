import { expect } from '@open-wc/testing';
import { authDialogUrl, openAuthDialog, type AuthDialog, type AuthDialogOptions } from '../../src/services/auth-dialog.ts';
import { openPopup } from '../../src/services/dialog-window.ts';
import { rejection } from '../support/rejection.ts';
import { blockPopups } from '../support/popups.ts';
import { closeAllPopups } from '../support/commands.ts';
import { inClick, settledWithin } from '../support/browser-helpers.ts';

// Pages load from http://localhost:<port>; the dialog stand-in is served on
// http://127.0.0.1:<port>, a different origin, so every check is a real
// cross-origin postMessage between real windows.
const DIALOG_ORIGIN = `http://127.0.0.1:${location.port}`;

/** Runs `open` inside a trusted click, as a user's click would. */
const openWithGesture = (options: Partial<AuthDialogOptions> & { embeddedId: string }): Promise<AuthDialog> =>
  inClick('Authorize', () =>
    openAuthDialog({
      dialogOrigin: DIALOG_ORIGIN,
      solutionInstanceId: 'instance-1',
      externalAuthId: 'slack_auth',
      fetchAuthCode: async () => 'one-time-code',
      ...options,
    }),
  );

describe('auth-only dialog', () => {
  let open: AuthDialog | undefined;
  afterEach(async () => {
    open?.close();
    open = undefined;
    // Closed from the browser's side and waited for, so the next test's
    // click never races a window that is still going away.
    await closeAllPopups();
  });

  it('builds the dialog URL with encoded segments and the code as its only query value', () => {
    const url = authDialogUrl({
      dialogOrigin: 'https://embedded.eu1.tray.io',
      embeddedId: 'acme',
      solutionInstanceId: 'a/b',
      externalAuthId: 'slack auth',
      code: 'c0de&x=1',
    });
    expect(url).to.equal('https://embedded.eu1.tray.io/external/auth/create/acme/a%2Fb/slack%20auth?code=c0de%26x%3D1');
  });

  it('opens the window inside the click even when the code arrives later, then finishes with the auth id', async () => {
    let codeCalls = 0;
    open = await openWithGesture({
      embeddedId: 'finish',
      fetchAuthCode: async () => {
        codeCalls++;
        await new Promise((resolve) => setTimeout(resolve, 150));
        return 'slow-code';
      },
    });
    expect(open.popup, 'popup opened').to.not.equal(null);
    expect(await open.result).to.deep.equal({ authId: 'auth-slow-code', authType: 'oauth' });
    expect(codeCalls).to.equal(1);
  });

  it('with an instance still being created, asks for the code at the same time and opens the dialog once both are in', async () => {
    let created!: (id: string) => void;
    const creating = new Promise<string>((resolve) => (created = resolve));
    let codeAsked = false;
    open = await openWithGesture({
      embeddedId: 'finish',
      solutionInstanceId: creating,
      fetchAuthCode: async () => ((codeAsked = true), 'parallel-code'),
    });
    expect(open.popup, 'opened inside the click').to.not.equal(null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(codeAsked, 'the code is asked for before the instance exists').to.equal(true);
    expect(open.popup!.location.href, 'no dialog URL before the instance exists').to.equal('about:blank');
    created('instance-new');
    expect((await open.result).authId).to.equal('auth-parallel-code');
  });

  it('shows the dialog in a window opened earlier in the click (openPopup)', async () => {
    const popup = await inClick('Connect', () => openPopup());
    expect(popup).to.not.equal(null);
    open = openAuthDialog({
      dialogOrigin: DIALOG_ORIGIN,
      embeddedId: 'finish',
      solutionInstanceId: 'instance-1',
      externalAuthId: 'slack_auth',
      fetchAuthCode: async () => 'later-code',
      popup,
    });
    expect(open.popup).to.equal(popup);
    expect((await open.result).authId).to.equal('auth-later-code');
    expect(popup!.closed).to.equal(true);
  });

  it('reports a blocked window as popup-blocked without spending a code', async () => {
    let codeCalls = 0;
    const unblock = blockPopups();
    try {
      open = await openWithGesture({ embeddedId: 'finish', fetchAuthCode: async () => (codeCalls++, 'code') });
    } finally {
      unblock();
    }
    expect(open.popup).to.equal(null);
    const error = await rejection(open.result);
    expect(error.code).to.equal('popup-blocked');
    expect(error.recoverable).to.equal(true);
    expect(codeCalls, 'no code is spent on a blocked popup').to.equal(0);
  });

  it('matches message types case-insensitively and takes only the first finish', async () => {
    open = await openWithGesture({ embeddedId: 'finish-shouting' });
    expect((await open.result).authId).to.equal('auth-loud');
    open = await openWithGesture({ embeddedId: 'finish-twice' });
    expect((await open.result).authId).to.equal('auth-first');
  });

  it('treats the close message as cancelled, and the error message as a dialog error', async () => {
    open = await openWithGesture({ embeddedId: 'close' });
    expect((await rejection(open.result)).code).to.equal('dialog-closed');
    open = await openWithGesture({ embeddedId: 'error' });
    const error = await rejection(open.result);
    expect(error.code).to.equal('dialog-error');
    expect(error.message).to.contain('code expired');
    expect(open.popup!.closed, 'the window is closed after an error').to.equal(true);
  });

  it('notices a window closed without any message', async () => {
    open = await openWithGesture({ embeddedId: 'vanish' });
    expect((await rejection(open.result)).code).to.equal('dialog-closed');
  });

  it('ignores junk messages from the dialog and rejects a finish with an odd auth id', async () => {
    open = await openWithGesture({ embeddedId: 'junk' });
    expect((await open.result).authId).to.equal('auth-after-junk');
    open = await openWithGesture({ embeddedId: 'odd-id' });
    expect((await rejection(open.result)).code).to.equal('dialog-error');
  });

  it('ignores a finish forged by the host page, by a frame on the dialog origin, or by another origin', async () => {
    open = await openWithGesture({ embeddedId: 'stay' });
    window.postMessage({ type: 'tray.authpopup.finish', authId: 'auth-forged' }, '*');
    // A frame on the very dialog origin: right origin, wrong window.
    const frame = document.createElement('iframe');
    frame.src = authDialogUrl({ dialogOrigin: DIALOG_ORIGIN, embeddedId: 'forge-parent', solutionInstanceId: 'i', externalAuthId: 's', code: 'x' });
    // And a frame on a third origin posting the same thing.
    const other = document.createElement('iframe');
    other.src = authDialogUrl({ dialogOrigin: `http://[::1]:${location.port}`, embeddedId: 'forge-parent', solutionInstanceId: 'i', externalAuthId: 's', code: 'x' });
    const loaded = Promise.all([frame, other].map((f) => new Promise((resolve) => f.addEventListener('load', resolve, { once: true }))));
    document.body.append(frame, other);
    await loaded;
    expect(await settledWithin(open.result, 600), 'forged messages settled the dialog').to.equal(false);
    frame.remove();
    other.remove();
  });

  it('closes the window and rejects with aborted when the caller gives up', async () => {
    const controller = new AbortController();
    open = await openWithGesture({ embeddedId: 'stay', signal: controller.signal });
    controller.abort();
    expect((await rejection(open.result)).code).to.equal('aborted');
    expect(open.popup!.closed).to.equal(true);
  });

  it('closes the window and explains when the host cannot provide a code', async () => {
    open = await openWithGesture({
      embeddedId: 'finish',
      fetchAuthCode: async () => {
        throw new Error('backend said 500');
      },
    });
    const error = await rejection(open.result);
    expect(error.code).to.equal('dialog-error');
    expect(error.message).to.contain('backend said 500');
    expect(open.popup!.closed).to.equal(true);
  });

  it('names the missing settings instead of opening a window', async () => {
    const dialog = openAuthDialog({
      dialogOrigin: DIALOG_ORIGIN,
      embeddedId: '',
      solutionInstanceId: 'i',
      externalAuthId: 's',
      fetchAuthCode: async () => 'code',
    });
    expect(dialog.popup).to.equal(null);
    const error = await rejection(dialog.result);
    expect(error.code).to.equal('invalid-config');
    expect(error.message).to.contain('embeddedId');
  });
});
