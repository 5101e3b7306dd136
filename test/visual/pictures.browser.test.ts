/**
 * Pictures of what a person sees, compared with the stored ones within a
 * pixel tolerance (test/support/picture-compare.ts): every card state, the
 * toolbar, the empty catalog, a search that matches nothing and the
 * signed-out message, in light and dark at 390 and 1280 px, and the whole
 * widget at each. The whole widget at 1280 px is stored in docs/pictures/,
 * where the README shows it, so those pictures cannot go stale.
 *
 * The states are reached the way a user reaches them (clicks, a held or
 * failing request), once, and then pictured at each width and scheme. The
 * rendering is pinned: DejaVu Sans through the widget's --tray-font, device
 * scale 1, no animation, transition or text caret, inline pictures, focus
 * nowhere.
 *
 * After a change meant to alter the look: `npm run pictures:update`, look at
 * the changed files (git shows them), commit them with the change.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { TrayError } from '../../src/services/errors.ts';
import type { TrayIntegrationsElement } from '../../src/elements/tray-integrations.ts';
import { closeAllPopups } from '../support/commands.ts';
import { useMockTray } from '../support/mock-tray-suite.ts';
import type { PictureResult } from '../support/picture-command.ts';
import { CARD, pictureFixture, USER } from './fixture.ts';

const suite = useMockTray({ fixture: pictureFixture(), user: USER.externalUserId });

const SCHEMES = ['light', 'dark'] as const;
const WIDTHS = [1280, 390] as const;
/** The page around the widget: its background per scheme, the font everywhere. */
const PAGE_BACKGROUND = { light: '#ffffff', dark: '#0d1117' };
const FONT = '"DejaVu Sans", sans-serif';

/** Card states, by the file name of their picture. */
const STATES: Record<string, string> = {
  'not-connected': CARD.notConnected,
  connecting: CARD.connecting,
  'needs-authorization': CARD.needsAuth,
  'partly-authorized': CARD.partlyAuthorized,
  'being-set-up': CARD.beingSetUp,
  enabled: CARD.enabled,
  disabled: CARD.disabled,
  'update-required': CARD.updateRequired,
  failed: CARD.failed,
  'confirm-delete': CARD.confirmDelete,
};

/** Nothing moves or blinks in a picture. */
const STILL = '*, *::before, *::after { animation: none !important; transition: none !important; caret-color: transparent !important; }';

function pinPage(): () => void {
  const style = document.createElement('style');
  style.textContent = `:root { --tray-font: 16px ${FONT}; font: 16px ${FONT}; } body { margin: 0; padding: 16px; } ${STILL}`;
  document.head.append(style);
  return () => style.remove();
}

function stillWidget(el: TrayIntegrationsElement): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STILL);
  el.shadowRoot!.adoptedStyleSheets = [...el.shadowRoot!.adoptedStyleSheets, sheet];
}

const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** Every picture in the widgets is decoded, so none is drawn half-way. */
async function picturesDecoded(widgets: TrayIntegrationsElement[]): Promise<void> {
  const images = widgets.flatMap((el) => [...el.shadowRoot!.querySelectorAll('img')]);
  await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
}

/** Takes focus out of every shadow root, so no focus ring or caret shows. */
function blurAll(): void {
  let active = document.activeElement as (Element & { shadowRoot: ShadowRoot | null }) | null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as typeof active;
  (active as HTMLElement | null)?.blur?.();
}

