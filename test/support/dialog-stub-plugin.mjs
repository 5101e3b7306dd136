// A scripted stand-in for Tray's auth dialog, for testing how the widget's
// services treat each message the dialog (or an impostor) might post. The
// embeddedId segment names the script. Served by the test server on every
// host name, so http://127.0.0.1:<port> is a second origin for pages loaded
// from http://localhost:<port>. The real dialog is the emulator's.
const SCRIPTS = {
  finish: `opener.postMessage({ type: 'tray.authpopup.finish', authType: 'oauth', authId: 'auth-' + code }, '*'); close();`,
  'finish-shouting': `opener.postMessage({ type: 'TRAY.AUTHPOPUP.FINISH', authId: 'auth-loud' }, '*'); close();`,
  'finish-twice': `opener.postMessage({ type: 'tray.authpopup.finish', authId: 'auth-first' }, '*');
    opener.postMessage({ type: 'tray.authpopup.finish', authId: 'auth-second' }, '*'); close();`,
  close: `opener.postMessage({ type: 'tray.authpopup.close' }, '*'); close();`,
  error: `opener.postMessage({ type: 'tray.authPopup.error', error: 'code expired' }, '*');`,
  'odd-id': `opener.postMessage({ type: 'tray.authpopup.finish', authId: '<img src=x onerror=alert(1)>' }, '*');`,
  junk: `for (const m of [null, 'tray.authpopup.finish', 42, {}, { type: 7 }, { type: 'tray.other' }]) opener.postMessage(m, '*');
    setTimeout(() => opener.postMessage({ type: 'tray.authpopup.finish', authId: 'auth-after-junk' }, '*'), 100);`,
  'vanish': `close();`,
  'forge-parent': `parent.postMessage({ type: 'tray.authpopup.finish', authId: 'auth-forged' }, '*');`,
  stay: ``,
};

export function dialogStubPlugin() {
  return {
    name: 'dialog-stub',
    serve(context) {
      const match = /^\/external\/auth\/create\/([^/]+)\/[^/]+\/[^/]+$/.exec(context.path);
      if (!match) return undefined;
      const script = SCRIPTS[decodeURIComponent(match[1])];
      if (script === undefined) return { status: 404, body: 'no such stub script' };
      const body = `<!doctype html><title>Stub dialog</title><p>stub dialog</p>
<script>const code = new URL(location.href).searchParams.get('code'); ${script}</script>`;
      return { body, type: 'html' };
    },
  };
}
