// Which integrations use each of the user's accounts, as the accounts view lists them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountsOf, unlistedAuthIds } from '../../src/elements/accounts/accounts-model.ts';
import type { Authentication, Marketplace, Solution, SolutionInstance } from '../../src/services/types.ts';

const service = { id: 's', name: 'slack', title: 'Slack', icon: '', version: '1' };
const auth = (id: string): Authentication => ({ id, name: `${id} account`, service, serviceEnvironment: { id: 'e', title: 'Production' } });
const solution = (id: string, title: string, slots: string[]): Solution => ({
  id,
  title,
  description: null,
  tags: [],
  customFields: [],
  configSlots: [],
  authSlots: slots.map((externalId) => ({ externalId, title: `${externalId} title` })),
});
const instance = (id: string, solutionId: string, name: string, values: Array<[string, string]>) =>
  ({ id, name, solution: { id: solutionId }, enabled: true, authValues: values.map(([externalId, authId]) => ({ externalId, authId })) }) as unknown as SolutionInstance;

const data: Marketplace = {
  solutions: [solution('sol-a', 'Alerts', ['slack']), solution('sol-b', 'Both slots', ['in', 'out'])],
  instances: [
    instance('i1', 'sol-a', 'My alerts', [['slack', 'a1']]),
    // One integration with the account in two slots uses it once.
    instance('i2', 'sol-b', 'Two', [['in', 'a1'], ['out', 'a1']]),
    // A solution a tags filter left out: the instance's own name stands in.
    instance('i3', 'sol-hidden', 'Hidden one', [['x', 'a2']]),
    // An account the list has not caught up with.
    instance('i4', 'sol-a', 'Fresh', [['slack', 'a-new']]),
  ],
  authentications: [auth('a1'), auth('a2'), auth('a3')],
};

test('each account, in Tray’s order, with the integrations that use it and through which slot', () => {
  const accounts = accountsOf(data);
  assert.deepEqual(
    accounts.map((a) => [a.auth.id, a.uses.map((u) => [u.instance.id, u.title, u.slot.externalId, u.slot.title])]),
    [
      ['a1', [['i1', 'Alerts', 'slack', 'slack title'], ['i2', 'Both slots', 'in', 'in title']]],
      ['a2', [['i3', 'Hidden one', 'x', 'x']]],
      ['a3', []],
    ],
  );
});

test('the auths integrations hold that the list does not have yet', () => {
  assert.deepEqual(unlistedAuthIds(data), ['a-new']);
  assert.deepEqual(unlistedAuthIds({ ...data, authentications: [...data.authentications, auth('a-new')] }), []);
});
