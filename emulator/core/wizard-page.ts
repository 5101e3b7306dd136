/**
 * The configuration wizard's page: a labelled input per config slot, an
 * "Allow {slot title}" button per auth slot, Finish and Cancel. Its script
 * speaks Tray's `tray.configPopup.*` protocol with the window that opened it
 * (or the page framing it), with target '*' as Tray does; the one message it
 * accepts, `tray.configPopup.client.validation`, must come from that very
 * window, from the origin of the first answer it took, and only while a
 * validation is pending.
 */
import { escapeHtml, page, scriptJson, type Page } from './page.ts';

/** How a slot's value is edited, read off its JSON value. */
export type SlotKind = 'string' | 'number' | 'boolean' | 'json';

export interface WizardConfigSlot {
  externalId: string;
  title: string;
  /** Json scalar text: the instance's current value, else the slot's default. */
  value: string | null;
}

export interface WizardAuthSlot {
  externalId: string;
  title: string;
  serviceTitle: string;
  /** The instance already holds an auth for this slot. */
  connected: boolean;
}

export interface WizardModel {
  solutionTitle: string;
  instanceName: string;
  userName: string;
  /** Names the wizard's session (not the code); the page sends it with each request. */
  session: string;
  /** The wizard's own path: `/allow` and `/finish` are posted below it. */
  action: string;
  configSlots: WizardConfigSlot[];
  authSlots: WizardAuthSlot[];
  /** Ask the host to validate (tray.configPopup.validate) before saving. */
  externalValidation: boolean;
}

export function slotKind(text: string | null): SlotKind {
  if (text === null) return 'json';
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'string') return 'string';
    if (typeof value === 'number') return 'number';
    if (typeof value === 'boolean') return 'boolean';
  } catch {
    /* the store only holds JSON text; treat anything else as raw JSON */
  }
  return 'json';
}

function configField(slot: WizardConfigSlot, kind: SlotKind, i: number): string {
  const id = `config-${i}`;
  const error = `<p class="error" id="${id}-error" role="alert"></p>`;
  const described = `aria-describedby="${id}-error"`;
  if (kind === 'boolean') {
    const checked = slot.value !== null && JSON.parse(slot.value) === true ? ' checked' : '';
    return `<label class="check" for="${id}"><input type="checkbox" id="${id}" ${described}${checked}>${escapeHtml(slot.title)}</label>${error}`;
  }
  let value = slot.value ?? '';
  if (kind === 'string') value = JSON.parse(slot.value as string) as string;
  const type = kind === 'number' ? 'number' : 'text';
  return `<label for="${id}">${escapeHtml(slot.title)}</label><input type="${type}" id="${id}" ${described} value="${escapeHtml(value)}">${error}`;
}

function authField(slot: WizardAuthSlot, i: number): string {
  const id = `auth-${i}`;
  return `<div class="auth"><span id="${id}-state">${escapeHtml(slot.serviceTitle)}: ${slot.connected ? 'connected' : 'not connected'}</span>
<button type="button" id="${id}" aria-describedby="${id}-error">Allow ${escapeHtml(slot.title)}</button></div>
<p class="error" id="${id}-error" role="alert"></p>`;
}

