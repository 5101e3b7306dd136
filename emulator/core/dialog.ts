/**
 * The auth-only dialog's pages. Every value from the fixture or the URL is
 * HTML-escaped; every message posted to the opener is JSON embedded with `<`
 * escaped so no value can end the script. Like Tray, messages go to the
 * opener with target '*': the receiver must check origin and source.
 */

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028|\u2029/g, ' ');

const STYLE = `
  body { font: 15px/1.4 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #f5f6f8; }
  main { max-width: 420px; margin: 32px auto; background: #fff; border-radius: 10px; padding: 24px; box-shadow: 0 1px 4px #0002; }
  h1 { font-size: 20px; margin: 0 0 12px; display: flex; gap: 10px; align-items: center; }
  h1 img { width: 32px; height: 32px; }
  label { display: block; margin: 16px 0 4px; }
  input { width: 100%; box-sizing: border-box; padding: 8px; font: inherit; }
  .actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 20px; }
  button { font: inherit; padding: 8px 16px; border-radius: 6px; border: 1px solid #888; background: #fff; cursor: pointer; }
  button[type=submit] { background: #1f5fd6; color: #fff; border-color: #1f5fd6; }
  .error { color: #a00; }
`;

function page(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
${script ? `<script>${script}</script>` : ''}
</body>
</html>`;
}

const postToOpener = (message: unknown, thenClose: boolean) => `
  (function () {
    var message = ${scriptJson(message)};
    if (window.opener) window.opener.postMessage(message, '*');
    ${thenClose ? 'window.close();' : ''}
  })();`;

export interface DialogFormModel {
  serviceTitle: string;
  serviceIcon: string;
  slotTitle: string;
  solutionTitle: string;
  userName: string;
  /** Names the form's one-time dialog session; not the code. */
  session: string;
  action: string;
}

export function dialogFormPage(m: DialogFormModel): string {
  const defaultName = `${m.serviceTitle} account of ${m.userName}`;
  return page(
    `Connect ${m.serviceTitle}`,
    `<h1><img src="${escapeHtml(m.serviceIcon)}" alt="">Connect ${escapeHtml(m.serviceTitle)}</h1>
<p><strong>${escapeHtml(m.solutionTitle)}</strong> asks for access to your ${escapeHtml(m.serviceTitle)} account (${escapeHtml(m.slotTitle)}).</p>
<p>This is the local Tray emulator: no real account is contacted.</p>
<form method="post" action="${escapeHtml(m.action)}">
  <input type="hidden" name="session" value="${escapeHtml(m.session)}">
  <label for="auth-name">Name this connection</label>
  <input id="auth-name" name="name" value="${escapeHtml(defaultName)}" maxlength="120">
  <div class="actions">
    <button type="button" id="cancel">Cancel</button>
    <button type="submit">Allow</button>
  </div>
</form>`,
    `document.getElementById('cancel').addEventListener('click', function () {${postToOpener({ type: 'tray.authpopup.close' }, true)}
  });`,
  );
}

export function dialogFinishPage(serviceTitle: string, authType: string, authId: string): string {
  return page(
    `${serviceTitle} connected`,
    `<h1>${escapeHtml(serviceTitle)} connected</h1><p>You can close this window.</p>`,
    postToOpener({ type: 'tray.authpopup.finish', authType, authId }, true),
  );
}

export function dialogErrorPage(error: string): string {
  return page(
    'Cannot connect',
    `<h1>Cannot connect</h1><p class="error" role="alert">${escapeHtml(error)}</p>
<div class="actions"><button type="button" onclick="window.close()">Close</button></div>`,
    postToOpener({ type: 'tray.authPopup.error', error }, false),
  );
}
