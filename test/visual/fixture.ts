/**
 * The catalog the visual suite pictures: one solution per card state, in the
 * order the grid shows them, with Tray text a real marketplace would have.
 * Pictures are inline SVG (no network, the same bytes everywhere), so a
 * screenshot never waits on, or shows, a broken image.
 */
export const USER = { id: 'user-pictures', externalUserId: 'ext-pictures', name: 'Ada' };

/** A rounded square logo of one colour with a lighter mark, as a data: URL. */
const logo = (fill: string, mark: string) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${fill}"/><circle cx="32" cy="32" r="13" fill="${mark}"/></svg>`,
  )}`;
const icon = (fill: string) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><circle cx="8" cy="8" r="8" fill="${fill}"/></svg>`)}`;

const service = (name: string, title: string, fill: string) => ({ id: `service-${name}`, name, title, icon: icon(fill), version: '1' });
const slack = service('slack', 'Slack', '#4a154b');
const hubspot = service('hubspot', 'HubSpot', '#ff7a59');
const jira = service('jira', 'Jira', '#0052cc');
const salesforce = service('salesforce', 'Salesforce', '#00a1e0');
const sheets = service('sheets', 'Google Sheets', '#0f9d58');
const mailchimp = service('mailchimp', 'Mailchimp', '#ffe01b');
const quickbooks = service('quickbooks', 'QuickBooks', '#2ca01c');
const zendesk = service('zendesk', 'Zendesk', '#03363d');
const github = service('github', 'GitHub', '#24292f');

const slot = (externalId: string, title: string, svc: ReturnType<typeof service>) => ({ externalId, title, service: svc });
const image = (fill: string, mark: string) => [{ key: 'image', value: logo(fill, mark) }];

/** Each state's card, by the title it shows. */
export const CARD = {
  notConnected: 'Slack alerts',
  connecting: 'HubSpot contacts',
  needsAuth: 'Jira issues',
  partlyAuthorized: 'Salesforce to Slack',
  beingSetUp: 'Weekly report',
  enabled: 'Orders to Slack',
  disabled: 'Leads to Mailchimp',
  updateRequired: 'Invoices to QuickBooks',
  failed: 'Zendesk tickets',
  confirmDelete: 'GitHub deploys',
} as const;

const solutions = [
  {
    id: 'sol-not-connected',
    title: CARD.notConnected,
    description: 'Post each new order to a Slack channel.',
    tags: ['messaging'],
    customFields: image('#4a154b', '#ecb22e'),
    authSlots: [slot('slack_auth', 'Slack workspace', slack)],
  },
  {
    id: 'sol-connecting',
    title: CARD.connecting,
    description: 'Keep HubSpot contacts in step with your customers.',
    tags: ['crm'],
    customFields: image('#ff7a59', '#ffe3d9'),
    authSlots: [slot('hubspot_auth', 'HubSpot account', hubspot)],
  },
  {
    id: 'sol-needs-auth',
    title: CARD.needsAuth,
    description: 'Open a Jira issue for each support escalation.',
    tags: ['engineering'],
    customFields: image('#0052cc', '#b3d4ff'),
    authSlots: [slot('jira_auth', 'Jira site', jira)],
  },
  {
    id: 'sol-partly',
    title: CARD.partlyAuthorized,
    description: 'Tell the sales channel about each won deal.',
    tags: ['crm', 'messaging'],
    customFields: image('#00a1e0', '#d6f2fc'),
    authSlots: [slot('salesforce_auth', 'Salesforce org', salesforce), slot('slack_auth', 'Slack workspace', slack)],
  },
  {
    id: 'sol-setup',
    title: CARD.beingSetUp,
    description: 'Write a weekly sales summary to a spreadsheet.',
    tags: ['reporting'],
    customFields: image('#0f9d58', '#c8ead8'),
    authSlots: [slot('sheets_auth', 'Google account', sheets)],
    configSlots: [{ externalId: 'sheet', title: 'Spreadsheet', defaultValue: '"Sales"' }],
  },
  {
    id: 'sol-enabled',
    title: CARD.enabled,
    description: 'Post each new order to a Slack channel.',
    tags: ['messaging'],
    customFields: image('#4a154b', '#36c5f0'),
    authSlots: [slot('slack_auth', 'Slack workspace', slack)],
  },
  {
    id: 'sol-disabled',
    title: CARD.disabled,
    // Long enough to be cut short at six lines, so a picture shows "Show all".
    description:
      'Add each new lead to a Mailchimp audience, tagged with the form it came from, the campaign that brought it and the owner of its account. Leads who said no to email are left out, and a lead already in the audience is updated in place rather than added twice, so the audience never holds duplicates.',
    tags: ['marketing'],
    customFields: image('#241c15', '#ffe01b'),
    authSlots: [slot('mailchimp_auth', 'Mailchimp account', mailchimp)],
  },
  {
    id: 'sol-update',
    title: CARD.updateRequired,
    description: 'Create a QuickBooks invoice for each paid order.',
    tags: ['finance'],
    customFields: image('#2ca01c', '#d5f0d0'),
    authSlots: [slot('quickbooks_auth', 'QuickBooks company', quickbooks)],
  },
  {
    id: 'sol-failed',
    title: CARD.failed,
    description: 'Turn urgent emails into Zendesk tickets.',
    tags: ['support'],
    customFields: image('#03363d', '#78a300'),
    authSlots: [slot('zendesk_auth', 'Zendesk account', zendesk)],
  },
  {
    id: 'sol-delete',
    title: CARD.confirmDelete,
    description: 'Announce each deploy in the team channel.',
    tags: ['engineering'],
    customFields: image('#24292f', '#f6f8fa'),
    authSlots: [slot('github_auth', 'GitHub account', github)],
  },
];

const created = '2024-01-01T00:00:00.000Z';
const instance = (id: string, solutionId: string, name: string, enabled: boolean, authValues: Array<{ externalId: string; authId: string }>, extra = {}) => ({
  id,
  solutionId,
  owner: USER.id,
  name,
  enabled,
  created,
  authValues,
  ...extra,
});
const auth = (externalId: string, authId: string) => ({ externalId, authId });

const instances = [
  instance('inst-needs-auth', 'sol-needs-auth', CARD.needsAuth, false, []),
  instance('inst-partly', 'sol-partly', CARD.partlyAuthorized, false, [auth('salesforce_auth', 'auth-salesforce')]),
  instance('inst-enabled', 'sol-enabled', CARD.enabled, true, [auth('slack_auth', 'auth-slack')]),
  instance('inst-disabled', 'sol-disabled', CARD.disabled, false, [auth('mailchimp_auth', 'auth-mailchimp')]),
  instance('inst-update', 'sol-update', CARD.updateRequired, true, [auth('quickbooks_auth', 'auth-quickbooks')], {
    solutionVersionFlags: { hasNewerVersion: true, requiresUserInputToUpdateVersion: true, requiresSystemInputToUpdateVersion: false },
  }),
  instance('inst-failed', 'sol-failed', CARD.failed, true, [auth('zendesk_auth', 'auth-zendesk')]),
  instance('inst-delete', 'sol-delete', CARD.confirmDelete, true, [auth('github_auth', 'auth-github')]),
];

const authentications = [
  ['auth-salesforce', salesforce],
  ['auth-slack', slack],
  ['auth-mailchimp', mailchimp],
  ['auth-quickbooks', quickbooks],
  ['auth-zendesk', zendesk],
  ['auth-github', github],
].map(([id, svc]) => ({ id: id as string, userId: USER.id, name: `${(svc as { title: string }).title} account`, service: svc }));

export const pictureFixture = () => ({ solutions, users: [USER], authentications, instances });
