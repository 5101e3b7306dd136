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

/** About 100 kB of words. */
const HUGE_WORDS = 'Partner text that goes on and on '.repeat(3000);
/** A "Z" under 8 000 combining marks: one grapheme, that no line break can split. */
export const ZALGO = `Z${Array.from({ length: 8000 }, (_, i) => String.fromCharCode(0x300 + (i % 0x70))).join('')}`;
/** U+202E RIGHT-TO-LEFT OVERRIDE: without isolation, it turns around the text after it. */
export const RLO = '\u202e';

/**
 * Solutions whose text is far beyond what a card can show: 100 kB titles,
 * descriptions and tags (words, and one word without a break), combining-mark
 * storms and right-to-left overrides. `sol-rlo` has an instance, so its
 * delete confirmation (a sentence that quotes the title) can be asked.
 */
export const partnerTextSolutions = [
  { id: 'sol-huge', title: `Huge ${HUGE_WORDS}`, description: `Huge ${HUGE_WORDS}`, tags: ['x'.repeat(100_000), 'short'], authSlots: [] },
  { id: 'sol-zalgo', title: ZALGO, description: `${ZALGO} ${ZALGO}`, tags: [ZALGO], authSlots: [] },
  { id: 'sol-rlo', title: `${RLO}Evil title`, description: `${RLO}Reversed description`, tags: [`${RLO}flipped`, 'after'], authSlots: [] },
];

export const partnerTextInstances = [
  { id: 'inst-rlo', solutionId: 'sol-rlo', owner: USER.id, name: 'Evil', enabled: false, created: '2024-01-01T00:00:00.000Z', authValues: [] },
];