/** The page's script; `model` is embedded as escaped JSON. */
const SCRIPT = `
  var host = window.opener || (window.parent !== window ? window.parent : null);
  function post(message) { if (host) host.postMessage(message, '*'); }
  var hostOrigin = null;
  var pending = null;
  var busy = false;
  var statusLine = document.getElementById('status');
  var formError = document.getElementById('form-error');
  function has(o) { return Object.keys(o).length > 0; }
  function fieldOf(externalId) {
    for (var i = 0; i < model.configSlots.length; i++) if (model.configSlots[i].externalId === externalId) return 'config-' + i;
    for (var j = 0; j < model.authSlots.length; j++) if (model.authSlots[j].externalId === externalId) return 'auth-' + j;
    return null;
  }
  function showErrors(errors) {
    var fields = document.querySelectorAll('[aria-describedby]');
    for (var k = 0; k < fields.length; k++) fields[k].removeAttribute('aria-invalid');
    var shown = document.querySelectorAll('.error');
    for (var n = 0; n < shown.length; n++) shown[n].textContent = '';
    var other = [];
    Object.keys(errors).forEach(function (externalId) {
      var field = fieldOf(externalId);
      var text = String(errors[externalId]);
      if (!field) return other.push(text);
      document.getElementById(field).setAttribute('aria-invalid', 'true');
      document.getElementById(field + '-error').textContent = text;
    });
    formError.textContent = other.join(' ');
    statusLine.textContent = has(errors) ? 'Fix the highlighted settings, then choose Finish again.' : '';
  }
  function fail(message) {
    statusLine.textContent = '';
    formError.textContent = message;
    post({ type: 'tray.configPopup.error', err: message });
  }
  function collect() {
    var values = {}, problems = {};
    model.configSlots.forEach(function (slot, i) {
      var input = document.getElementById('config-' + i);
      if (slot.kind === 'boolean') values[slot.externalId] = input.checked;
      else if (slot.kind === 'string') values[slot.externalId] = input.value;
      else if (slot.kind === 'number') {
        if (input.value.trim() === '' || !isFinite(Number(input.value))) problems[slot.externalId] = 'Enter a number.';
        else values[slot.externalId] = Number(input.value);
      } else {
        try { values[slot.externalId] = JSON.parse(input.value); }
        catch (e) { problems[slot.externalId] = 'Enter a JSON value, for example "text", 7 or true.'; }
      }
    });
    return { values: values, problems: problems };
  }
  function call(what, body) {
    body.session = model.session;
    return fetch(model.action + '/' + what, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'omit'
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (response.ok || answer.errors) return answer;
        throw new Error(answer.error || 'The emulator refused the request.');
      });
    });
  }
  function validate(values) {
    return new Promise(function (resolve) {
      pending = resolve;
      statusLine.textContent = 'Asking the app to check your settings…';
      post({ type: 'tray.configPopup.validate', data: { visibleSlots: model.configSlots.map(function (slot) {
        return { externalId: slot.externalId, title: slot.title, value: values[slot.externalId] };
      }) } });
    });
  }
  window.addEventListener('message', function (event) {
    if (!pending || !host || event.source !== host || event.origin === 'null') return;
    if (hostOrigin !== null && event.origin !== hostOrigin) return;
    var d = event.data;
    if (!d || typeof d !== 'object' || String(d.type).toLowerCase() !== 'tray.configpopup.client.validation') return;
    if (!d.data || typeof d.data !== 'object') return;
    hostOrigin = event.origin;
    if (d.data.inProgress === true) { statusLine.textContent = 'The app is checking your settings…'; return; }
    if (d.data.inProgress !== false) return;
    var errors = {};
    var given = d.data.errors && typeof d.data.errors === 'object' ? d.data.errors : {};
    Object.keys(given).forEach(function (key) { if (typeof given[key] === 'string' && given[key]) errors[key] = given[key]; });
    var resolve = pending;
    pending = null;
    resolve(errors);
  });
  model.authSlots.forEach(function (slot, i) {
    document.getElementById('auth-' + i).addEventListener('click', function () {
      if (busy) return;
      busy = true;
      call('allow', { slot: slot.externalId }).then(function (answer) {
        if (answer.errors) return showErrors(answer.errors);
        document.getElementById('auth-' + i + '-state').textContent = slot.serviceTitle + ': connected as ' + answer.name;
        document.getElementById('auth-' + i + '-error').textContent = '';
      }, function (error) { fail(error.message); }).then(function () { busy = false; });
    });
  });
  document.getElementById('finish').addEventListener('click', function () {
    if (busy) return;
    var collected = collect();
    if (has(collected.problems)) return showErrors(collected.problems);
    busy = true;
    showErrors({});
    (model.externalValidation ? validate(collected.values) : Promise.resolve({})).then(function (errors) {
      if (has(errors)) return showErrors(errors);
      statusLine.textContent = 'Saving…';
      var configValues = {};
      Object.keys(collected.values).forEach(function (key) { configValues[key] = JSON.stringify(collected.values[key]); });
      return call('finish', { configValues: configValues }).then(function (answer) {
        if (answer.errors) return showErrors(answer.errors);
        statusLine.textContent = 'Settings saved.';
        post({ type: 'tray.configPopup.finish', data: { solutionInstanceId: answer.solutionInstanceId } });
      });
    }).catch(function (error) { fail(error.message); }).then(function () { busy = false; });
  });
  document.getElementById('cancel').addEventListener('click', function () {
    post({ type: 'tray.configPopup.cancel' });
  });
  post({ type: 'tray.configPopup.ready' });
`;

export function wizardPage(m: WizardModel): Page {
  const kinds = m.configSlots.map((slot) => slotKind(slot.value));
  const config = m.configSlots.map((slot, i) => configField(slot, kinds[i] as SlotKind, i)).join('\n');
  const auth = m.authSlots.map(authField).join('\n');
  const model = {
    session: m.session,
    action: m.action,
    externalValidation: m.externalValidation,
    configSlots: m.configSlots.map((slot, i) => ({ externalId: slot.externalId, title: slot.title, kind: kinds[i] })),
    authSlots: m.authSlots.map(({ externalId, title, serviceTitle }) => ({ externalId, title, serviceTitle })),
  };
  return page(
    `Set up ${m.solutionTitle}`,
    `<h1>Set up ${escapeHtml(m.solutionTitle)}</h1>
<p>Settings of <strong>${escapeHtml(m.instanceName)}</strong> for ${escapeHtml(m.userName)}. This is the local Tray emulator: no real account is contacted.</p>
<div id="wizard">
${auth ? `<h2>Accounts</h2>\n${auth}` : ''}
${config ? `<h2>Settings</h2>\n${config}` : ''}
<p class="error" id="form-error" role="alert"></p>
<p id="status" role="status"></p>
<div class="actions">
  <button type="button" id="cancel">Cancel</button>
  <button type="button" id="finish">Finish</button>
</div>
</div>`,
    `(function () {
  var model = ${scriptJson(model)};
  ${SCRIPT}
})();`,
  );
}

