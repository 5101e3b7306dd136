/**
 * An update that needs two authorizations, interrupted by a reload: the auth
 * the user gave before it is kept (sessionStorage, auth ids only), so after
 * the reload only the other one is asked for. And an update only the
 * provider can make is not promised as automatic.
 */
import { expect } from '@open-wc/testing';
import { useMockTray } from '../../support/mock-tray-suite.ts';
import { authentications, fixture, instances, USER } from '../fixture.ts';

const service = (authId: string) => authentications.find((a) => a.id === authId)!.service;
const slots = [
  { externalId: 'slack_auth', title: 'Slack workspace', service: service('auth-slack-1') },
  { externalId: 'jira_auth', title: 'Jira site', service: service('auth-jira-1') },
];
const base = fixture();
const old = [
  { externalId: 'slack_auth', authId: 'auth-slack-1' },
  { externalId: 'jira_auth', authId: 'auth-jira-1' },
];
const instance = (id: string, solutionId: string, name: string, flags: Record<string, boolean>, extra: object = {}) => ({
  id,
  solutionId,
  owner: USER.id,
  name,
  enabled: true,
  created: '2024-01-01T00:00:00.000Z',
  authValues: old,
  solutionVersionFlags: { hasNewerVersion: true, requiresUserInputToUpdateVersion: false, requiresSystemInputToUpdateVersion: false, ...flags },
  ...extra,
});

const suite = useMockTray({
  user: USER.externalUserId,
  fixture: {
    ...base,
    solutions: [
      ...base.solutions,
      { id: 'sol-two', title: 'Tickets both ways', tags: ['sync'], authSlots: slots },
      { id: 'sol-system', title: 'Provider updates', tags: ['sync'], authSlots: slots },
    ],
    authentications: [...authentications, { id: 'auth-jira-2', userId: USER.id, name: 'jira-2 account', service: service('auth-jira-1') }],
    instances: [
      ...instances,
      instance('inst-two', 'sol-two', 'Tickets both ways', { requiresUserInputToUpdateVersion: true }, { newVersionAuthSlots: ['slack_auth', 'jira_auth'] }),
      instance('inst-system', 'sol-system', 'Provider updates', { requiresSystemInputToUpdateVersion: true }),
    ],
  },
});

describe('<tray-integrations> an update across a reload', () => {
  afterEach(() => sessionStorage.clear());

  it('the auth given before a reload is kept: after it only the other is asked for, then one upgrade with both', async () => {
    const first = await suite.mount({ codes: ['slack-2'] });
    const card = first.widget.card('Tickets both ways');
    expect(card.badge).to.equal('Update required');
    await card.realClick('Update Slack workspace');
    await card.until((c) => !c.hasButton('Update Slack workspace') && !c.busy, 'takes the Slack auth');
    expect(suite.ops('UpgradeInstance'), 'nothing upgraded with one of two').to.have.length(0);
    first.el.remove();

    // The page reloads: a new widget, nothing in memory.
    const second = await suite.mount({ codes: ['jira-2'] });
    const again = second.widget.card('Tickets both ways');
    expect(again.buttonNames).to.include('Update Jira site');
    expect(again.buttonNames).to.not.include('Update Slack workspace');
    await again.realClick('Update Jira site');
    await again.untilBadge('Enabled');
    expect(suite.ops('UpgradeInstance').map((s) => s.variables)).to.deep.equal([
      {
        solutionInstanceId: 'inst-two',
        authValues: [
          { externalId: 'slack_auth', authId: 'auth-slack-2' },
          { externalId: 'jira_auth', authId: 'auth-jira-2' },
        ],
      },
    ]);
    expect(suite.authOf('inst-two')).to.deep.equal(['auth-slack-2', 'auth-jira-2']);
    expect(Object.keys(sessionStorage).filter((k) => sessionStorage.getItem(k)?.includes('auth-slack-2')), 'forgotten once done').to.deep.equal([]);
  });

  it('a newer version only the provider can apply: the card says the provider will update it', async () => {
    const { widget } = await suite.mount();
    const card = widget.card('Provider updates');
    expect(card.badge).to.equal('Enabled');
    expect(card.note).to.equal('A newer version is available; the provider will update it for you.');
    expect(card.hasButton('Update Slack workspace')).to.equal(false);
  });
});
