/**
 * The Angular example of docs/frameworks.md, bootstrapped as a standalone component with
 * Angular's JIT compiler (see test/support/angular-plugin.mjs); its `enabled`
 * output is the host component hearing tray-enable.
 */
// JIT: the compiler registers itself before any component is compiled.
import '@angular/compiler';
import { provideZonelessChangeDetection } from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import { IntegrationsComponent } from '../../examples/angular/integrations.component.ts';
import { describeExample } from './host-app.ts';

describeExample('Angular', async (host, onEnabled) => {
  const app = await createApplication({ providers: [provideZonelessChangeDetection()] });
  const element = host.appendChild(document.createElement('app-integrations'));
  app.bootstrap(IntegrationsComponent, element).instance.enabled.subscribe(onEnabled);
  return () => app.destroy();
});
