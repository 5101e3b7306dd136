import { Component, CUSTOM_ELEMENTS_SCHEMA, EventEmitter, Output } from '@angular/core';
import 'tray-integrations/define';
import type { TrayEnableEvent } from 'tray-integrations';

const post = async (path: string) => (await fetch(path, { method: 'POST' })).json();

@Component({
  selector: 'app-integrations',
  // Lets the template use the tag; Angular then sets [bindings] as properties.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `<tray-integrations
    region="eu"
    embedded-id="YOUR_EMBEDDED_ID"
    [fetchToken]="fetchToken"
    [fetchAuthCode]="fetchAuthCode"
    (tray-enable)="onEnable($event)"
  ></tray-integrations>`,
})
export class IntegrationsComponent {
  @Output() readonly enabled = new EventEmitter<string>();
  readonly fetchToken = async () => (await post('/api/tray/session')).token;
  readonly fetchAuthCode = async () => (await post('/api/tray/auth-code')).code;
  onEnable(event: Event) {
    this.enabled.emit((event as TrayEnableEvent).instanceId);
  }
}
