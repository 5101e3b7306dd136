/**
 * <tray-integrations> in Chromium against the emulator's core (msw). The auth
 * dialog is the dialog stub on the second origin (127.0.0.1 vs localhost):
 * its script is picked by `embedded-id`, and it answers `auth-<code>`, so the
 * code fetchAuthCode returns names the fixture auth the "dialog" created.
 */
import { aTimeout, expect, fixture as mount, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/define.ts';
import type { TrayIntegrationsElement } from '../../src/elements/tray-integrations.ts';
import {
  TrayAuthorizeEvent,
  TrayConnectEvent,
  TrayDeleteEvent,
  TrayDisableEvent,
  TrayEnableEvent,
  TrayErrorEvent,
  TrayLoadEvent,
} from '../../src/events.ts';
import { startMockTray, type MockTray } from '../support/msw-tray.ts';
import { realClick } from '../support/commands.ts';
import { blockPopups } from '../support/popups.ts';
import { CRM, fixture, hostile, HOSTILE_TITLE, SLACK } from './fixture.ts';

let tray: MockTray;
/** GraphQL bodies the widget sent, in order. */
let sent: Array<{ operationName: string; variables: Record<string, unknown> }> = [];

before(async () => {
  tray = await startMockTray({ fixture: fixture() });
  tray.worker.events.on('request:start', async ({ request }) => {
    if (!request.url.endsWith('/api/tray/graphql')) return;
    sent.push(await request.clone().json());
  });
});
after(() => tray.stop());
beforeEach(() => {
  tray.emulator.reset();
  sent = [];
});

const DIALOG_ORIGIN = `${location.protocol}//${location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1'}:${location.port}`;
const ops = (name: string) => sent.filter((s) => s.operationName === name);

interface Setup {
  script?: string;
  codes?: string[];
  token?: string | undefined;
  fetchToken?: () => Promise<string>;
  tags?: string[];
  autoEnable?: boolean;
  messages?: Record<string, unknown>;
  wait?: boolean;
}

/** Mounts the element for user ext-1; `codes` are what fetchAuthCode hands out, in order. */
async function setup(options: Setup = {}) {
  const codes = [...(options.codes ?? [])];
  const calls = { fetchAuthCode: 0, fetchToken: 0 };
  const token = 'token' in options ? options.token : await tray.userToken('ext-1');
  const el = await mount<TrayIntegrationsElement>(html`<tray-integrations
    .token=${token}
    .fetchAuthCode=${async () => {
      calls.fetchAuthCode++;
      return codes.shift() ?? 'no-code-left';
    }}
    .fetchToken=${options.fetchToken &&
    (() => {
      calls.fetchToken++;
      return options.fetchToken!();
    })}
    .tags=${options.tags}
    .autoEnable=${options.autoEnable ?? true}
    .messages=${options.messages}
    dialog-origin=${DIALOG_ORIGIN}
    embedded-id=${options.script ?? 'finish'}
  ></tray-integrations>`);
  if (options.wait !== false) {
    // Up to 5 s: a failing load is retried with backoff before the error shows.
    await waitUntil(() => el.shadowRoot!.querySelector('article, [part=empty], [part~=error]'), 'the widget loads', { timeout: 5000 });
  }
  return { el, calls };
}

const root = (el: TrayIntegrationsElement) => el.shadowRoot!;
const cards = (el: TrayIntegrationsElement) => [...root(el).querySelectorAll('article')];
function card(el: TrayIntegrationsElement, title: string): HTMLElement {
  const found = cards(el).find((a) => a.querySelector('h3')!.textContent === title);
  if (!found) throw new Error(`no card titled ${title}`);
  return found;
}
const buttons = (scope: ParentNode) => [...scope.querySelectorAll('button')];
function button(scope: ParentNode, name: string): HTMLButtonElement {
  const found = buttons(scope).find((b) => b.textContent!.trim() === name);
  if (!found) throw new Error(`no button "${name}" among: ${buttons(scope).map((b) => b.textContent!.trim()).join(', ')}`);
  return found;
}
const badge = (el: TrayIntegrationsElement, title: string) => card(el, title).querySelector('[part~=badge]')!.textContent!.trim();
const status = (el: TrayIntegrationsElement) => root(el).querySelector('[role=status]')!.textContent!.trim();
/** The next event of this type, typed as the element dispatches it. */
const next = <K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, type: K) =>
  oneEvent(target, type) as unknown as Promise<GlobalEventHandlersEventMap[K]>;
/** Waits until no card has an action running. */
const idle = (el: TrayIntegrationsElement) =>
  waitUntil(() => !root(el).querySelector('article[aria-busy=true]'), 'every action finishes', { timeout: 5000 });
const storeInstance = (id: string) => tray.emulator.store.instances.get(id);
const instancesOf = (solutionId: string) => [...tray.emulator.store.instances.values()].filter((i) => i.solutionId === solutionId);

