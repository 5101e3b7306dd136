import { expect } from '@open-wc/testing';
import { DOCUMENTS } from '../../src/services/documents.ts';
import { startMockTray, type MockTray } from '../support/msw-tray.ts';

async function gql(token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch('/api/tray/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

describe('startMockTray: the emulator core behind msw', () => {
  let tray: MockTray;
  beforeEach(async () => {
    tray = await startMockTray();
  });
  afterEach(async () => {
    await tray.stop();
  });

  it("answers the widget's documents at /api/tray/graphql from the default fixture", async () => {
    const token = await tray.userToken('browser-user');
    const first = await gql(token, DOCUMENTS.Marketplace, { withSolutions: true, withInstances: true, withAuthentications: true });
    expect(first.status).to.equal(200);
    const titles = first.body.data.viewer.solutions.edges.map((e: { node: { title: string } }) => e.node.title);
    expect(titles).to.include('Slack alerts');
    expect(first.body.data.viewer.solutionInstances.totalCount).to.equal(0);

    const solutionId = first.body.data.viewer.solutions.edges[0].node.id;
    const created = await gql(token, DOCUMENTS.CreateInstance, { solutionId, instanceName: 'From the browser' });
    const instance = created.body.data.createSolutionInstance.solutionInstance;
    expect(instance.enabled).to.equal(false);
    expect(instance.workflows.edges[0].node.triggerUrl).to.equal(`${location.origin}/triggers/${instance.workflows.edges[0].node.id}`);

    const reread = await gql(token, DOCUMENTS.Instance, { id: instance.id });
    expect(reread.body.data.viewer.solutionInstances.edges[0].node.name).to.equal('From the browser');
    expect(tray.emulator.requests.map((r) => r.operationName)).to.deep.equal(['Marketplace', 'CreateInstance', 'Instance']);
  });

  it('rejects an unknown token with 401 and serves injected faults', async () => {
    const rejected = await gql('not-a-token', DOCUMENTS.Marketplace, { withSolutions: true, withInstances: false, withAuthentications: false });
    expect(rejected.status).to.equal(401);
    expect(rejected.body.errors[0].extensions.code).to.equal('access_not_allowed');

    const token = await tray.userToken();
    tray.emulator.faults.failNext(1, 'http500');
    const failed = await gql(token, DOCUMENTS.Marketplace, { withSolutions: true, withInstances: false, withAuthentications: false });
    expect(failed.status).to.equal(500);
    expect(failed.body.errors[0].extensions.name).to.equal('InternalError');
  });
});
