/** Reconnect: a new auth replaces the old one on this integration and on every other that used it. */
import { expect, waitUntil } from '@open-wc/testing';
import type { TrayAuthorizeEvent } from '../../../src/events.ts';
import { useEvents } from '../../support/widget-harness.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

describe('<tray-integrations> reconnect', () => {
  const events = useEvents('tray-authorize', 'tray-enable', 'tray-disable', 'tray-delete', 'tray-error');

  it('Reconnect replaces the auth on this and every other instance that used it, reporting each', async () => {
    const { widget } = await suite.mount({ codes: ['slack-2'] });
    await widget.card('Orders to Slack').realClick('Reconnect Slack workspace');
    await waitUntil(() => events.seen.length === 3, 'three instances updated', { timeout: 5000 });
    const seen = (events.seen as TrayAuthorizeEvent[]).map((e) => [e.instanceId, e.reason, e.previousAuthId, e.authId]);
    expect(seen).to.deep.equal([
      ['inst-on', 'reconnect', 'auth-slack-1', 'auth-slack-2'],
      ['inst-off', 'propagate', 'auth-slack-1', 'auth-slack-2'],
      ['inst-upgrade', 'propagate', 'auth-slack-1', 'auth-slack-2'],
    ]);
    for (const id of ['inst-on', 'inst-off', 'inst-upgrade']) {
      expect(suite.instance(id)!.authValues.find((v) => v.externalId === 'slack_auth')!.authId).to.equal('auth-slack-2');
    }
    // A reconnect of an enabled instance does not touch its enabled state.
    expect(suite.instance('inst-on')!.enabled).to.equal(true);
    expect(suite.instance('inst-off')!.enabled).to.equal(false);
  });
});
