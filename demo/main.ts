/**
 * The demo host page's script: what a host product writes to embed the
 * widget (sign it in, give it the auth-code callback), plus demo tools: a
 * live log of the widget's events, a light/dark switch, and "Run and test".
 * Everything from Tray or the widget is rendered as text.
 */
import '../src/define.ts';
import { TRAY_EVENTS, createClient, loadMarketplace, type SolutionInstance } from '../src/index.ts';

interface PageConfig {
  mode: 'emulator' | 'tray';
  embeddedId: string;
  dialogOrigin: string;
  region: string | null;
  user: string;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const widget = document.querySelector('tray-integrations')!;

/** POSTs to the host backend (tray-integrations/server at /api/tray); the session cookie says who the user is. */
async function post<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const data = (await response.json().catch(() => ({}))) as T & { message?: string };
  if (!response.ok) throw new Error(data.message ?? `${path} answered HTTP ${response.status}`);
  return data;
}

// --- the embed: signed in by the backend -----------------------------------

// Nothing to set: the widgets POST to /api/tray/session and /api/tray/auth-code
// beside their endpoint, which the demo's backend mounts (createTrayHandler),
// and the session cookie says who the user is. This page's own headless
// client (Run and test, below) asks the same endpoint for its token.
let token: string | undefined;
const fetchToken = async () => {
  token = (await post<{ token: string }>('/api/tray/session')).token;
  return token;
};

// --- solutions with settings --------------------------------------------------

// Settings the host already knows for its user (here: Acme's own notification
// preferences), keyed by config slot externalId. A solution whose slots are
// all known connects with them and only asks for authorization (in the
// emulator: "Daily orders digest to Slack"); for the rest the widget offers
// Set up, Tray's configuration wizard (e.g. "Weekly report to Google Sheets").
const knownSettings: Record<string, unknown> = { external_slack_channel: '#acme-orders', external_send_hour: 8 };
widget.resolveConfig = (solution) =>
  solution.configSlots.every((slot) => slot.externalId in knownSettings)
    ? Object.fromEntries(solution.configSlots.map((slot) => [slot.externalId, knownSettings[slot.externalId]]))
    : undefined;

// The host's own check of what the user typed in the wizard: no blank text.
widget.validateConfig = (slots) => {
  const blank = slots.filter((slot) => typeof slot.value === 'string' && !slot.value.trim());
  return blank.length ? Object.fromEntries(blank.map((slot) => [slot.externalId, 'This setting cannot be blank.'])) : undefined;
};

/** Where the auth dialog lives and which Embedded id to use: the backend knows (emulator or real Tray). */
async function start(): Promise<void> {
  const config = (await (await fetch('/demo/config')).json()) as PageConfig;
  $('signed-in').textContent = `Signed in as ${config.user}`;
  const mode = $('mode');
  mode.textContent =
    config.mode === 'emulator'
      ? 'Running on the local Tray emulator: authorizing asks for no real credentials.'
      : `Running against real Tray (region ${config.region}).`;
  mode.hidden = false;
  widget.embeddedId = config.embeddedId;
  if (config.region) widget.region = config.region;
  else widget.dialogOrigin = config.dialogOrigin;
  if (config.mode === 'emulator') showSlackRow(config);
}

// --- one integration where it is needed --------------------------------------

/** "Slack alerts" in the emulator's built-in catalogue; with real Tray, your solutions have ids of their own. */
const SLACK_ALERTS_ID = '3f6c1d0e-8a41-4c55-9d2b-1a0b9e7c5a01';

/**
 * The Slack row a host would put on its own Slack settings page: one solution
 * in one line. Both elements talk to the same endpoint, so each shows a
 * change made in the other.
 */
function showSlackRow(config: PageConfig): void {
  const row = document.createElement('tray-integrations');
  row.setAttribute('solution-id', SLACK_ALERTS_ID);
  row.setAttribute('layout', 'compact');
  row.endpoint = '/api/tray/graphql';
  row.embeddedId = config.embeddedId;
  row.dialogOrigin = config.dialogOrigin;
  for (const type of Object.values(TRAY_EVENTS)) row.addEventListener(type, logEvent);
  $('row').append(row);
  $('row-section').hidden = false;
}

