/** An integration whose new version needs another service: Update authorizes it and upgrades. */
import { expect, waitUntil } from '@open-wc/testing';
import type { TrayAuthorizeEvent } from '../../../src/events.ts';
import { useEvents } from '../../support/widget-harness.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

describe('<tray-integrations> upgrade', () => {
  const events = useEvents('tray-authorize', 'tray-enable', 'tray-disable', 'tray-delete', 'tray-error');

  it('Update re-authorizes the new slot and upgrades the instance', async () => {
    const { widget } = await suite.mount({ codes: ['jira-1'] });
    const issues = widget.card('Issues to Slack');
    await issues.realClick('Update Jira site');
    await issues.untilBadge('Enabled');
    expect(suite.ops('UpgradeInstance').map((s) => s.variables)).to.deep.equal([
      {
        solutionInstanceId: 'inst-upgrade',
        authValues: [
          { externalId: 'slack_auth', authId: 'auth-slack-1' },
          { externalId: 'jira_auth', authId: 'auth-jira-1' },
        ],
      },
    ]);
    const event = events.seen[0] as TrayAuthorizeEvent;
    expect([event.reason, event.externalId, event.authId]).to.deep.equal(['upgrade', 'jira_auth', 'auth-jira-1']);
    expect(suite.instance('inst-upgrade')!.flags.requiresUserInputToUpdateVersion).to.equal(false);
    expect(widget.status).to.equal('Issues to Slack updated to the new version.');
  });

  it('an integration awaiting an update can still be disabled and enabled: it runs its current version', async () => {
    const { widget } = await suite.mount();
    const issues = widget.card('Issues to Slack');
    issues.click('Disable');
    await waitUntil(() => suite.instance('inst-upgrade')!.enabled === false, 'disabled in Tray');
    await issues.until((c) => c.hasButton('Enable'), 'the toggle now offers Enable');
    expect(issues.badge).to.equal('Update required');
    issues.click('Enable');
    await waitUntil(() => suite.instance('inst-upgrade')!.enabled === true, 'enabled again in Tray');
    expect(suite.ops('UpgradeInstance')).to.have.length(0);
  });
});
