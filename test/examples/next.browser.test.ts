/**
 * The Next.js App Router page of docs/frameworks.md, rendered by React 19 as
 * the client renders it: the tag first, then the effect defines the element,
 * which upgrades it and loads from the route handler's endpoints.
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import IntegrationsPage from '../../examples/next/page.tsx';
import { describeMarkupOnlyPage } from './host-app.ts';

describeMarkupOnlyPage('Next.js App Router', (host) => {
  const root = createRoot(host);
  root.render(createElement(IntegrationsPage));
  return () => root.unmount();
});

