// Next.js App Router: app/settings/integrations/page.tsx, beside the route
// handler in app/api/tray/[...tray]/route.ts. A client component, and the
// element is defined in an effect: custom elements exist only in the browser,
// and the server renders the tag as plain markup that the browser upgrades.
'use client';
import { useEffect } from 'react';

export default function IntegrationsPage() {
  useEffect(() => {
    void import('tray-integrations/define');
  }, []);
  return (
    <main>
      <h1>Integrations</h1>
      <tray-integrations region="us" embedded-id="YOUR_EMBEDDED_ID" />
    </main>
  );
}
