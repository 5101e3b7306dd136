/**
 * The `tags` filter means what docs/reference.md says, as Tray and the
 * emulator apply it: a solution shows only when it carries every listed tag,
 * compared case-sensitively; spaces around the commas do not count.
 */
import { expect, fixture as mount, html, waitUntil } from '@open-wc/testing';
import '../../src/define.ts';
import type { TrayIntegrationsElement } from '../../src/elements/tray-integrations.ts';
import { startMockTray, type MockTray } from '../support/msw-tray.ts';

const solutions = [
  { id: 'sol-both', title: 'Tagged a and b', tags: ['a', 'b'] },
  { id: 'sol-a', title: 'Tagged a', tags: ['a'] },
  { id: 'sol-b', title: 'Tagged b', tags: ['b'] },
  { id: 'sol-upper', title: 'Tagged A and b', tags: ['A', 'b'] },
  { id: 'sol-none', title: 'Untagged' },
];

let tray: MockTray;
before(async () => (tray = await startMockTray({ fixture: { solutions } })));
after(() => tray.stop());

/** The titles of the cards a user sees with this `tags` attribute. */
async function shownWith(tags: string): Promise<string[]> {
  const token = await tray.userToken('tags-user');
  const el = await mount<TrayIntegrationsElement>(html`<tray-integrations .token=${token} tags=${tags}></tray-integrations>`);
  const titles = () => [...el.shadowRoot!.querySelectorAll('article h3')].map((h) => h.textContent!);
  await waitUntil(() => titles().length > 0, `a card shows for tags="${tags}"`);
  return titles().sort();
}

describe('tags', () => {
  it('shows only the solutions that carry every listed tag', async () => {
    expect(await shownWith('a,b')).to.deep.equal(['Tagged a and b']);
    expect(await shownWith('a')).to.deep.equal(['Tagged a', 'Tagged a and b']);
  });

  it('compares tags case-sensitively', async () => {
    expect(await shownWith('A,b')).to.deep.equal(['Tagged A and b']);
    expect(await shownWith('A')).to.deep.equal(['Tagged A and b']);
  });

  it('ignores spaces around the commas', async () => {
    expect(await shownWith(' a , b ')).to.deep.equal(['Tagged a and b']);
  });
});
