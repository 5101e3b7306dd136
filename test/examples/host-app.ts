/**
 * What every framework example's test proves, and what it needs for that: a
 * Tray (the emulator's core through msw), the host backend's two endpoints
 * answered the way tray-integrations/server answers them, and the steps a
 * user takes on the rendered widget. Each framework's test file says only how
 * its framework mounts and unmounts the example (`describeExample`).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { TrayIntegrationsElement } from '../../src/elements/tray-integrations.ts';
import { startMockTray, type MockTray } from '../support/msw-tray.ts';

const USER = 'demo-user';
const STRIPE = 'Stripe payments to QuickBooks';

interface HostBackend {
  tray: MockTray;
  /** How many times the page POSTed /api/tray/session. */
  readonly sessions: number;
}

/** Starts the mock Tray and the host's endpoints for one suite: call in `before`. */
async function startHostBackend(): Promise<HostBackend> {
  const tray = await startMockTray();
  const backend = { tray, sessions: 0 };
  tray.worker.use(
    http.post('*/api/tray/session', async () => (backend.sessions++, HttpResponse.json({ token: await tray.userToken(USER) }))),
    http.post('*/api/tray/auth-code', async () => HttpResponse.json({ code: await tray.authCode(USER) })),
  );
  return backend;
}

/** waitUntil resolves to nothing, so this returns what the predicate found. */
export async function found<T>(find: () => T | null | undefined, message: string): Promise<T> {
  await waitUntil(() => find(), message);
  return find()!;
}

function button(card: Element, name: string): HTMLButtonElement | undefined {
  return [...card.querySelectorAll('button')].find((b) => b.textContent!.trim() === name);
}

/** The widget the framework rendered inside `host`, once its marketplace shows the Stripe card. */
async function loadedWidget(host: Element): Promise<{ widget: TrayIntegrationsElement; card: HTMLElement }> {
  const widget = await found(() => host.querySelector('tray-integrations'), 'the framework rendered the element');
  const card = await found(
    () => [...(widget.shadowRoot?.querySelectorAll('article') ?? [])].find((a) => a.querySelector('h3')!.textContent === STRIPE),
    'the marketplace loaded',
  );
  return { widget, card };
}

/**
 * The callbacks reached the element as properties: functions, not strings in
 * attributes, the attributes the example sets are there, and each callback
 * answers from the host backend.
 */
async function expectCallbacksAsProperties(widget: TrayIntegrationsElement): Promise<void> {
  expect(typeof widget.fetchToken, 'fetchToken').to.equal('function');
  expect(typeof widget.fetchAuthCode, 'fetchAuthCode').to.equal('function');
  expect(widget.getAttributeNames().filter((name) => /fetch|token/i.test(name)), 'callbacks set as attributes').to.deep.equal([]);
  expect([widget.region, widget.embeddedId]).to.deep.equal(['eu', 'YOUR_EMBEDDED_ID']);
  expect(await widget.fetchAuthCode!()).to.be.a('string').and.not.equal('');
}

/** Disables the Stripe integration from its card and enables it again; returns its instance id. */
async function reEnable(backend: HostBackend, card: HTMLElement): Promise<string> {
  button(card, 'Disable')!.click();
  const enable = await found(() => button(card, 'Enable'), 'the integration is disabled');
  enable.click();
  const instance = [...backend.tray.emulator.store.instances.values()].find((i) => i.name === STRIPE)!;
  await waitUntil(() => instance.enabled, 'Tray has the integration enabled again');
  return instance.id;
}

/** Undoes a mount: the framework's own unmount. */
export type Unmount = () => void | Promise<void>;
/** Mounts the framework's example into `host`, wiring its "enabled" output to `onEnabled`. */
export type MountExample = (host: HTMLElement, onEnabled: (instanceId: string) => void) => Unmount | Promise<Unmount>;

/**
 * The suite every framework example passes: the framework hands the widget its
 * callbacks as properties before the first load, and the widget's tray-enable
 * event reaches the host component. `more` adds a framework's own tests, with
 * the same backend and a fresh `host()` element.
 */
export function describeExample(framework: string, mountExample: MountExample, more?: (host: () => HTMLElement) => void): void {
  describe(`the README ${framework} example`, () => {
    let backend: HostBackend;
    let host: HTMLElement;
    let unmount: Unmount | undefined;
    before(async () => (backend = await startHostBackend()));
    after(() => backend.tray.stop());
    beforeEach(() => {
      host = document.createElement('div');
      document.body.append(host);
    });
    afterEach(async () => {
      await unmount?.();
      unmount = undefined;
      host.remove();
    });

    it('sets fetchToken and fetchAuthCode as properties before the first load, and hands tray-enable to the host component', async () => {
      const enabled: string[] = [];
      const sessionsBefore = backend.sessions;
      unmount = await mountExample(host, (instanceId) => enabled.push(instanceId));
      const { widget, card } = await loadedWidget(host);
      expect(backend.sessions - sessionsBefore, 'the first load asked the host backend for one token').to.equal(1);
      await expectCallbacksAsProperties(widget);

      const instanceId = await reEnable(backend, card);
      await waitUntil(() => enabled.length === 1, 'the host component heard tray-enable');
      expect(enabled).to.deep.equal([instanceId]);
    });

    more?.(() => host);
  });
}