// --- live event log ----------------------------------------------------------

const log = $('event-log');
function logEvent(event: Event): void {
  const item = document.createElement('li');
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString();
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = event.type;
  // The event classes carry their payload as own fields (isTrusted is the browser's).
  const fields = Object.fromEntries(Object.entries(event).filter(([key]) => key !== 'isTrusted'));
  const detail = document.createElement('div');
  detail.textContent = JSON.stringify({ ...fields, ...(event.cancelable ? { cancelable: true } : {}) });
  item.append(time, name, detail);
  log.prepend(item);
}
for (const type of Object.values(TRAY_EVENTS)) widget.addEventListener(type, logEvent);
$('clear-log').addEventListener('click', () => log.replaceChildren());

// --- light / dark ----------------------------------------------------------

const dark = $<HTMLInputElement>('dark-mode');
const applyTheme = () => (document.documentElement.dataset.theme = dark.checked ? 'dark' : 'light');
dark.checked = matchMedia('(prefers-color-scheme: dark)').matches;
dark.addEventListener('change', applyTheme);
applyTheme();

// --- language ----------------------------------------------------------------

// The widget speaks the nearest lang attribute's language: here its own, set
// by the demo's switch (a host would more often set <html lang>).
const language = $<HTMLSelectElement>('language');
language.addEventListener('change', () => {
  if (language.value) widget.lang = language.value;
  else widget.removeAttribute('lang');
});

// --- run and test ----------------------------------------------------------

// The headless API reads the same data the widget shows; only the instances
// are needed here, so the solutions and authentications are left out.
const client = createClient({ endpoint: '/api/tray/graphql', getToken: () => token, fetchToken });
const runnable = $('runnable');
const result = $('run-result');
let refreshing: AbortController | undefined;

async function refreshRunnable(): Promise<void> {
  refreshing?.abort();
  const controller = (refreshing = new AbortController());
  let instances: SolutionInstance[];
  try {
    instances = (await loadMarketplace(client, { solutions: false, authentications: false }, controller.signal)).instances;
  } catch {
    return; // The widget shows load failures itself.
  }
  if (controller.signal.aborted) return;
  const enabled = instances.filter((instance) => instance.enabled && instance.workflows.edges.some((edge) => edge.node.triggerUrl));
  runnable.replaceChildren(
    ...enabled.map((instance) => {
      const item = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = instance.name;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Run and test';
      button.addEventListener('click', () => void run(instance, button));
      item.append(name, button);
      return item;
    }),
  );
  $('runnable-empty').hidden = enabled.length > 0;
}

interface RunResult {
  instance: string;
  workflow: string;
  triggerStatus: number;
  started: string;
  runs: Array<{ id: string; at: string; method: string }> | null;
}

async function run(instance: SolutionInstance, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  result.textContent = `Running ${instance.name}…`;
  try {
    const outcome = await post<RunResult>('/demo/run', { instanceId: instance.id });
    const heading = document.createElement('p');
    heading.textContent = `Ran “${outcome.workflow}” of ${outcome.instance}: the trigger answered HTTP ${outcome.triggerStatus}.`;
    result.replaceChildren(heading);
    if (outcome.runs) {
      const caption = document.createElement('p');
      caption.textContent = `Runs recorded by the emulator (${outcome.runs.length}):`;
      const list = document.createElement('ol');
      list.className = 'runs';
      list.append(
        ...outcome.runs.map((r) => {
          const li = document.createElement('li');
          li.textContent = `${new Date(r.at).toLocaleTimeString()} · ${r.method} · run ${r.id.slice(0, 8)}`;
          return li;
        }),
      );
      result.append(caption, list);
    }
  } catch (error) {
    result.textContent = error instanceof Error ? error.message : String(error);
  } finally {
    button.disabled = false;
  }
}

for (const type of [TRAY_EVENTS.load, TRAY_EVENTS.enable, TRAY_EVENTS.disable, TRAY_EVENTS.delete]) {
  widget.addEventListener(type, () => void refreshRunnable());
}

start().catch((error: unknown) => {
  const problem = $('problem');
  problem.textContent = `The demo could not sign the widget in: ${error instanceof Error ? error.message : String(error)}`;
  problem.hidden = false;
});