describe('pictures of the widget', () => {
  /** What the test changed on the page, put back after it. */
  const restore: Array<() => void> = [];
  before(() => {
    restore.push(pinPage());
  });
  after(async () => {
    restore.splice(0).forEach((undo) => undo());
    await closeAllPopups();
  });

  it('shows every card state and view as stored, light and dark, at 1280 and 390 px', async function () {
    this.timeout(90_000);
    // Each view on an endpoint of its own: views of one endpoint re-read when
    // another changes something, and would leave the state pictured.
    const apart = (name: string) => `/${name}/api/tray/graphql`;
    // The empty catalog first: Tray has no solutions until the reset below.
    suite.tray.emulator.store.solutions = [];
    suite.tray.emulator.store.instances.clear();
    const empty = await suite.mount({ endpoint: apart('empty') });
    expect(empty.widget.part('empty'), 'the empty catalog').to.not.equal(null);
    suite.tray.emulator.reset();

    const signedOut = await suite.mount({ endpoint: apart('signed-out'), token: undefined, fetchToken: () => Promise.reject(new TrayError('signed-out', 'No session.')) });
    expect(signedOut.widget.part('signed-out'), 'the signed-out message').to.not.equal(null);

    const noMatch = await suite.mount({ endpoint: apart('no-match') });
    const search = await waitUntil(() => noMatch.widget.part('search'), 'the search field').then(() => noMatch.widget.part('search') as HTMLInputElement);
    search.value = 'nothing is called this';
    search.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await waitUntil(() => noMatch.widget.part('no-match'), 'the search matches nothing');

    const main = await suite.mount({ codes: ['setup-code'] });
    const { widget } = main;
    await waitUntil(() => widget.part('search') && widget.cards.length === Object.keys(STATES).length, 'the toolbar and every card');
    // The long description is cut short: its "Show all" comes with the lazy features, measured after layout.
    await waitUntil(() => widget.card(CARD.disabled).hasButton('Show all'), 'Show all on the cut-short card');

    // Each state, as a user gets there.
    const deleting = widget.card(CARD.confirmDelete);
    deleting.click('Delete');
    await deleting.until((c) => c.confirmation !== null, 'asks to confirm');

    const failing = widget.card(CARD.failed);
    suite.tray.emulator.faults.failNext(1, 'http500');
    failing.click('Disable');
    await failing.until((c) => c.error !== null && !c.busy, 'shows the failure');

    await widget.card(CARD.beingSetUp).realClick('Set up');
    await waitUntil(() => suite.instancesOf('sol-setup').length === 1, 'the integration is created as the wizard opens');
    await main.el.updateComplete;

    // Tray holds this one's create until the test ends, and the widget waits
    // for it that long (its own 30 s limit would end "connecting" on a busy machine).
    const timeout = AbortSignal.timeout;
    AbortSignal.timeout = () => new AbortController().signal;
    restore.push(() => (AbortSignal.timeout = timeout));
    suite.tray.emulator.faults.failNext(1, 'timeout');
    widget.card(CARD.connecting).click('Connect');
    await widget.card(CARD.connecting).until((c) => c.busy, 'is connecting');

    const all = [empty.el, signedOut.el, noMatch.el, main.el];
    all.forEach(stillWidget);
    blurAll();

    // What each picture shows: the stored name (under <scheme>-<width>/) and the element.
    const targets: Array<[string, () => Element]> = [
      ...Object.entries(STATES).map(([state, title]) => [state, () => widget.card(title).element] as [string, () => Element]),
      ['toolbar', () => widget.part('toolbar')!],
      ['empty', () => empty.el],
      ['no-match', () => noMatch.el],
      ['signed-out', () => signedOut.el],
    ];
    const failures: string[] = [];
    const match = async (name: string, element: Element, docs = false) => {
      element.setAttribute('data-picture', 'now');
      try {
        const result = (await executeServerCommand('match-picture', { name, target: 'now', docs })) as PictureResult;
        if (!result.ok) failures.push(result.message);
      } finally {
        element.removeAttribute('data-picture');
      }
    };

    for (const width of WIDTHS) {
      for (const scheme of SCHEMES) {
        await executeServerCommand('picture-page', { width, scheme });
        document.documentElement.style.colorScheme = scheme;
        document.body.style.background = PAGE_BACKGROUND[scheme];
        await Promise.all(all.map((el) => el.updateComplete));
        await picturesDecoded(all);
        await frames();
        // At 390 px the toolbar is pictured with its chips folded behind "Filters"; at 1280 the chips show, and no "Filters".
        const folded = widget.part('button-filters')!.getClientRects().length > 0 && !widget.part('filters')!.getClientRects().length;
        expect(folded, `${width} px: the chips folded`).to.equal(width === 390);
        for (const [name, element] of targets) await match(`${scheme}-${width}/${name}`, element());
        // The whole widget: at 1280 px in docs/pictures/, where the README shows it.
        if (width === 1280) await match(`widget-${scheme}-${width}`, main.el, true);
        else await match(`${scheme}-${width}/widget`, main.el);
      }
    }
    // Still in the states pictured: nothing changed while they were taken.
    expect(widget.card(CARD.connecting).busy, 'still connecting').to.equal(true);
    expect(widget.card(CARD.failed).error).to.not.equal(null);
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });
});
