import { useLayoutEffect, useRef } from 'react';
import 'tray-integrations/define';
import type { TrayEnableEvent, TrayIntegrationsElement } from 'tray-integrations';

const post = async (path: string) => (await fetch(path, { method: 'POST' })).json();

export function Integrations({ onEnabled }: { onEnabled: (instanceId: string) => void }) {
  const ref = useRef<TrayIntegrationsElement>(null);
  // A layout effect runs before the widget's first load, so it has its callbacks.
  useLayoutEffect(() => {
    const widget = ref.current!;
    widget.fetchToken = async () => (await post('/api/tray/session')).token;
    widget.fetchAuthCode = async () => (await post('/api/tray/auth-code')).code;
    const onEnable = (event: TrayEnableEvent) => onEnabled(event.instanceId);
    widget.addEventListener('tray-enable', onEnable);
    return () => widget.removeEventListener('tray-enable', onEnable);
  }, [onEnabled]);
  return <tray-integrations ref={ref} region="eu" embedded-id="YOUR_EMBEDDED_ID" />;
}
