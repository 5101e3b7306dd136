/**
 * Every view in step: two elements on one page show a change made in either
 * (a hint over a BroadcastChannel, each re-reading with its own token); the
 * action's events fire only where the person acted; a solution being
 * connected in one waits in the other, and no longer than its view lives; a
 * tab shown after long hidden re-reads.
 */
import { expect, fixture as mount, html, waitUntil } from '@open-wc/testing';
import { SYNC_TIMING } from '../../../src/elements/view-sync.ts';
import { closeAllPopups } from '../../support/commands.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();
const SOON = { timeout: 3000 };

async function twoViews(script?: string) {
  const page = await mount<HTMLDivElement>(html`<div style="width: 900px"></div>`);
  const compact = await suite.mount({ parent: page, script, attributes: { 'solution-id': 'sol-slack', layout: 'compact' } });
  const full = await suite.mount({ parent: page, script });
  return { compact, full, remove: () => page.replaceChildren() };
}

describe('<tray-integrations> views in step', () => {
  it('shows a connect made in the compact row in the full catalogue, and a delete made there in the row; events stay where the person acted', async () => {
    const { compact, full, remove } = await twoViews();
    try {
      const seen: string[] = [];
      compact.el.addEventListener('tray-connect', () => seen.push('compact tray-connect'));
      full.el.addEventListener('tray-connect', () => seen.push('full tray-connect'));
      full.el.addEventListener('tray-delete', () => seen.push('full tray-delete'));
      compact.el.addEventListener('tray-delete', () => seen.push('compact tray-delete'));
      await compact.widget.card('Slack alerts').connect();
      await full.widget.card('Slack alerts').untilBadge('Needs authorization', 3000);
      // Held while the row's sign-in runs (the stub's ends without an account), then free.
      await waitUntil(() => !compact.widget.card('Slack alerts').busy && !full.widget.card('Slack alerts').busy, 'the hold ends with the row’s journey', SOON);
      expect(seen).to.deep.equal(['compact tray-connect', 'compact tray-connect']);
      await full.widget.card('Slack alerts').deleteConfirmed();
      await waitUntil(() => compact.widget.cardElements()[0]?.querySelector('[part~=button-connect]'), 'the row offers Connect again', SOON);
      expect(seen.filter((s) => s.startsWith('compact'))).to.have.length(2);
      expect(seen.filter((s) => s.includes('tray-delete')).every((s) => s.startsWith('full'))).to.equal(true);
    } finally {
      remove();
    }
  });

  it('holds Connect in the other view while one is connecting the same solution', async () => {
    const { compact, full, remove } = await twoViews();
    try {
      suite.tray.emulator.setLatency(600);
      full.widget.card('Slack alerts').click('Connect');
      const row = compact.widget.card('Slack alerts');
      await waitUntil(() => compact.widget.part('progress')?.textContent === 'Being connected in another window…', 'the row says where', SOON);
      expect(row.button('Connect').disabled).to.equal(true);
      await row.untilBadge('Needs authorization', 5000);
      expect(suite.instancesOf('sol-slack')).to.have.length(1);
    } finally {
      suite.tray.emulator.setLatency(0);
      remove();
    }
  });

  it('while the sign-in Connect opened is still open in one view, the other holds the new integration (no second Connect, no second sign-in); closing it leaves both at Connect', async () => {
    // The stub dialog stays open until the test closes it.
    const { compact, full, remove } = await twoViews('stay');
    try {
      await full.widget.card('Slack alerts').realClick('Connect');
      await waitUntil(() => suite.instancesOf('sol-slack').length === 1, 'Connect created the integration', SOON);
      const row = compact.widget.card('Slack alerts');
      await row.untilBadge('Needs authorization', 3000);
      expect(row.hasButton('Connect'), 'no second Connect while the dialog is open').to.equal(false);
      await waitUntil(() => compact.widget.part('progress')?.textContent === 'Being changed in another window…', 'the row says where', SOON);
      expect(row.button('Authorize Slack workspace').disabled, 'no second sign-in while the first is open').to.equal(true);
      await closeAllPopups();
      await waitUntil(() => compact.widget.cardElements()[0]?.querySelector('[part~=button-connect]'), 'the row offers Connect again', SOON);
      await full.widget.card('Slack alerts').untilBadge('Not connected', 3000);
      expect(suite.instancesOf('sol-slack'), 'the abandoned connection was deleted').to.have.length(0);
      expect(suite.ops('CreateInstance')).to.have.length(1);
    } finally {
      await closeAllPopups();
      remove();
    }
  });

  it('re-reads the user’s integrations in one request when shown again after long hidden', async () => {
    const { full, remove } = await twoViews();
    const state = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
    const show = (value: 'hidden' | 'visible') => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    const clock = SYNC_TIMING.now;
    let now = 0;
    SYNC_TIMING.now = () => now;
    try {
      expect(full.widget.card('Orders to Slack').badge).to.equal('Enabled');
      // Removed on another device.
      suite.tray.emulator.store.instances.delete('inst-on');
      show('hidden');
      now += 59_999;
      show('visible');
      show('hidden');
      now += 60_000;
      const before = suite.sent.length;
      show('visible');
      await full.widget.card('Orders to Slack').untilBadge('Not connected', 3000);
      const asked = suite.sent.slice(before).filter((s) => s.authorization === `Bearer ${full.el.token}`);
      expect(asked.map((s) => [s.operationName, s.variables.withSolutions])).to.deep.equal([['Marketplace', false]]);
    } finally {
      SYNC_TIMING.now = clock;
      delete (document as { visibilityState?: unknown }).visibilityState;
      Object.defineProperty(Document.prototype, 'visibilityState', state);
      remove();
    }
  });

  describe('a hold on a solution lasts only while its view lives', () => {
    const timing = { ...SYNC_TIMING };
    let channel: BroadcastChannel;
    beforeEach(() => {
      // Read as each view connects: set before the views are mounted.
      SYNC_TIMING.stillConnectingMs = 100;
      SYNC_TIMING.holdForMs = 1000;
    });
    afterEach(() => {
      Object.assign(SYNC_TIMING, timing);
      channel?.close();
      suite.tray.emulator.setLatency(0);
    });
    /** A tab of this browser on the views' endpoint, as the views name their channel. */
    const otherTab = (endpoint: string) => (channel = new BroadcastChannel(`tray-integrations ${new URL(endpoint, document.baseURI).href}`));

    it('a view that said it was connecting and then went without a word (a crashed tab) holds the row only until its hold runs out', async () => {
      const { compact, remove } = await twoViews();
      try {
        const row = compact.widget.card('Slack alerts');
        otherTab(compact.el.endpoint).postMessage({ connecting: 's:sol-slack' });
        await waitUntil(() => row.button('Connect').disabled, 'the row waits for the other tab', SOON);
        expect(compact.widget.part('progress')?.textContent).to.equal('Being connected in another window…');
        await waitUntil(() => !row.button('Connect').disabled, 'the hold runs out with no renewal', SOON);
        expect(compact.widget.part('progress')).to.equal(null);
      } finally {
        remove();
      }
    });

    it('a view connecting renews its hold while it works, and says done as its page goes away', async () => {
      const { full, remove } = await twoViews();
      const heard: unknown[] = [];
      otherTab(full.el.endpoint).onmessage = (event) => heard.push(event.data);
      try {
        // Slower than the test: the "done" heard can only be the page going away.
        suite.tray.emulator.setLatency(10_000);
        full.widget.card('Slack alerts').click('Connect');
        await waitUntil(() => heard.filter((h) => JSON.stringify(h) === '{"connecting":"s:sol-slack"}').length >= 3, 'said again while connecting', SOON);
        dispatchEvent(new PageTransitionEvent('pagehide'));
        await waitUntil(() => heard.some((h) => JSON.stringify(h) === '{"done":"s:sol-slack"}'), 'done as the page goes', SOON);
      } finally {
        remove();
      }
    });
  });
});
