import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { TrayIntegrationsElement } from 'tray-integrations';
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'tray-integrations': DetailedHTMLProps<HTMLAttributes<TrayIntegrationsElement>, TrayIntegrationsElement> & {
        region?: string;
        'embedded-id'?: string;
        endpoint?: string;
      };
    }
  }
}
