/**
 * The emulator fixture the element's component tests run against: one user
 * with a few auths of known ids (the dialog stub answers `auth-<code>`, so a
 * test picks the auth the "dialog" creates through the code it hands out),
 * and one solution per card state.
 */
export const USER = { id: 'user-1', externalUserId: 'ext-1', name: 'Ada' };

const slack = { id: 'service-slack', name: 'slack', title: 'Slack', icon: 'https://icons.example/slack.png', version: '1' };
const jira = { id: 'service-jira', name: 'jira', title: 'Jira', icon: 'javascript:alert(1)', version: '1' };

export const SLACK = 'sol-slack';
export const CRM = 'sol-crm';
export const CONFIG = 'sol-config';
export const HOOK = 'sol-hook';

export const solutions = [
  {
    id: SLACK,
    title: 'Slack alerts',
    description: 'Post new orders to Slack.',
    tags: ['messaging'],
    customFields: [{ key: 'image', value: 'https://images.example/slack.png' }],
    authSlots: [{ externalId: 'slack_auth', title: 'Slack workspace', service: slack }],
  },
  {
    id: CRM,
    title: 'Jira and Slack',
    description: 'Open Jira issues from Slack.',
    tags: ['crm'],
    authSlots: [
      { externalId: 'jira_auth', title: 'Jira site', service: jira },
      { externalId: 'slack_auth', title: 'Slack workspace', service: slack },
    ],
  },
  {
    id: HOOK,
    title: 'Webhook relay',
    description: 'Needs no account.',
    tags: ['hooks'],
  },
  {
    id: CONFIG,
    title: 'Needs settings',
    description: 'Has a config slot.',
    tags: ['crm'],
    authSlots: [{ externalId: 'slack_auth', title: 'Slack workspace', service: slack }],
    configSlots: [{ externalId: 'channel', title: 'Channel', defaultValue: '"#general"' }],
  },
];

/** Tray text is data, never markup: this one tries every trick. */
export const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1">Evil & <b>bold</b>';
export const hostile = {
  id: 'sol-hostile',
  title: HOSTILE_TITLE,
  description: `<script>window.__pwned=1</script>${'very long words without spaces '.repeat(40)}${'x'.repeat(3000)}`,
  tags: ['<i>tag</i>'],
  customFields: [{ key: 'image', value: 'javascript:window.__pwned=1' }],
  authSlots: [{ externalId: 'slack_auth', title: '<u>Slack</u> "workspace"', service: slack }],
};

/** Solutions whose seeded instances show the connected states. */
export const seeded = [
  { id: 'sol-on', title: 'Orders to Slack', tags: ['messaging'], authSlots: [{ externalId: 'slack_auth', title: 'Slack workspace', service: slack }] },
  { id: 'sol-off', title: 'Leads to Slack', tags: ['messaging'], authSlots: [{ externalId: 'slack_auth', title: 'Slack workspace', service: slack }] },
  {
    id: 'sol-upgrade',
    title: 'Issues to Slack',
    tags: ['messaging'],
    authSlots: [
      { externalId: 'slack_auth', title: 'Slack workspace', service: slack },
      { externalId: 'jira_auth', title: 'Jira site', service: jira },
    ],
  },
  { id: 'sol-newer', title: 'Daily digest', tags: ['messaging'], authSlots: [{ externalId: 'slack_auth', title: 'Slack workspace', service: slack }] },
];

const flags = (hasNewerVersion: boolean, requiresUserInputToUpdateVersion: boolean) => ({
  hasNewerVersion,
  requiresUserInputToUpdateVersion,
  requiresSystemInputToUpdateVersion: false,
});

const slack1 = [{ externalId: 'slack_auth', authId: 'auth-slack-1' }];
const long_ago = '2024-01-01T00:00:00.000Z';

export const instances = [
  { id: 'inst-on', solutionId: 'sol-on', owner: 'user-1', name: 'Orders to Slack', enabled: true, created: long_ago, authValues: slack1 },
  { id: 'inst-off', solutionId: 'sol-off', owner: 'user-1', name: 'Leads to Slack', enabled: false, created: long_ago, authValues: slack1 },
  {
    id: 'inst-upgrade',
    solutionId: 'sol-upgrade',
    owner: 'user-1',
    name: 'Issues to Slack',
    enabled: true,
    created: long_ago,
    authValues: slack1,
    solutionVersionFlags: flags(true, true),
    newVersionAuthSlots: ['jira_auth'],
  },
  {
    id: 'inst-newer',
    solutionId: 'sol-newer',
    owner: 'user-1',
    name: 'Daily digest',
    enabled: true,
    created: long_ago,
    authValues: [{ externalId: 'slack_auth', authId: 'auth-slack-2' }],
    solutionVersionFlags: flags(true, false),
  },
];

// `after-junk` is the auth the dialog stub's junk script finally reports.
export const authentications = ['slack-1', 'slack-2', 'jira-1', 'after-junk'].map((id) => ({
  id: `auth-${id}`,
  userId: USER.id,
  name: `${id} account`,
  service: id.startsWith('jira') ? jira : slack,
}));

export function fixture(extra: { solutions?: unknown[] } = {}) {
  return {
    solutions: [...solutions, ...seeded, hostile, ...(extra.solutions ?? [])],
    users: [USER],
    authentications,
    instances,
  };
}
