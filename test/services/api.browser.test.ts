/** Typed operations against the emulator's own core (under msw): what they send is what Tray accepts. */
import { expect } from '@open-wc/testing';
import { createClient } from '../../src/services/client.ts';
import { createInstance, listAuthentications } from '../../src/services/api.ts';
import { startMockTray, type MockTray } from '../support/msw-tray.ts';

const WEEKLY_REPORT = '3f6c1d0e-8a41-4c55-9d2b-1a0b9e7c5a04';

describe('services api against the emulator', () => {
  let tray: MockTray;
  before(async () => {
    tray = await startMockTray();
  });
  after(() => tray.stop());

  const clientFor = async (user: string) => {
    const token = await tray.userToken(user);
    return createClient({ endpoint: '/api/tray/graphql', getToken: () => token });
  };

  it('createInstance sends configValues as JSON text keyed by slot, and slots left out keep their default', async () => {
    const client = await clientFor('config-user');
    const instance = await createInstance(client, {
      solutionId: WEEKLY_REPORT,
      instanceName: 'Weekly',
      configValues: { external_spreadsheet_name: 'Q3 "orders"', external_include_refunds: true, external_day_of_week: undefined },
    });
    expect(instance.configValues).to.deep.equal([
      { externalId: 'external_spreadsheet_name', value: '"Q3 \\"orders\\""' },
      { externalId: 'external_include_refunds', value: 'true' },
      { externalId: 'external_day_of_week', value: '1' },
    ]);
    const plain = await createInstance(client, { solutionId: WEEKLY_REPORT, instanceName: 'No values' });
    expect(plain.configValues.map((v) => v.value), 'without values every slot keeps its default').to.deep.equal(['"Weekly orders"', 'false', '1']);
  });

  it('listAuthentications lists only the viewer’s auths, each with its service', async () => {
    const mine = tray.emulator.ensureUser('auth-lister');
    const other = tray.emulator.ensureUser('someone-else');
    const service = { id: 'service-slack', name: 'slack', title: 'Slack', icon: 'data:,', version: '8.2', authType: 'oauth' };
    const auth = tray.emulator.store.createAuthentication(mine, 'Team Slack', service);
    tray.emulator.store.createAuthentication(other, 'Not yours', service);
    const list = await listAuthentications(await clientFor('auth-lister'));
    expect(list).to.deep.equal([
      {
        id: auth.id,
        name: 'Team Slack',
        service: { id: 'service-slack', name: 'slack', title: 'Slack', icon: 'data:,', version: '8.2' },
        serviceEnvironment: { id: 'service-slack-production', title: 'Production' },
      },
    ]);
  });
});