/** Every event of these types the element dispatches, as seen on the document (so: bubbling and composed). */
function record(...types: Array<keyof GlobalEventHandlersEventMap>) {
  const seen: Event[] = [];
  const listener = (event: Event) => seen.push(event);
  beforeEach(() => {
    seen.length = 0;
    for (const type of types) document.addEventListener(type, listener);
  });
  afterEach(() => {
    for (const type of types) document.removeEventListener(type, listener);
  });
  return seen;
}

describe('<tray-integrations>', () => {
  it('is accessible', async () => {
    const { el } = await setup();
    await expect(el).to.be.accessible();
  });

  it('loads solutions, instances and auths in one GraphQL request and reports the counts', async () => {
    const token = await tray.userToken('ext-1');
    const el = document.createElement('tray-integrations');
    el.token = token;
    const loaded = next(document, 'tray-load');
    document.body.append(el);
    try {
      const event = await loaded;
      expect(event).to.be.instanceOf(TrayLoadEvent);
      expect(event.composed && event.bubbles).to.equal(true);
      expect([event.solutions, event.instances]).to.deep.equal([9, 4]);
      expect(sent.map((s) => s.operationName)).to.deep.equal(['Marketplace']);
      expect(tray.emulator.requests.map((r) => r.rootFields)).to.deep.equal([['viewer']]);
      await el.updateComplete;
      expect(status(el)).to.equal('9 integrations loaded.');
    } finally {
      el.remove();
    }
  });

  it('never puts the token in an attribute or the markup', async () => {
    const token = await tray.userToken('ext-1');
    const { el } = await setup({ token });
    expect(el.outerHTML).not.to.contain(token);
    expect(root(el).innerHTML).not.to.contain(token);
    expect([...el.attributes].map((a) => a.value).join(' ')).not.to.contain(token);
  });

  it('shows each state with its badge, services, and why a solution is unavailable', async () => {
    const { el } = await setup();
    expect(badge(el, 'Slack alerts')).to.equal('Not connected');
    expect(badge(el, 'Orders to Slack')).to.equal('Enabled');
    expect(badge(el, 'Leads to Slack')).to.equal('Disabled');
    expect(badge(el, 'Issues to Slack')).to.equal('Update required');
    expect(badge(el, 'Needs settings')).to.equal('Unavailable');
    expect(badge(el, 'Daily digest')).to.equal('Enabled');

    const unavailable = card(el, 'Needs settings');
    expect(buttons(unavailable)).to.have.length(0);
    expect(unavailable.querySelector('[part~=note]')!.textContent).to.contain('needs settings that cannot be entered here');

    const on = card(el, 'Orders to Slack');
    // Service title and icon come from the user's authentication, not the slot.
    expect(on.querySelector('[part~=service]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Slack: Authorized');
    expect(on.querySelector<HTMLImageElement>('[part~=service] img')!.src).to.equal('https://icons.example/slack.png');
    expect(buttons(on).map((b) => b.textContent!.trim())).to.deep.equal(['Reconnect Slack workspace', 'Disable', 'Delete']);
    expect(buttons(card(el, 'Leads to Slack')).map((b) => b.textContent!.trim())).to.contain('Enable');

    const upgrade = card(el, 'Issues to Slack');
    expect(upgrade.textContent).to.contain('A new version needs you to authorize again');
    expect(upgrade.querySelector('[part~=service-missing]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Jira site: Not authorized');
    expect(buttons(upgrade).map((b) => b.textContent!.trim())).to.deep.equal(['Update Jira site', 'Disable', 'Delete']);

    expect(card(el, 'Daily digest').textContent).to.contain('A newer version is available');
    expect(buttons(card(el, 'Daily digest')).map((b) => b.textContent!.trim())).not.to.contain('Update Slack workspace');

    const slack = card(el, 'Slack alerts');
    expect(slack.querySelector('[part~=description]')!.textContent).to.equal('Post new orders to Slack.');
    expect(slack.querySelector('[part~=tag]')!.textContent).to.equal('messaging');
    const image = slack.querySelector<HTMLImageElement>('[part~=image]')!;
    expect(image.src).to.equal('https://images.example/slack.png');
    expect(image.alt).to.equal('Slack alerts logo');
  });

  it('renders hostile solution text as text and drops unsafe image URLs', async () => {
    (window as { __pwned?: number }).__pwned = 0;
    const { el } = await setup();
    const evil = card(el, HOSTILE_TITLE);
    expect(evil.querySelector('h3')!.textContent).to.equal(HOSTILE_TITLE);
    expect(evil.querySelector('[part~=description]')!.textContent).to.equal(hostile.description);
    expect(evil.querySelector('[part~=tag]')!.textContent).to.equal('<i>tag</i>');
    expect(evil.querySelectorAll('img, script, b, i, u')).to.have.length(0);
    // Very long text wraps inside the card instead of widening it.
    expect(evil.scrollWidth).to.be.at.most(evil.clientWidth + 1);
    await aTimeout(50);
    expect((window as { __pwned?: number }).__pwned).to.equal(0);
  });

  it('shows an accessible loading skeleton while loading', async () => {
    tray.emulator.setLatency(400);
    const { el } = await setup({ wait: false });
    const skeleton = root(el).querySelector('[part~=skeleton]');
    expect(skeleton).to.exist;
    expect(root(el).querySelector('[part=base]')!.getAttribute('aria-busy')).to.equal('true');
    expect(root(el).textContent).to.contain('Loading integrations…');
    await expect(el).to.be.accessible();
    await waitUntil(() => cards(el).length > 0);
    expect(root(el).querySelector('[part~=skeleton]')).to.equal(null);
  });

  it('shows an accessible empty state when no solution matches the tags', async () => {
    const { el } = await setup({ tags: ['no-such-tag'] });
    expect(root(el).querySelector('[part=empty]')!.textContent).to.equal('No integrations are available yet.');
    expect(sent[0]!.variables.tags).to.deep.equal(['no-such-tag']);
    await expect(el).to.be.accessible();
  });

  it('filters by the tags attribute', async () => {
    const token = await tray.userToken('ext-1');
    const el = await mount<TrayIntegrationsElement>(html`<tray-integrations .token=${token} tags="crm"></tray-integrations>`);
    await waitUntil(() => cards(el).length > 0);
    expect(cards(el).map((c) => c.querySelector('h3')!.textContent)).to.deep.equal(['Jira and Slack', 'Needs settings']);
  });

  describe('errors', () => {
    const errors = record('tray-error');

    it('shows an accessible error state whose Retry loads again', async () => {
      // The client retries a query 3 times: 4 failures reach the widget.
      tray.emulator.faults.failNext(4, 'http500');
      const { el } = await setup();
      const error = root(el).querySelector('[part~=error]')!;
      expect(error.textContent).to.contain('Integrations could not be loaded.');
      expect(error.textContent).to.contain('HTTP 500');
      const event = errors.at(-1) as TrayErrorEvent;
      expect(event).to.be.instanceOf(TrayErrorEvent);
      expect([event.code, event.recoverable]).to.deep.equal(['server', true]);
      await expect(el).to.be.accessible();
      button(root(el), 'Retry').click();
      await waitUntil(() => cards(el).length > 0, 'Retry loads the cards');
    });

    it('asks fetchToken for a new token when Tray rejects it, and retries once', async () => {
      const fresh = await tray.userToken('ext-1');
      const { el, calls } = await setup({ token: 'expired-token', fetchToken: async () => fresh });
      expect(cards(el).length).to.equal(9);
      expect(calls.fetchToken).to.equal(1);
      expect(tray.emulator.requests.map((r) => r.token)).to.deep.equal(['invalid', 'user']);
      // The new token is used for what follows, without asking again.
      button(card(el, 'Orders to Slack'), 'Disable').click();
      await waitUntil(() => badge(el, 'Orders to Slack') === 'Disabled');
      expect(calls.fetchToken).to.equal(1);
      expect(tray.emulator.requests.at(-1)!.token).to.equal('user');
    });

    it('asks fetchToken when no token is set', async () => {
      const fresh = await tray.userToken('ext-1');
      const { el, calls } = await setup({ token: undefined, fetchToken: async () => fresh });
      expect(cards(el).length).to.equal(9);
      expect(calls.fetchToken).to.equal(1);
    });

    it('waits for a token or fetchToken set after it is on the page, then loads once', async () => {
      const { el, calls } = await setup({ token: undefined, wait: false });
      await aTimeout(100);
      expect(root(el).querySelector('[part=skeleton]'), 'still waiting, not failed').to.not.equal(null);
      expect(root(el).querySelector('[part~=error]')).to.equal(null);
      expect(sent).to.have.length(0);
      const fresh = await tray.userToken('ext-1');
      el.fetchToken = async () => (calls.fetchToken++, fresh);
      await waitUntil(() => cards(el).length === 9, 'the cards load once fetchToken is set');
      expect(calls.fetchToken).to.equal(1);
      // A new function (as a framework re-render passes) does not reload.
      el.fetchToken = async () => fresh;
      await aTimeout(100);
      expect(ops('Marketplace')).to.have.length(1);
    });

    it('says what to fix when the token is rejected and there is no fetchToken', async () => {
      const { el } = await setup({ token: 'expired-token' });
      expect(root(el).querySelector('[part~=error]')!.textContent).to.contain('set a valid token property, or provide fetchToken');
      expect((errors.at(-1) as TrayErrorEvent).code).to.equal('token-rejected');
    });

    it('re-reads the instance after a failed action instead of guessing', async () => {
      const { el } = await setup();
      tray.emulator.faults.failNext(1, 'http500');
      button(card(el, 'Orders to Slack'), 'Disable').click();
      await waitUntil(() => ops('Instance').length === 1, 'the instance is re-read');
      await waitUntil(() => card(el, 'Orders to Slack').querySelector('[part~=error]'));
      expect(card(el, 'Orders to Slack').querySelector('[part~=error]')!.textContent).to.contain('HTTP 500');
      expect(ops('Instance')[0]!.variables).to.deep.equal({ id: 'inst-on' });
      expect(badge(el, 'Orders to Slack')).to.equal('Enabled');
      const event = errors.at(-1) as TrayErrorEvent;
      expect([event.code, event.instanceId]).to.deep.equal(['server', 'inst-on']);
      await expect(el).to.be.accessible();
    });
  });

  describe('connect', () => {
    const events = record('tray-connect', 'tray-authorize', 'tray-enable', 'tray-delete', 'tray-error');

    it('does nothing when tray-connect is cancelled', async () => {
      const { el } = await setup();
      el.addEventListener('tray-connect', (e) => e.preventDefault(), { once: true });
      button(card(el, 'Slack alerts'), 'Connect').click();
      await aTimeout(100);
      expect(ops('CreateInstance')).to.have.length(0);
      expect(badge(el, 'Slack alerts')).to.equal('Not connected');
      const event = events[0] as TrayConnectEvent;
      expect([event.phase, event.cancelable, event.defaultPrevented]).to.deep.equal(['request', true, true]);
    });

    it('creates one instance per click even on a double click', async () => {
      const { el } = await setup();
      const connect = button(card(el, 'Slack alerts'), 'Connect');
      connect.click();
      connect.click();
      await waitUntil(() => badge(el, 'Slack alerts') === 'Needs authorization');
      expect(ops('CreateInstance')).to.have.length(1);
      expect(instancesOf(SLACK)).to.have.length(1);
      expect(ops('CreateInstance')[0]!.variables).to.deep.equal({ solutionId: SLACK, instanceName: 'Slack alerts' });
    });

    it('connects, authorizes in the popup and enables, all from the keyboard', async () => {
      const { el, calls } = await setup({ codes: ['slack-2'] });
      button(card(el, 'Slack alerts'), 'Connect').focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => badge(el, 'Slack alerts') === 'Needs authorization', 'connected');
      const [request, created] = events as TrayConnectEvent[];
      expect([request!.phase, request!.solutionId, request!.instanceId]).to.deep.equal(['request', SLACK, null]);
      expect([created!.phase, created!.cancelable]).to.deep.equal(['created', false]);
      const instanceId = created!.instanceId!;
      expect(storeInstance(instanceId)).to.exist;
      expect(status(el)).to.equal('Slack alerts connected. Authorize it to continue.');

      // Focus moved to the next step; Enter is a real key press, so the popup may open.
      await waitUntil(() => root(el).activeElement?.textContent?.trim() === 'Authorize Slack workspace', 'focus on Authorize');
      await expect(el).to.be.accessible();
      const authorizing = next(el, 'tray-authorize');
      const enabling = next(el, 'tray-enable');
      await sendKeys({ press: 'Enter' });

      const authorized = await authorizing;
      expect(authorized).to.be.instanceOf(TrayAuthorizeEvent);
      expect([authorized.instanceId, authorized.externalId, authorized.authId, authorized.reason, authorized.previousAuthId]).to.deep.equal([
        instanceId,
        'slack_auth',
        'auth-slack-2',
        'authorize',
        null,
      ]);
      expect(calls.fetchAuthCode).to.equal(1);

      const enabled = await enabling;
      expect([enabled.instanceId, enabled.auto]).to.deep.equal([instanceId, true]);
      await el.updateComplete;
      expect(badge(el, 'Slack alerts')).to.equal('Enabled');
      expect(storeInstance(instanceId)!.enabled).to.equal(true);
      // The emulator refuses an enable sooner than 2 s after creation, so success proves the wait.
      const updates = ops('UpdateInstance').map((s) => s.variables);
      expect(updates).to.deep.equal([
        { solutionInstanceId: instanceId, authValues: [{ externalId: 'slack_auth', authId: 'auth-slack-2' }] },
        { solutionInstanceId: instanceId, enabled: true, errorOnEnablingWithMissingValues: true },
      ]);
      expect(status(el)).to.equal('Slack alerts enabled.');
      await waitUntil(() => root(el).activeElement?.textContent?.trim() === 'Disable', 'focus on the toggle');
    });

    it('enables a solution without auth slots right after connecting, 2 s after creation', async () => {
      const { el } = await setup();
      const enabling = next(el, 'tray-enable');
      button(card(el, 'Webhook relay'), 'Connect').click();
      expect((await enabling).auto).to.equal(true);
      await el.updateComplete;
      expect(badge(el, 'Webhook relay')).to.equal('Enabled');
      expect(ops('UpdateInstance').map((s) => s.variables.errorOnEnablingWithMissingValues)).to.deep.equal([true]);
    });

    it('does not enable when autoEnable is off', async () => {
      const { el } = await setup({ codes: ['slack-2'], autoEnable: false });
      button(card(el, 'Slack alerts'), 'Connect').click();
      await waitUntil(() => badge(el, 'Slack alerts') === 'Needs authorization');
      await realClick(button(card(el, 'Slack alerts'), 'Authorize Slack workspace'));
      await waitUntil(() => badge(el, 'Slack alerts') === 'Disabled');
      await aTimeout(2200);
      expect(badge(el, 'Slack alerts')).to.equal('Disabled');
      expect(events.some((e) => e.type === 'tray-enable')).to.equal(false);
    });

    it('sends all auth values and enables only once every slot is filled', async () => {
      const { el } = await setup({ codes: ['jira-1', 'slack-1'] });
      button(card(el, 'Jira and Slack'), 'Connect').click();
      await waitUntil(() => badge(el, 'Jira and Slack') === 'Needs authorization');
      await realClick(button(card(el, 'Jira and Slack'), 'Authorize Jira site'));
      await waitUntil(() => buttons(card(el, 'Jira and Slack')).some((b) => b.textContent!.trim() === 'Reconnect Jira site' && !b.disabled));
      expect(badge(el, 'Jira and Slack')).to.equal('Needs authorization');
      expect(events.some((e) => e.type === 'tray-enable')).to.equal(false);
      await realClick(button(card(el, 'Jira and Slack'), 'Authorize Slack workspace'));
      await waitUntil(() => badge(el, 'Jira and Slack') === 'Enabled', 'enabled after the last slot', { timeout: 5000 });
      const [id] = instancesOf(CRM).map((i) => i.id);
      expect(ops('UpdateInstance')[1]!.variables).to.deep.equal({
        solutionInstanceId: id,
        authValues: [
          { externalId: 'jira_auth', authId: 'auth-jira-1' },
          { externalId: 'slack_auth', authId: 'auth-slack-1' },
        ],
      });
    });

    it('deletes the half-created instance when the dialog is closed before any auth, once', async () => {
      const { el } = await setup({ script: 'close' });
      button(card(el, 'Slack alerts'), 'Connect').click();
      await waitUntil(() => badge(el, 'Slack alerts') === 'Needs authorization');
      const instanceId = (events[1] as TrayConnectEvent).instanceId!;
      const gone = next(el, 'tray-delete');
      await realClick(button(card(el, 'Slack alerts'), 'Authorize Slack workspace'));
      const deleted = await gone;
      expect([deleted.instanceId, deleted.phase, deleted.reason, deleted.cancelable]).to.deep.equal([instanceId, 'deleted', 'abandoned', false]);
      await el.updateComplete;
      expect(badge(el, 'Slack alerts')).to.equal('Not connected');
      expect(storeInstance(instanceId)).to.equal(undefined);
      // The close message and the closed window both mean "cancelled": still one delete.
      await aTimeout(1000);
      expect(ops('RemoveInstance')).to.have.length(1);
      expect(events.filter((e) => e.type === 'tray-error')).to.have.length(0);
      expect(root(el).activeElement?.textContent?.trim()).to.equal('Connect');
    });

    it('treats a dialog window closed without a message as cancelled', async () => {
      const { el } = await setup({ script: 'vanish' });
      button(card(el, 'Slack alerts'), 'Connect').click();
      await waitUntil(() => badge(el, 'Slack alerts') === 'Needs authorization');
      await realClick(button(card(el, 'Slack alerts'), 'Authorize Slack workspace'));
      await waitUntil(() => badge(el, 'Slack alerts') === 'Not connected', 'abandoned instance removed', { timeout: 5000 });
      expect(instancesOf(SLACK)).to.have.length(0);
      expect(ops('RemoveInstance')).to.have.length(1);
    });

    it('keeps an instance that already has an auth when a later dialog is cancelled', async () => {
      const { el } = await setup({ script: 'close' });
      await realClick(button(card(el, 'Orders to Slack'), 'Reconnect Slack workspace'));
      await waitUntil(() => status(el) === 'Authorization of Slack workspace cancelled.');
      await el.updateComplete;
      expect(badge(el, 'Orders to Slack')).to.equal('Enabled');
      expect(ops('RemoveInstance')).to.have.length(0);
      expect(storeInstance('inst-on')!.authValues).to.deep.equal([{ externalId: 'slack_auth', authId: 'auth-slack-1' }]);
    });

    it('shows a dialog error and re-reads the instance', async () => {
      const { el } = await setup({ script: 'error' });
      const failed = next(el, 'tray-error');
      await realClick(button(card(el, 'Orders to Slack'), 'Reconnect Slack workspace'));
      const error = await failed;
      expect([error.code, error.instanceId]).to.deep.equal(['dialog-error', 'inst-on']);
      await waitUntil(() => ops('Instance').length === 1);
      expect(card(el, 'Orders to Slack').querySelector('[part~=error]')!.textContent).to.contain('code expired');
      await expect(el).to.be.accessible();
    });

    it('offers Continue when the popup is blocked, and a fresh click opens it', async () => {
      const { el, calls } = await setup({ codes: ['slack-2'] });
      button(card(el, 'Slack alerts'), 'Connect').click();
      await waitUntil(() => badge(el, 'Slack alerts') === 'Needs authorization');
      // Chromium driven over DevTools never blocks a popup, so the browser's
      // answer to a blocked one (window.open → null) is produced by hand.
      const failed = next(el, 'tray-error');
      const unblock = blockPopups();
      try {
        button(card(el, 'Slack alerts'), 'Authorize Slack workspace').click();
      } finally {
        unblock();
      }
      const blocked = await failed;
      expect([blocked.code, blocked.recoverable]).to.deep.equal(['popup-blocked', true]);
      await el.updateComplete;
      const slack = card(el, 'Slack alerts');
      expect(slack.querySelector('[part~=notice]')!.textContent).to.contain('The sign-in window was blocked');
      expect(calls.fetchAuthCode).to.equal(0);
      expect(instancesOf(SLACK)).to.have.length(1);
      await waitUntil(() => root(el).activeElement?.textContent?.trim() === 'Continue', 'focus on Continue');
      await expect(el).to.be.accessible();

      const done = next(el, 'tray-authorize');
      await realClick(button(slack, 'Continue'));
      const authorized = await done;
      expect(authorized.authId).to.equal('auth-slack-2');
      expect(calls.fetchAuthCode).to.equal(1);
      await el.updateComplete;
      expect(card(el, 'Slack alerts').querySelector('[part~=notice]')).to.equal(null);
    });

    it('says what to set when fetchAuthCode is missing, without opening anything', async () => {
      const { el } = await setup();
      el.fetchAuthCode = undefined;
      const failed = next(el, 'tray-error');
      await realClick(button(card(el, 'Orders to Slack'), 'Reconnect Slack workspace'));
      const error = await failed;
      expect([error.code, error.recoverable]).to.deep.equal(['invalid-config', false]);
      expect(error.message).to.contain('fetchAuthCode');
    });
  });

  describe('hostile messages', () => {
    const events = record('tray-authorize', 'tray-error');

    it('ignores finish messages from the wrong origin or the wrong window, and forged payloads', async () => {
      // The popup stays open and says nothing; impostors speak instead.
      const { el } = await setup({ script: 'stay' });
      await realClick(button(card(el, 'Orders to Slack'), 'Reconnect Slack workspace'));
      await waitUntil(() => card(el, 'Orders to Slack').getAttribute('aria-busy') === 'true');
      // Wrong origin: this page posts to itself.
      window.postMessage({ type: 'tray.authpopup.finish', authId: 'auth-slack-2' }, '*');
      // Right origin, wrong window: a frame on the dialog's origin.
      const frame = document.createElement('iframe');
      frame.src = `${DIALOG_ORIGIN}/external/auth/create/forge-parent/x/y?code=z`;
      const framed = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      document.body.append(frame);
      await framed;
      await aTimeout(300);
      frame.remove();
      expect(events).to.have.length(0);
      expect(ops('UpdateInstance')).to.have.length(0);
      expect(card(el, 'Orders to Slack').getAttribute('aria-busy')).to.equal('true');
      el.remove(); // closes the waiting popup
    });

    it('acts on the real finish after junk payloads from the popup', async () => {
      const { el } = await setup({ script: 'junk' });
      const done = next(el, 'tray-authorize');
      await realClick(button(card(el, 'Orders to Slack'), 'Reconnect Slack workspace'));
      const authorized = await done;
      expect(authorized.authId).to.equal('auth-after-junk');
      await idle(el);
      expect(events.filter((e) => e.type === 'tray-authorize' && (e as TrayAuthorizeEvent).reason === 'reconnect')).to.have.length(1);
    });

    it('refuses a finish whose authId is not an id', async () => {
      const { el } = await setup({ script: 'odd-id' });
      const failed = next(el, 'tray-error');
      await realClick(button(card(el, 'Orders to Slack'), 'Reconnect Slack workspace'));
      const error = await failed;
      expect(error.code).to.equal('dialog-error');
      expect(ops('UpdateInstance')).to.have.length(0);
      expect(root(el).querySelectorAll('img[src=x]')).to.have.length(0);
    });
  });

  describe('connected integrations', () => {
    const events = record('tray-authorize', 'tray-enable', 'tray-disable', 'tray-delete', 'tray-error');

    it('Reconnect replaces the auth on this and every other instance that used it, reporting each', async () => {
      const { el } = await setup({ codes: ['slack-2'] });
      await realClick(button(card(el, 'Orders to Slack'), 'Reconnect Slack workspace'));
      await waitUntil(() => events.length === 3, 'three instances updated', { timeout: 5000 });
      const seen = (events as TrayAuthorizeEvent[]).map((e) => [e.instanceId, e.reason, e.previousAuthId, e.authId]);
      expect(seen).to.deep.equal([
        ['inst-on', 'reconnect', 'auth-slack-1', 'auth-slack-2'],
        ['inst-off', 'propagate', 'auth-slack-1', 'auth-slack-2'],
        ['inst-upgrade', 'propagate', 'auth-slack-1', 'auth-slack-2'],
      ]);
      for (const id of ['inst-on', 'inst-off', 'inst-upgrade']) {
        expect(storeInstance(id)!.authValues.find((v) => v.externalId === 'slack_auth')!.authId).to.equal('auth-slack-2');
      }
      // A reconnect of an enabled instance does not touch its enabled state.
      expect(storeInstance('inst-on')!.enabled).to.equal(true);
      expect(storeInstance('inst-off')!.enabled).to.equal(false);
    });

    it('Update re-authorizes the new slot and upgrades the instance', async () => {
      const { el } = await setup({ codes: ['jira-1'] });
      await realClick(button(card(el, 'Issues to Slack'), 'Update Jira site'));
      await waitUntil(() => badge(el, 'Issues to Slack') === 'Enabled', 'upgraded', { timeout: 5000 });
      expect(ops('UpgradeInstance').map((s) => s.variables)).to.deep.equal([
        {
          solutionInstanceId: 'inst-upgrade',
          authValues: [
            { externalId: 'slack_auth', authId: 'auth-slack-1' },
            { externalId: 'jira_auth', authId: 'auth-jira-1' },
          ],
        },
      ]);
      const event = events[0] as TrayAuthorizeEvent;
      expect([event.reason, event.externalId, event.authId]).to.deep.equal(['upgrade', 'jira_auth', 'auth-jira-1']);
      expect(storeInstance('inst-upgrade')!.flags.requiresUserInputToUpdateVersion).to.equal(false);
      expect(status(el)).to.equal('Issues to Slack updated to the new version.');
    });

    it('an integration awaiting an update can still be disabled and enabled: it runs its current version', async () => {
      const { el } = await setup();
      button(card(el, 'Issues to Slack'), 'Disable').click();
      await waitUntil(() => storeInstance('inst-upgrade')!.enabled === false, 'disabled in Tray');
      await waitUntil(() => button(card(el, 'Issues to Slack'), 'Enable'), 'the toggle now offers Enable');
      expect(badge(el, 'Issues to Slack')).to.equal('Update required');
      button(card(el, 'Issues to Slack'), 'Enable').click();
      await waitUntil(() => storeInstance('inst-upgrade')!.enabled === true, 'enabled again in Tray');
      expect(ops('UpgradeInstance')).to.have.length(0);
    });

    it('disables and enables with the toggle', async () => {
      const { el } = await setup();
      button(card(el, 'Orders to Slack'), 'Disable').click();
      await waitUntil(() => badge(el, 'Orders to Slack') === 'Disabled');
      const disabled = events[0] as TrayDisableEvent;
      expect(disabled).to.be.instanceOf(TrayDisableEvent);
      expect(disabled.instanceId).to.equal('inst-on');
      expect(storeInstance('inst-on')!.enabled).to.equal(false);
      expect(status(el)).to.equal('Orders to Slack disabled.');
      await expect(el).to.be.accessible();

      button(card(el, 'Orders to Slack'), 'Enable').click();
      await waitUntil(() => badge(el, 'Orders to Slack') === 'Enabled');
      const enabled = events[1] as TrayEnableEvent;
      expect([enabled.instanceId, enabled.auto]).to.deep.equal(['inst-on', false]);
      expect(ops('UpdateInstance').at(-1)!.variables).to.deep.equal({
        solutionInstanceId: 'inst-on',
        enabled: true,
        errorOnEnablingWithMissingValues: true,
      });
      expect(storeInstance('inst-on')!.enabled).to.equal(true);
    });

    it('asks inside the widget before deleting; Escape and "Keep it" back out', async () => {
      const confirm = window.confirm;
      window.confirm = () => {
        throw new Error('window.confirm must not be used');
      };
      try {
        const { el } = await setup();
        button(card(el, 'Orders to Slack'), 'Delete').click();
        await el.updateComplete;
        expect(card(el, 'Orders to Slack').querySelector('[part~=confirm]')!.textContent).to.equal(
          'Delete Orders to Slack? Its workflows stop and it cannot be restored.',
        );
        expect(root(el).activeElement?.textContent?.trim()).to.equal('Keep it');
        await expect(el).to.be.accessible();
        await sendKeys({ press: 'Escape' });
        await el.updateComplete;
        expect(card(el, 'Orders to Slack').querySelector('[part~=confirm]')).to.equal(null);
        expect(root(el).activeElement?.textContent?.trim()).to.equal('Delete');

        await sendKeys({ press: 'Enter' });
        await el.updateComplete;
        button(card(el, 'Orders to Slack'), 'Keep it').click();
        await el.updateComplete;
        expect(storeInstance('inst-on')).to.exist;
        expect(ops('RemoveInstance')).to.have.length(0);
      } finally {
        window.confirm = confirm;
      }
    });

    it('keeps the instance when tray-delete is cancelled', async () => {
      const { el } = await setup();
      el.addEventListener('tray-delete', (e) => e.preventDefault(), { once: true });
      button(card(el, 'Orders to Slack'), 'Delete').click();
      await el.updateComplete;
      button(card(el, 'Orders to Slack'), 'Yes, delete').click();
      await aTimeout(100);
      const request = events[0] as TrayDeleteEvent;
      expect([request.phase, request.cancelable, request.defaultPrevented]).to.deep.equal(['request', true, true]);
      expect(ops('RemoveInstance')).to.have.length(0);
      expect(storeInstance('inst-on')).to.exist;
      expect(badge(el, 'Orders to Slack')).to.equal('Enabled');
    });

    it('deletes after confirmation and the card goes back to Not connected', async () => {
      const { el } = await setup();
      button(card(el, 'Orders to Slack'), 'Delete').click();
      await el.updateComplete;
      const yes = button(card(el, 'Orders to Slack'), 'Yes, delete');
      yes.click();
      yes.click();
      await waitUntil(() => badge(el, 'Orders to Slack') === 'Not connected');
      expect((events as TrayDeleteEvent[]).map((e) => [e.instanceId, e.phase, e.reason])).to.deep.equal([
        ['inst-on', 'request', 'user'],
        ['inst-on', 'deleted', 'user'],
      ]);
      expect(ops('RemoveInstance')).to.have.length(1);
      expect(storeInstance('inst-on')).to.equal(undefined);
      expect(status(el)).to.equal('Orders to Slack deleted.');
      await waitUntil(() => root(el).activeElement?.textContent?.trim() === 'Connect');
    });
  });

  it('cancels a load that new arguments superseded', async () => {
    tray.emulator.setLatency(300);
    const signals: AbortSignal[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (init?.signal) signals.push(init.signal);
      return realFetch(input, init);
    };
    let loads = 0;
    const counted = () => loads++;
    document.addEventListener('tray-load', counted);
    try {
      const { el } = await setup({ tags: ['crm'], wait: false });
      await waitUntil(() => signals.length === 1, 'the first load is sent');
      el.tags = ['messaging'];
      await waitUntil(() => cards(el).length > 0, 'the second load renders', { timeout: 5000 });
      expect(signals[0]!.aborted, 'the superseded request is aborted').to.equal(true);
      expect(sent.map((s) => s.variables.tags)).to.deep.equal([['crm'], ['messaging']]);
      expect(cards(el).map((c) => c.querySelector('h3')!.textContent)).to.include('Orders to Slack');
      expect(loads, 'only the load that counts is reported').to.equal(1);
    } finally {
      document.removeEventListener('tray-load', counted);
      window.fetch = realFetch;
    }
  });

  describe('theming', () => {
    const style = document.createElement('style');
    afterEach(async () => {
      style.remove();
      await emulateMedia({ colorScheme: 'light' });
    });

    it('reads custom properties from the page with layered fallbacks, and styles through ::part', async () => {
      const { el } = await setup();
      const slack = card(el, 'Slack alerts');
      const connect = button(slack, 'Connect');
      expect(getComputedStyle(slack).borderTopLeftRadius).to.equal('8px');
      // Nothing is declared on the host, so a theme on :root reaches every widget.
      expect(getComputedStyle(el).getPropertyValue('--tray-radius')).to.equal('');
      style.textContent = `
        :root { --tray-radius: 3px; --tray-button-radius: 11px; --tray-color-accent: rgb(1, 2, 3); }
        tray-integrations::part(badge-not-connected) { color: rgb(9, 8, 7); }
        tray-integrations::part(card-enabled) { outline: 4px solid rgb(4, 5, 6); }`;
      document.head.append(style);
      expect(getComputedStyle(slack).borderTopLeftRadius).to.equal('3px');
      expect(getComputedStyle(connect).borderTopLeftRadius).to.equal('11px');
      expect(getComputedStyle(connect).backgroundColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(slack.querySelector('[part~=badge]')!).color).to.equal('rgb(9, 8, 7)');
      expect(getComputedStyle(card(el, 'Orders to Slack')).outlineColor).to.equal('rgb(4, 5, 6)');
    });

    it('follows the dark color scheme unless the page sets colors', async () => {
      const { el } = await setup();
      const slack = card(el, 'Slack alerts');
      const light = getComputedStyle(slack).backgroundColor;
      await emulateMedia({ colorScheme: 'dark' });
      const dark = getComputedStyle(slack).backgroundColor;
      expect(dark).not.to.equal(light);
      await expect(el).to.be.accessible();
      style.textContent = ':root { --tray-color-surface: rgb(250, 240, 230); }';
      document.head.append(style);
      expect(getComputedStyle(slack).backgroundColor).to.equal('rgb(250, 240, 230)');
    });
  });

  it('takes partial message overrides and keeps the other defaults', async () => {
    const { el } = await setup({
      messages: { connect: 'Verbinden', authorize: (slot: string) => `${slot} autorisieren` },
    });
    expect(button(card(el, 'Slack alerts'), 'Verbinden')).to.exist;
    expect(badge(el, 'Slack alerts')).to.equal('Not connected');
    button(card(el, 'Slack alerts'), 'Verbinden').click();
    await waitUntil(() => buttons(card(el, 'Slack alerts')).some((b) => b.textContent!.trim() === 'Slack workspace autorisieren'));
  });

  it('registers the tag once, even when the definition module runs twice', async () => {
    const again = '../../src/define.ts?again';
    await import(/* @vite-ignore */ again);
    expect(customElements.get('tray-integrations')).to.equal(document.createElement('tray-integrations').constructor);
  });
});
