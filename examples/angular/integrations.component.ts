import { Component, CUSTOM_ELEMENTS_SCHEMA, EventEmitter, Output } from '@angular/core';
import 'tray-integrations/define';
import type { TrayEnableEvent, TrayIntegrationsElement } from 'tray-integrations';

@Component({
  selector: 'app-integrations',
  // Lets the template use the tag; Angular then sets [bindings] as properties.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  // Markup only: the widget gets the user's token from tray-integrations/server at /api/tray.
  template: `<tray-integrations
    region="eu"
    embedded-id="YOUR_EMBEDDED_ID"
    [messages]="messages"
    (tray-enable)="onEnable($event)"
  ></tray-integrations>`,
})
export class IntegrationsComponent {
  @Output() readonly enabled = new EventEmitter<string>();
  // Your product's own words for two buttons.
  readonly messages: TrayIntegrationsElement['messages'] = { disable: 'Pause', enable: 'Resume' };
  onEnable(event: Event) {
    this.enabled.emit((event as TrayEnableEvent).instanceId);
  }
}
