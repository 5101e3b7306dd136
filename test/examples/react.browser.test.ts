/**
 * The React example of docs/frameworks.md, rendered by React 19 as a host app renders it:
 * a layout effect hands the widget its `messages` before the first load, and
 * its `onEnabled` prop is the host component hearing tray-enable.
 */
import { expect } from '@open-wc/testing';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { Integrations } from '../../examples/react/Integrations.tsx';
import { describeExample, found } from './host-app.ts';

describeExample(
  'React',
  (host, onEnabled) => {
    const root = createRoot(host);
    root.render(createElement(Integrations, { onEnabled }));
    return () => root.unmount();
  },
  (host) => {
    it('stops listening when React unmounts it', async () => {
      const enabled: string[] = [];
      const root = createRoot(host());
      root.render(createElement(Integrations, { onEnabled: (id: string) => enabled.push(id) }));
      const widget = await found(() => host().querySelector('tray-integrations'), 'React rendered the element');
      root.unmount();
      widget.dispatchEvent(new Event('tray-enable', { bubbles: true, composed: true }));
      expect(enabled).to.deep.equal([]);
    });
  },
);
