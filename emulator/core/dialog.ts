/**
 * The auth-only dialog's pages, built on the shared page shell (strict CSP,
 * escaped values). Like Tray, messages go to the opener with target '*': the
 * receiver must check origin and source.
 */
import { errorPage, escapeHtml, page, postToHost, type Page } from './page.ts';

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

export function dialogFormPage(m: DialogFormModel): Page {
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
    `document.getElementById('cancel').addEventListener('click', function () {
  ${postToHost({ type: 'tray.authpopup.close' })}
  window.close();
});`,
  );
}

/**
 * After Allow. With `postFinish` false (the emulator's drop-finish switch) the
 * page closes without telling the opener, as a browser does when an OAuth
 * provider's Cross-Origin-Opener-Policy has severed `window.opener`.
 */
export function dialogFinishPage(serviceTitle: string, authType: string, authId: string, postFinish = true): Page {
  return page(
    `${serviceTitle} connected`,
    `<h1>${escapeHtml(serviceTitle)} connected</h1><p>You can close this window.</p>`,
    `${postFinish ? postToHost({ type: 'tray.authpopup.finish', authType, authId }) : ''}
window.close();`,
  );
}

export const dialogErrorPage = (error: string): Page => errorPage(error, { type: 'tray.authPopup.error', error });
