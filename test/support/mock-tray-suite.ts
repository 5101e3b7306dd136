/**
 * One setup for every browser suite that runs the widget against the
 * emulator's core through msw: starts the mock Tray for the file, records
 * every GraphQL request the widget sends, puts Tray (store, faults, clock
 * effects, msw overrides) back as the fixture has it before each test, and
 * mounts the widget as a host page would.
 *
 *   const suite = useMockTray({ fixture: fixture(), user: USER.externalUserId });
 *   const { el, widget, calls } = await suite.mount({ codes: ['slack-2'] });
 *   expect(suite.ops('CreateInstance')).to.have.length(1);
 */
import { fixture as mount, html } from '@open-wc/testing';
import type { HttpHandler } from 'msw';
import '../../src/define.ts';
import type { TrayIntegrationsElement } from '../../src/elements/tray-integrations.ts';
import { CROSS_DIALOG_ORIGIN } from './auth-dialog.ts';
import { startMockTray, type MockTray, type MockTrayOptions } from './msw-tray.ts';
import { WidgetHarness } from './widget-harness.ts';

/** One GraphQL request the widget sent, as it left the page. */
export interface Sent {
  url: string;
  /** The Authorization header it carried. */
  authorization: string;
  operationName: string;
  variables: Record<string, unknown>;
}

export interface MountOptions {
  /** Defaults to a fresh token of the suite's user; `undefined` mounts without one. */
  token?: string | undefined;
  fetchToken?: (() => Promise<string>) | undefined;
  /** What fetchAuthCode hands out, in order. */
  codes?: string[];
  /** False mounts without fetchAuthCode (the markup-only embed): codes come from the auth-code endpoint. */
  fetchAuthCode?: boolean;
  /** The stub dialog's script (test/support/dialog-stub-plugin.mjs), chosen by embedded-id. */
  script?: string;
  dialogOrigin?: string;
  autoEnable?: boolean;
  tags?: string[];
  messages?: Record<string, unknown>;
  /** The element's own `lang` attribute. */
  lang?: string;
  /** The element's `view` attribute (`accounts`). */
  view?: string;
  /** The element's `endpoint` (any path ending in /api/tray/graphql reaches the mock Tray); elements with one endpoint keep each other in step. */
  endpoint?: string;
  /** Further attributes, as a host's markup would set them (`solution-id`, `layout`). */
  attributes?: Record<string, string>;
  /** Where the element goes (default: a fixture container of its own). */
  parent?: HTMLElement;
  /** Wait for the first load to show (the default), or return at once. */
  wait?: boolean;
}

export interface Mounted {
  el: TrayIntegrationsElement;
  widget: WidgetHarness;
  /** How often the widget called the host's callbacks. */
  calls: { fetchAuthCode: number; fetchToken: number };
}

export interface MockTraySuiteOptions extends MockTrayOptions {
  /** The external user id whose token `mount` hands the widget. */
  user?: string;
  /** msw handlers the suite always has (kept across the per-test reset), e.g. a host endpoint. */
  handlers?: (tray: MockTray) => HttpHandler[];
}

export interface MockTraySuite {
  readonly tray: MockTray;
  /** GraphQL requests sent in this test, in order. */
  readonly sent: Sent[];
  ops(operationName: string): Sent[];
  userToken(): Promise<string>;
  mount(options?: MountOptions): Promise<Mounted>;
  /** The instance as Tray (the emulator's store) holds it now. */
  instance(id: string): ReturnType<MockTray['emulator']['store']['instances']['get']>;
  instancesOf(solutionId: string): Array<NonNullable<ReturnType<MockTraySuite['instance']>>>;
  /** The auth ids an instance holds in Tray, or null when it is gone. */
  authOf(instanceId: string): string[] | null;
}

/** Registers the file's hooks; call it once at the top level of a test file. */
export function useMockTray(options: MockTraySuiteOptions = {}): MockTraySuite {
  let tray: MockTray | undefined;
  const sent: Sent[] = [];
  const live = () => {
    if (!tray) throw new Error('the mock Tray starts in a before() hook: use it inside a test');
    return tray;
  };

  before(async () => {
    tray = await startMockTray(options);
    tray.worker.events.on('request:start', async ({ request }) => {
      if (!request.url.endsWith('/graphql')) return;
      // Recorded at once, so the order is the order of sending.
      const entry: Sent = { url: request.url, authorization: request.headers.get('authorization') ?? '', operationName: '(pending)', variables: {} };
      sent.push(entry);
      try {
        Object.assign(entry, await request.clone().json());
      } catch {
        entry.operationName = '(unreadable)';
      }
    });
  });
  after(() => tray?.stop());
  beforeEach(() => {
    const t = live();
    t.worker.resetHandlers();
    const handlers = options.handlers?.(t) ?? [];
    if (handlers.length) t.worker.use(...handlers);
    t.emulator.reset();
    sent.length = 0;
  });

  const suite: MockTraySuite = {
    get tray() {
      return live();
    },
    sent,
    ops: (name) => sent.filter((s) => s.operationName === name),
    userToken: () => live().userToken(options.user),
    instance: (id) => live().emulator.store.instances.get(id),
    instancesOf: (solutionId) => [...live().emulator.store.instances.values()].filter((i) => i.solutionId === solutionId),
    authOf: (id) => suite.instance(id)?.authValues.map((v) => v.authId) ?? null,

    async mount(mountOptions = {}) {
      const codes = [...(mountOptions.codes ?? [])];
      const calls = { fetchAuthCode: 0, fetchToken: 0 };
      const token = 'token' in mountOptions ? mountOptions.token : await suite.userToken();
      const fetchToken = mountOptions.fetchToken;
      const element = document.createElement('tray-integrations');
      // Only what the test gives is set, so every other property keeps the element's own default.
      const given = { token, tags: mountOptions.tags, messages: mountOptions.messages };
      for (const [key, value] of Object.entries(given)) if (value !== undefined) Object.assign(element, { [key]: value });
      element.autoEnable = mountOptions.autoEnable ?? true;
      if (mountOptions.fetchAuthCode !== false) {
        element.fetchAuthCode = async () => {
          calls.fetchAuthCode++;
          return codes.shift() ?? 'no-code-left';
        };
      }
      if (fetchToken) {
        element.fetchToken = () => {
          calls.fetchToken++;
          return fetchToken();
        };
      }
      if (mountOptions.lang !== undefined) element.setAttribute('lang', mountOptions.lang);
      if (mountOptions.view !== undefined) element.setAttribute('view', mountOptions.view);
      if (mountOptions.endpoint !== undefined) element.setAttribute('endpoint', mountOptions.endpoint);
      element.setAttribute('dialog-origin', mountOptions.dialogOrigin ?? CROSS_DIALOG_ORIGIN);
      element.setAttribute('embedded-id', mountOptions.script ?? 'finish');
      for (const [name, value] of Object.entries(mountOptions.attributes ?? {})) element.setAttribute(name, value);
      const el = mountOptions.parent ? mountOptions.parent.appendChild(element) : await mount<TrayIntegrationsElement>(html`${element}`);
      const widget = new WidgetHarness(el);
      if (mountOptions.wait !== false) await widget.loaded();
      return { el, widget, calls };
    },
  };
  return suite;
}
