/**
 * The emulator fixture of the hardening suite's component tests. Every auth
 * id a forged message names is a real authentication of the user, so if the
 * widget ever believed a forgery, Tray (the emulator) would accept it and
 * the store would change: the tests can fail.
 */
export const USER = { id: 'user-h', externalUserId: 'ext-h', name: 'Hardy' };
export const OTHER_USER = { id: 'user-o', externalUserId: 'ext-o', name: 'Other' };

const slack = { id: 'service-slack', name: 'slack', title: 'Slack', icon: 'https://icons.example/slack.png', version: '1' };

export const ONE = 'sol-one';
export const NOAUTH = 'sol-noauth';
export const SLOT = 'slack_auth';

export const solutions = [
  {
    id: ONE,
    title: 'Slack alerts',
    description: 'Post new orders to Slack.',
    tags: ['messaging'],
    authSlots: [{ externalId: SLOT, title: 'Slack workspace', service: slack }],
  },
  {
    id: 'sol-on',
    title: 'Orders to Slack',
    tags: ['messaging'],
    authSlots: [{ externalId: SLOT, title: 'Slack workspace', service: slack }],
  },
  { id: NOAUTH, title: 'Webhook relay', tags: ['plain'], authSlots: [] },
];

/** Auths the stub dialog (`auth-<code>`) and the forgeries name; `auth-other` is another user's. */
export const AUTH_IDS = ['auth-a1', 'auth-a2', 'auth-a3', 'auth-first', 'auth-second', 'auth-forged', 'auth-late'];

export const authentications = [
  ...AUTH_IDS.map((id) => ({ id, userId: USER.id, name: `${id} account`, service: slack })),
  { id: 'auth-other', userId: OTHER_USER.id, name: 'not yours', service: slack },
];

export const instances = [
  {
    id: 'inst-on',
    solutionId: 'sol-on',
    owner: USER.id,
    name: 'Orders to Slack',
    enabled: true,
    created: '2024-01-01T00:00:00.000Z',
    authValues: [{ externalId: SLOT, authId: 'auth-a1' }],
  },
];

export function fixture(extra: { solutions?: unknown[]; instances?: unknown[]; authentications?: unknown[] } = {}) {
  return {
    solutions: [...solutions, ...(extra.solutions ?? [])],
    users: [USER, OTHER_USER],
    authentications: [...authentications, ...(extra.authentications ?? [])],
    instances: [...instances, ...(extra.instances ?? [])],
  };
}
