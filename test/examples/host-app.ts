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
import { findCard } from '../../scripts/find-card.ts';
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
  const card = await found(() => findCard(widget.shadowRoot, STRIPE), 'the marketplace loaded');
  return { widget, card };
}

/**
 * Markup only, as recommended: the example sets no token callback, so the
 * widget asked the host backend's session endpoint itself; `messages` reached
 * the element as a property (an object, never an attribute string); and the
 * attributes the example sets are there.
 */
function expectMarkupWithMessagesProperty(widget: TrayIntegrationsElement): void {
  expect(widget.fetchToken, 'no fetchToken: the default endpoints serve').to.equal(undefined);
  expect(widget.messages, 'messages as a property').to.include({ disable: 'Pause', enable: 'Resume' });
  expect(widget.getAttributeNames().filter((name) => /messages|fetch|token/i.test(name)), 'properties set as attributes').to.deep.equal([]);
  expect([widget.region, widget.embeddedId]).to.deep.equal(['eu', 'YOUR_EMBEDDED_ID']);
}

/** Pauses the Stripe integration from its card and resumes it, by the example's own words; returns its instance id. */
async function reEnable(backend: HostBackend, card: HTMLElement): Promise<string> {
  const pause = await found(() => button(card, 'Pause'), "the card shows the example's word for Disable");
  pause.click();
  const resume = await found(() => button(card, 'Resume'), 'the integration is paused');
  resume.click();
  const instance = [...backend.tray.emulator.store.instances.values()].find((i) => i.name === STRIPE)!;
  await waitUntil(() => instance.enabled, 'Tray has the integration enabled again');
  return instance.id;
}

/** Undoes a mount: the framework's own unmount. */
export type Unmount = () => void | Promise<void>;
/** Mounts the framework's example into `host`, wiring its "enabled" output to `onEnabled`. */
export type MountExample = (host: HTMLElement, onEnabled: (instanceId: string) => void) => Unmount | Promise<Unmount>;

/**
 * The suite every framework example passes: the widget loads from the host
 * backend's endpoints with no callback, the framework hands it `messages` as a
 * property, and the widget's tray-enable event reaches the host component. `more` adds a framework's own tests, with
 * the same backend and a fresh `host()` element.
 */
export function describeExample(framework: string, mountExample: MountExample, more?: (host: () => HTMLElement) => void): void {
  describe(`the ${framework} example of docs/frameworks.md`, () => {
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

    it('loads from the default endpoints with markup alone, sets messages as a property, and hands tray-enable to the host component', async () => {
      const enabled: string[] = [];
      const sessionsBefore = backend.sessions;
      unmount = await mountExample(host, (instanceId) => enabled.push(instanceId));
      const { widget, card } = await loadedWidget(host);
      expect(backend.sessions - sessionsBefore, 'the first load asked the host backend for one token').to.equal(1);
      expectMarkupWithMessagesProperty(widget);

      const instanceId = await reEnable(backend, card);
      await waitUntil(() => enabled.length === 1, 'the host component heard tray-enable');
      expect(enabled).to.deep.equal([instanceId]);
    });

    more?.(() => host);
  });
}

/**
 * A page with the element and no script of the host's around it (plain HTML,
 * a Next.js client page): once defined, it loads from the host backend's
 * endpoints and its buttons work.
 */
export function describeMarkupOnlyPage(page: string, mountPage: (host: HTMLElement) => Unmount | Promise<Unmount>): void {
  describe(`the ${page} page of docs/frameworks.md`, () => {
    let backend: HostBackend;
    let host: HTMLElement;
    let unmount: Unmount | undefined;
    before(async () => (backend = await startHostBackend()));
    after(() => backend.tray.stop());
    beforeEach(() => (host = document.body.appendChild(document.createElement('div'))));
    afterEach(async () => {
      await unmount?.();
      host.remove();
    });

    it('loads the marketplace from the default endpoints, and Disable reaches Tray', async () => {
      const sessionsBefore = backend.sessions;
      unmount = await mountPage(host);
      // The page defines the element when it chooses (an effect's dynamic import).
      await customElements.whenDefined('tray-integrations');
      const { card } = await loadedWidget(host);
      expect(backend.sessions - sessionsBefore, 'one token from the session endpoint').to.equal(1);
      button(card, 'Disable')!.click();
      const instance = [...backend.tray.emulator.store.instances.values()].find((i) => i.name === STRIPE)!;
      await waitUntil(() => !instance.enabled, 'Tray has the integration disabled');
    });
  });
}
