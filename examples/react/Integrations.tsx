import { useLayoutEffect, useRef } from 'react';
import 'tray-integrations/define';
import type { TrayEnableEvent, TrayIntegrationsElement } from 'tray-integrations';

// Your product's own words for two buttons: an object, so it is set as a property.
const messages: TrayIntegrationsElement['messages'] = { disable: 'Pause', enable: 'Resume' };

export function Integrations({ onEnabled }: { onEnabled: (instanceId: string) => void }) {
  const ref = useRef<TrayIntegrationsElement>(null);
  // Markup only: the widget gets the user's token from tray-integrations/server
  // at /api/tray. A layout effect runs before its first render of the cards.
  useLayoutEffect(() => {
    const widget = ref.current!;
    widget.messages = messages;
    const onEnable = (event: TrayEnableEvent) => onEnabled(event.instanceId);
    widget.addEventListener('tray-enable', onEnable);
    return () => widget.removeEventListener('tray-enable', onEnable);
  }, [onEnabled]);
  return <tray-integrations ref={ref} region="eu" embedded-id="YOUR_EMBEDDED_ID" />;
}
