/** The emulator's schema against Tray's Embedded API reference, and the widget's documents against the schema. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GraphQLInputObjectType, GraphQLObjectType, isNonNullType, parse, validate } from 'graphql';
import { traySchema } from '../../emulator/core/index.ts';
import { DOCUMENTS } from '../../src/services/documents.ts';
import { emulatorForTest, DEMO_INSTANCE_ID } from './support.ts';

test('every document the widget sends validates against the schema', () => {
  for (const [name, document] of Object.entries(DOCUMENTS)) {
    assert.deepEqual(validate(traySchema(), parse(document)).map((e) => e.message), [], name);
  }
});

test("the documented input type names exist, and every mutation takes and returns clientMutationId", () => {
  const schema = traySchema();
  for (const name of ['AuthValue', 'ConfigValue', 'SolutionSearchCriteria', 'SolutionInstanceSearchCriteria', 'UserSearchCriteria']) {
    assert.ok(schema.getType(name) instanceof GraphQLInputObjectType, name);
  }
  const mutations = schema.getMutationType()!.getFields();
  assert.deepEqual(Object.keys(mutations).sort(), [
    'authorize', 'createExternalUser', 'createSolutionInstance', 'generateAuthorizationCode', 'removeAuthentication',
    'removeExternalUser', 'removeSolutionInstance', 'updateSolutionInstance', 'upgradeSolutionInstance',
  ]);
  for (const [name, field] of Object.entries(mutations)) {
    const inputArg = field.args.find((a) => a.name === 'input')!;
    assert.ok(isNonNullType(inputArg.type), name);
    const input = inputArg.type.ofType as GraphQLInputObjectType;
    assert.equal(input.name, `${name[0]!.toUpperCase()}${name.slice(1)}Input`);
    assert.ok(input.getFields().clientMutationId, `${name} input`);
    assert.ok((field.type as GraphQLObjectType).getFields().clientMutationId, `${name} payload`);
  }
});

test("the widget's documents work end to end: marketplace pages, create, update, upgrade, remove", async () => {
  const emu = await emulatorForTest({ rateLimit: false });
  try {
    const token = emu.emulator.userToken('demo-user');
    const vars = { first: 4, withSolutions: true, withInstances: true, withAuthentications: true };
    const first = (await emu.gql(token, DOCUMENTS.Marketplace, vars)).body.data.viewer;
    assert.equal(first.solutions.edges.length, 4);
    assert.equal(first.solutions.pageInfo.hasNextPage, true);
    assert.equal(first.solutionInstances.totalCount, 1);
    assert.equal(first.authentications.edges[0].node.service.title, 'Stripe');
    const second = (await emu.gql(token, DOCUMENTS.Marketplace, { ...vars, solutionsAfter: first.solutions.pageInfo.endCursor, withInstances: false, withAuthentications: false })).body.data.viewer;
    assert.equal(second.solutions.edges.length, 3);
    assert.equal(second.solutionInstances, undefined);

    const created = (await emu.gql(token, DOCUMENTS.CreateInstance, { solutionId: first.solutions.edges[0].node.id, instanceName: 'Mine' })).body.data.createSolutionInstance.solutionInstance;
    emu.clock.now += 2000;
    const updated = await emu.gql(token, DOCUMENTS.UpdateInstance, { solutionInstanceId: created.id, enabled: true });
    assert.equal(updated.body.data.updateSolutionInstance.solutionInstance.enabled, true);
    const upgraded = await emu.gql(token, DOCUMENTS.UpgradeInstance, { solutionInstanceId: DEMO_INSTANCE_ID });
    assert.equal(upgraded.body.data.upgradeSolutionInstance.solutionInstance.solutionVersionFlags.hasNewerVersion, false);
    const removed = await emu.gql(token, DOCUMENTS.RemoveInstance, { solutionInstanceId: created.id });
    assert.deepEqual(removed.body, { data: { removeSolutionInstance: { clientMutationId: null } } });
  } finally {
    await emu.close();
  }
});
