/**
 * The auths gathered for an upgrade, as the cards read them on every render:
 * the same answer while nothing changed (a card is redrawn only on a new
 * one), the new one as soon as something did, and a reload's worth kept in
 * sessionStorage.
 */
import { expect } from '@open-wc/testing';
import { NONE_GATHERED, UpgradeAuths } from '../../src/elements/upgrade-auths.ts';

describe('UpgradeAuths', () => {
  afterEach(() => sessionStorage.clear());

  it('answers the same object until the gathered auths change, then the new ones', () => {
    const gathered = new UpgradeAuths();
    expect(gathered.get('inst-1')).to.equal(NONE_GATHERED);
    gathered.set('inst-1', { slack: 'auth-1' });
    const first = gathered.get('inst-1');
    expect(first).to.deep.equal({ slack: 'auth-1' });
    expect(gathered.get('inst-1')).to.equal(first);
    gathered.set('inst-1', { slack: 'auth-1', jira: 'auth-2' });
    expect(gathered.get('inst-1')).to.deep.equal({ slack: 'auth-1', jira: 'auth-2' });
    expect(gathered.get('inst-1')).not.to.equal(first);
    gathered.forget('inst-1');
    expect(gathered.get('inst-1')).to.equal(NONE_GATHERED);
  });

  it('reads what an earlier page stored, keeping only well-formed auth ids', () => {
    sessionStorage.setItem('tray-integrations:upgrade:inst-2', JSON.stringify({ slack: 'auth-9', jira: '<img src=x>' }));
    expect(new UpgradeAuths().get('inst-2')).to.deep.equal({ slack: 'auth-9' });
  });
});
