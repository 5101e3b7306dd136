/**
 * Every GraphQL document of Tray's auth-only dialog walkthrough
 * (Tray's documentation, "Auth-only dialog experience"), sent verbatim over
 * real HTTP with the token the walkthrough says; only the placeholder ids
 * ("fbb96559-xxxx-…") are swapped for the ones the emulator returned.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emulatorForTest, firstError, type TestEmulator } from './support.ts';

// --- the walkthrough's documents ----------------------------------------------

const CREATE_EXTERNAL_USER = `
 mutation {
  createExternalUser(input: {name: "Billy Bluehat", externalUserId: "96xxxxxxd7"}) {
   userId
  }
 }`;

const CREATE_USER_SAMPLE = `
            mutation createExternalUser($externalUserId: String!, $name: String!) {
                createExternalUser(input:{ externalUserId: $externalUserId, name: $name }) {
                    userId
                }
            }`;

const AUTHORIZE = `
mutation {
 authorize(input: {userId: "fbb96559-xxxx-xxxx-xxxx-5552c2d2fca4"}) {
  accessToken
 }
}`;

const AUTHORIZE_SAMPLE = `
            mutation authorize($userId: ID!) {
                authorize(input:{ userId: $userId }) {
                    accessToken
                }
            }`;

const GET_USER = `
        query getUser($externalUserId: String!) {
            users(criteria:{ externalUserId: $externalUserId}) {
            edges {
              node {
                id
                name
                externalUserId
              }
            }
          }
        }`;

const SOLUTIONS = `
query {
  viewer {
   solutions {
    edges {
     node {
      id
      title
      description
      tags
      customFields {
       key
       value
      }
     }
     cursor
    }
    pageInfo {
      hasPreviousPage
      hasNextPage
      startCursor
      endCursor
    }
   }
  }
 }`;

const SOLUTIONS_SAMPLE = `
        query solutions($tags: [String!]) {
            viewer {
              solutions(criteria: { tags: $tags}) {
                edges {
                  node {
                    id
                    title
                    description
                    tags
                    customFields {
                      key
                      value
                    }
                  }
                  cursor
                }
                pageInfo {
                  hasNextPage
                  hasPreviousPage
                  startCursor
                  endCursor
                }
              }
            }
          }`;

const CREATE_INSTANCE = `
mutation {
 createSolutionInstance(input: {
   solutionId: "e2ed06d9-xxxx-xxxx-xxxx-218ae63a30b6",
   instanceName: "Webhook demo"
 }) {
  solutionInstance {
   id
   name
   enabled
   created
  }
 }
}`;

const CREATE_INSTANCE_SAMPLE = `
            mutation create($solutionId: ID!, $name: String!, $authValues: [AuthValue!]!, $configValues: [ConfigValue!]!) {
              createSolutionInstance(input: {solutionId: $solutionId, instanceName: $name, authValues: $authValues, configValues: $configValues}) {
                solutionInstance {
                  id
                  name
                  enabled
                  solution {
                    id
                    title
                    description
                    tags
                    customFields {
                      key
                      value
                    }
                  }
                  solutionVersionFlags {
                    hasNewerVersion
                    requiresUserInputToUpdateVersion
                  }
                }
              }
            }`;

const GENERATE_CODE = `
mutation {
 generateAuthorizationCode(input: {userId: "fbb96559-xxxx-xxxx-xxxx-5552c2d2fca4"}) {
  authorizationCode
  clientMutationId
 }
}`;

/** As printed in the walkthrough: `value` where the schema's AuthValue has `authId`. */
const UPDATE_INSTANCE_AS_PRINTED = `
mutation {
  updateSolutionInstance(
    input: {
      solutionInstanceId: "9e2e9b86-xxxx-xxxx-xxxx-72e84e266d4d"
      instanceName: "Webhook demo"
      authValues: [
        {
          externalId: "external_slack_authenticaion"
          value: "45ec3104-xxxx-xxxx-xxxx-25e810c0c0e8"
        }
      ]
      enabled: true
    }
  ) {
    solutionInstance {
      id
      name
      enabled
      created
      authValues {
        externalId
        authId
      }
    }
  }
}`;

const TOGGLE_SAMPLE = `
            mutation toggle($solutionInstanceId: ID!, $enabled: Boolean!) {
              updateSolutionInstance(input: { solutionInstanceId: $solutionInstanceId, enabled: $enabled }) {
                solutionInstance {
                  id
                  enabled
                }
              }
            }`;

const INSTANCES_BY_OWNER = `
query ($ownerId: String!){
	viewer {
		solutionInstances(criteria: { owner: $ownerId }) {
			edges {
				node {
					id
					name
					enabled
					owner
					created
					solutionVersionFlags {
						hasNewerVersion
						requiresUserInputToUpdateVersion
						requiresSystemInputToUpdateVersion
					}
					workflows {
						edges {
							node {
								triggerUrl
								id
								sourceWorkflowId
							}
						}
					}
					authValues {
						externalId
						authId
					}
					configValues {
						externalId
						value
					}
				}
				cursor
			}
			pageInfo {
				startCursor
				endCursor
				hasNextPage
				hasPreviousPage
			}
		}
	}
}`;

