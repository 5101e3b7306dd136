import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { http, HttpResponse } from 'msw';

it('runs in Chromium with msw answering fetch', async () => {
  const worker = setupWorker(http.get('/smoke', () => HttpResponse.json({ ok: true })));
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  const res = await fetch('/smoke');
  expect(await res.json()).to.deep.equal({ ok: true });
  worker.stop();
  expect(navigator.userAgent).to.contain('Chrome');
});
