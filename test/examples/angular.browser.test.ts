/**
 * The README's Angular example, bootstrapped as a standalone component in
 * Chromium with Angular's JIT compiler (see test/support/angular-plugin.mjs):
 * Angular binds the widget's callbacks as properties, and the widget's
 * tray-enable event reaches the component's `enabled` output.
 */
// JIT: the compiler registers itself before any component is compiled.
import '@angular/compiler';
import { provideZonelessChangeDetection, type ApplicationRef } from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import { expect, waitUntil } from '@open-wc/testing';
import { IntegrationsComponent } from '../../examples/angular/integrations.component.ts';
import { expectCallbacksAsProperties, loadedWidget, reEnable, startHostBackend, type HostBackend } from './host-app.ts';

let backend: HostBackend;
before(async () => (backend = await startHostBackend()));
after(() => backend.tray.stop());

describe('the README Angular example', () => {
  let app: ApplicationRef;
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('app-integrations');
    document.body.append(host);
  });
  afterEach(() => {
    app.destroy();
    host.remove();
  });

  it('binds fetchToken and fetchAuthCode as properties, and emits enabled on tray-enable', async () => {
    const enabled: string[] = [];
    const sessionsBefore = backend.sessions;
    app = await createApplication({ providers: [provideZonelessChangeDetection()] });
    const component = app.bootstrap(IntegrationsComponent, host);
    component.instance.enabled.subscribe((id) => enabled.push(id));
    const { widget, card } = await loadedWidget(host);
    expect(backend.sessions - sessionsBefore, 'the first load asked for one token').to.equal(1);
    await expectCallbacksAsProperties(widget);

    const instanceId = await reEnable(backend, card);
    await waitUntil(() => enabled.length === 1, 'the enabled output emitted');
    expect(enabled).to.deep.equal([instanceId]);
  });
});