const INSTANCES_SAMPLE = `
        query solutionInstances {
            viewer {
              solutionInstances {
                edges {
                  node {
                    id
                    name
                    enabled
                    solution {
                      id
                      title
                      description
                      tags
                      customFields {
                        key
                        value
                      }
                    }
                    solutionVersionFlags {
                      hasNewerVersion
                      requiresUserInputToUpdateVersion
                    }
                  }
                  cursor
                }
                pageInfo {
                  hasNextPage
                  hasPreviousPage
                  startCursor
                  endCursor
                }
              }
            }
        }`;

const REMOVE_INSTANCE = `
mutation ($solutionInstanceId: ID!){
  removeSolutionInstance(input: {solutionInstanceId: $solutionInstanceId}) {
   clientMutationId
 }
}`;

const USER_PLACEHOLDER = 'fbb96559-xxxx-xxxx-xxxx-5552c2d2fca4';
const SOLUTION_PLACEHOLDER = 'e2ed06d9-xxxx-xxxx-xxxx-218ae63a30b6';
const INSTANCE_PLACEHOLDER = '9e2e9b86-xxxx-xxxx-xxxx-72e84e266d4d';

describe('the auth-only dialog walkthrough, over HTTP', () => {
  let emu: TestEmulator;
  let userId: string;
  let userToken: string;
  let solutionId: string;
  let instanceId: string;
  before(async () => {
    emu = await emulatorForTest({ rateLimit: false });
  });
  after(() => emu.close());

  test('register a user: createExternalUser (master token) returns a userId', async () => {
    const { status, body } = await emu.gql(emu.masterToken, CREATE_EXTERNAL_USER);
    assert.equal(status, 200);
    userId = body.data.createExternalUser.userId;
    assert.match(userId, /^[0-9a-f-]{36}$/);
    // The sample app's variant with variables, for a second user; a repeated externalUserId is refused.
    const sample = await emu.gql(emu.masterToken, CREATE_USER_SAMPLE, { externalUserId: 'sample-user', name: 'Sample' });
    assert.match(sample.body.data.createExternalUser.userId, /^[0-9a-f-]{36}$/);
    const again = await emu.gql(emu.masterToken, CREATE_EXTERNAL_USER);
    assert.deepEqual(again.body.data, { createExternalUser: null });
    assert.equal(firstError(again.body).code, 'user_already_exists');
  });

  test('log the user in: getUser (master token) finds it by externalUserId', async () => {
    const { body } = await emu.gql(emu.masterToken, GET_USER, { externalUserId: '96xxxxxxd7' });
    assert.deepEqual(body.data.users.edges, [{ node: { id: userId, name: 'Billy Bluehat', externalUserId: '96xxxxxxd7' } }]);
  });

  test('authorize (master token) returns a user token that works', async () => {
    const { body } = await emu.gql(emu.masterToken, AUTHORIZE.replace(USER_PLACEHOLDER, userId));
    userToken = body.data.authorize.accessToken;
    assert.ok(userToken.length >= 32);
    const sample = await emu.gql(emu.masterToken, AUTHORIZE_SAMPLE, { userId });
    assert.notEqual(sample.body.data.authorize.accessToken, userToken, 'each authorize issues a new token');
  });

  test('list solutions: with the master token (as the walkthrough) and with the user token (as its sample app)', async () => {
    const master = await emu.gql(emu.masterToken, SOLUTIONS);
    const user = await emu.gql(userToken, SOLUTIONS);
    assert.deepEqual(user.body, master.body);
    const edges = user.body.data.viewer.solutions.edges;
    assert.equal(edges.length, 7);
    assert.deepEqual(user.body.data.viewer.solutions.pageInfo, {
      hasPreviousPage: false,
      hasNextPage: false,
      startCursor: edges[0].cursor,
      endCursor: edges[6].cursor,
    });
    solutionId = edges[0].node.id;
    assert.equal(edges[0].node.title, 'Slack alerts');
    assert.ok(edges[0].node.customFields.some((f: any) => f.key === 'image' && f.value.startsWith('data:image/svg+xml,')));

    const tagged = await emu.gql(userToken, SOLUTIONS_SAMPLE, { tags: ['sync'] });
    assert.deepEqual(
      tagged.body.data.viewer.solutions.edges.map((e: any) => e.node.title),
      ['Salesforce to HubSpot contact sync', 'Jira and GitHub issue sync'],
    );
  });

  test('createSolutionInstance (user token) creates a disabled instance', async () => {
    const { body } = await emu.gql(userToken, CREATE_INSTANCE.replace(SOLUTION_PLACEHOLDER, solutionId));
    const instance = body.data.createSolutionInstance.solutionInstance;
    instanceId = instance.id;
    assert.deepEqual(instance, { id: instanceId, name: 'Webhook demo', enabled: false, created: new Date(emu.clock.now).toISOString() });

    const sample = await emu.gql(userToken, CREATE_INSTANCE_SAMPLE, { solutionId, name: 'Second', authValues: [], configValues: [] });
    const second = sample.body.data.createSolutionInstance.solutionInstance;
    assert.equal(second.solution.id, solutionId);
    assert.deepEqual(second.solutionVersionFlags, { hasNewerVersion: false, requiresUserInputToUpdateVersion: false });
  });

  test('generateAuthorizationCode (master token) returns a one-time code and the clientMutationId', async () => {
    const { body } = await emu.gql(emu.masterToken, GENERATE_CODE.replace(USER_PLACEHOLDER, userId));
    assert.equal(body.data.generateAuthorizationCode.clientMutationId, null);
    const code = body.data.generateAuthorizationCode.authorizationCode;
    const dialog = await fetch(`${emu.dialogOrigin}/external/auth/create/${emu.embeddedId}/${instanceId}/external_slack_authentication?code=${code}`);
    assert.equal(dialog.status, 200);
    assert.match(await dialog.text(), /Connect Slack/);
  });

  test('updateSolutionInstance as printed (authValues {externalId, value}) is refused like Tray would: AuthValue has no "value"', async () => {
    emu.clock.now += 2000;
    const { status, body } = await emu.gql(userToken, UPDATE_INSTANCE_AS_PRINTED.replace(INSTANCE_PLACEHOLDER, instanceId));
    assert.equal(status, 400);
    assert.equal(body.data, null);
    const messages = body.errors.map((e: any) => e.message);
    assert.ok(messages.some((m: string) => m.includes('Field "value" is not defined by type "AuthValue"')), messages.join('\n'));
    assert.ok(messages.some((m: string) => m.includes('Field "AuthValue.authId" of required type "String!" was not provided')), messages.join('\n'));
    assert.equal(body.errors[0].extensions.name, 'GraphQLError');
  });

  test('updateSolutionInstance with the schema\'s {externalId, authId} attaches the auth and enables', async () => {
    const auth = emu.emulator.store.createAuthentication(userId, 'Slack', {
      id: 'service-slack', name: 'slack', title: 'Slack', icon: 'data:,', version: '8.2', authType: 'oauth',
    });
    const corrected = UPDATE_INSTANCE_AS_PRINTED.replace(INSTANCE_PLACEHOLDER, instanceId)
      .replace('external_slack_authenticaion', 'external_slack_authentication')
      .replace('value: "45ec3104-xxxx-xxxx-xxxx-25e810c0c0e8"', `authId: "${auth.id}"`);
    const { status, body } = await emu.gql(userToken, corrected);
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(body.data.updateSolutionInstance.solutionInstance, {
      id: instanceId,
      name: 'Webhook demo',
      enabled: true,
      created: new Date(emu.clock.now - 2000).toISOString(),
      authValues: [{ externalId: 'external_slack_authentication', authId: auth.id }],
    });
    const toggled = await emu.gql(userToken, TOGGLE_SAMPLE, { solutionInstanceId: instanceId, enabled: false });
    assert.deepEqual(toggled.body.data.updateSolutionInstance.solutionInstance, { id: instanceId, enabled: false });
  });

  test("list an end user's instances: solutionInstances(criteria: {owner}) with the master token", async () => {
    const { body } = await emu.gql(emu.masterToken, INSTANCES_BY_OWNER, { ownerId: userId });
    const nodes = body.data.viewer.solutionInstances.edges.map((e: any) => e.node);
    assert.deepEqual(nodes.map((n: any) => [n.name, n.owner]), [['Webhook demo', userId], ['Second', userId]]);
    const workflow = nodes[0].workflows.edges[0].node;
    assert.equal(workflow.triggerUrl, `${emu.apiOrigin}/triggers/${workflow.id}`);
    assert.equal(workflow.sourceWorkflowId, '804c5f50-9e7d-4b50-858b-9338c507ff45');
    assert.equal(body.data.viewer.solutionInstances.pageInfo.hasNextPage, false);

    const own = await emu.gql(userToken, INSTANCES_SAMPLE);
    assert.deepEqual(own.body.data.viewer.solutionInstances.edges.map((e: any) => e.node.id), nodes.map((n: any) => n.id));
    assert.equal(own.body.data.viewer.solutionInstances.edges[0].node.solution.title, 'Slack alerts');
  });

  test('removeSolutionInstance (user token) deletes it and echoes clientMutationId', async () => {
    const { body } = await emu.gql(userToken, REMOVE_INSTANCE, { solutionInstanceId: instanceId });
    assert.deepEqual(body, { data: { removeSolutionInstance: { clientMutationId: null } } });
    const withId = await emu.gql(
      userToken,
      'mutation ($i: ID!) { removeSolutionInstance(input: {solutionInstanceId: $i, clientMutationId: "687-931"}) { clientMutationId } }',
      { i: instanceId },
    );
    assert.equal(firstError(withId.body).code, 'resource_does_not_exist');
    const list = await emu.gql(emu.masterToken, INSTANCES_BY_OWNER, { ownerId: userId });
    assert.equal(list.body.data.viewer.solutionInstances.edges.length, 1);
  });
});
