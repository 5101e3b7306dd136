/**
 * The search and filter bar in Chromium, driven by real keystrokes: its
 * names for assistive technology, the debounce, the chips as toggle buttons,
 * Escape and Clear, Tray's names rendered as text, and the "Filters"
 * button that folds the chips away on a narrow toolbar.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { render } from 'lit';
import { catalogFacets, filterSolutions, type CatalogFilter } from '../../src/elements/catalog-filter.ts';
import { TOOLBAR_EXTRA_STYLES, renderCatalogToolbar } from '../../src/elements/catalog-toolbar.ts';
import { styles } from '../../src/elements/styles.ts';
import { DEFAULT_TOOLBAR_MESSAGES } from '../../src/elements/toolbar-messages.ts';
import type { Solution, SolutionInstance } from '../../src/services/types.ts';

const HOSTILE_TAG = '<img src=x onerror="window.__pwned=1">';
const solution = (id: string, title: string, tags: string[], category?: string): Solution => ({
  id,
  title,
  description: null,
  tags,
  customFields: category ? [{ key: 'category', value: category }] : [],
  configSlots: [],
  authSlots: [],
});
const SOLUTIONS = [
  solution('slack', 'Slack alerts', ['messaging'], 'Communication'),
  solution('jira', 'Jira issues', ['engineering', HOSTILE_TAG]),
  solution('sf', 'Salesforce sync', ['sales'], 'CRM'),
];
const INSTANCES = [{ solution: { id: 'slack' } }] as SolutionInstance[];

/**
 * A host that keeps the filter and re-renders the toolbar with what onChange
 * hands back. With `width`, the toolbar is drawn as the widget draws it: in a
 * shadow root with the element's styles and the toolbar's own, that wide.
 */
function mountToolbar(debounceMs: number, width?: number) {
  const container = document.createElement('div');
  document.body.append(container);
  let root: HTMLElement | ShadowRoot = container;
  let target: HTMLElement = container;
  if (width) {
    container.style.width = `${width}px`;
    root = container.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styles.styleSheet!, TOOLBAR_EXTRA_STYLES.styleSheet!];
    // The element's colours are set on its `.base` box.
    target = root.appendChild(document.createElement('div'));
    target.className = 'base';
  }
  const changes: CatalogFilter[] = [];
  let filter: CatalogFilter = {};
  const draw = () =>
    render(
      renderCatalogToolbar({
        filter,
        facets: catalogFacets(SOLUTIONS),
        shown: filterSolutions(SOLUTIONS, INSTANCES, filter).length,
        total: SOLUTIONS.length,
        messages: DEFAULT_TOOLBAR_MESSAGES,
        onChange: (next) => {
          changes.push(next);
          filter = next;
          draw();
        },
        debounceMs,
      }),
      target,
    );
  draw();
  const input = root.querySelector('input')!;
  const chip = (text: string) => [...root.querySelectorAll<HTMLButtonElement>('button.chip')].find((b) => b.textContent!.trim().startsWith(text))!;
  const status = () => root.querySelector('[role="status"]')!.textContent!.trim();
  return { container, root, changes, input, chip, status, filter: () => filter };
}

let mounted: ReturnType<typeof mountToolbar> | undefined;
afterEach(() => {
  mounted?.container.remove();
  mounted = undefined;
});

describe('catalog toolbar', () => {
  it('is accessible: a labelled search field, named chip groups, a status line', async () => {
    mounted = mountToolbar(50);
    await expect(mounted.container).to.be.accessible();
    expect(mounted.input.labels?.[0]?.textContent?.trim()).to.equal('Search integrations');
    const groups = [...mounted.container.querySelectorAll('[role="group"][aria-labelledby]')].map(
      (g) => mounted!.container.querySelector(`#${g.getAttribute('aria-labelledby')}`)!.textContent,
    );
    expect(groups).to.deep.equal(['Status', 'Categories', 'Tags']);
    expect(mounted.status()).to.equal('3 integrations');
    expect(mounted.chip('Connected').getAttribute('aria-pressed')).to.equal('false');
  });

  it('waits for typing to pause; Enter applies at once', async () => {
    mounted = mountToolbar(60_000);
    mounted.input.focus();
    await sendKeys({ type: 'sla' });
    expect(mounted.changes).to.have.length(0);
    await sendKeys({ press: 'Enter' });
    expect(mounted.changes).to.deep.equal([{ query: 'sla' }]);
    expect(mounted.status()).to.equal('1 of 3 integrations shown');
  });

  it('applies the query once the typing pauses', async () => {
    mounted = mountToolbar(50);
    mounted.input.focus();
    await sendKeys({ type: 'jira' });
    await waitUntil(() => mounted!.filter().query === 'jira', 'the query never applied');
    expect(mounted.status()).to.equal('1 of 3 integrations shown');
  });

  it('chips are toggle buttons: Space presses and releases them, and the words typed so far count', async () => {
    mounted = mountToolbar(60_000);
    mounted.input.focus();
    await sendKeys({ type: 's' });
    mounted.chip('sales').focus();
    await sendKeys({ press: 'Space' });
    expect(mounted.chip('sales').getAttribute('aria-pressed')).to.equal('true');
    expect(mounted.filter()).to.deep.include({ query: 's', tags: ['sales'] });
    expect(mounted.status()).to.equal('1 of 3 integrations shown');
    await sendKeys({ press: 'Space' });
    expect(mounted.chip('sales').getAttribute('aria-pressed')).to.equal('false');
    expect(mounted.filter().tags).to.deep.equal([]);
  });

  it('Connected and Not connected exclude each other', async () => {
    mounted = mountToolbar(50);
    mounted.chip('Connected').click();
    expect(mounted.filter().connection).to.equal('connected');
    expect(mounted.status()).to.equal('1 of 3 integrations shown');
    mounted.chip('Not connected').click();
    expect(mounted.filter().connection).to.equal('not-connected');
    expect(mounted.chip('Connected').getAttribute('aria-pressed')).to.equal('false');
    mounted.chip('Not connected').click();
    expect(mounted.filter().connection).to.equal('all');
  });

  it('Escape clears the search and goes no further; Clear filters resets everything and keeps focus in the toolbar', async () => {
    mounted = mountToolbar(60_000);
    let escaped = false;
    mounted.container.addEventListener('keydown', (e) => (escaped ||= e.key === 'Escape'));
    mounted.input.focus();
    await sendKeys({ type: 'slack' });
    await sendKeys({ press: 'Escape' });
    expect(mounted.input.value).to.equal('');
    expect(escaped).to.equal(false);
    expect(mounted.container.querySelector('[part~="button-clear-filters"]')).to.equal(null);

    mounted.chip('CRM').click();
    await sendKeys({ type: 'x' }); // focus is on the chip: nothing typed
    mounted.input.focus();
    await sendKeys({ type: 'sales' });
    const clear = mounted.container.querySelector<HTMLButtonElement>('[part~="button-clear-filters"]')!;
    expect(clear.textContent!.trim()).to.equal('Clear filters');
    clear.focus();
    await sendKeys({ press: 'Enter' });
    expect(mounted.filter()).to.deep.equal({ query: '', tags: [], categories: [], connection: 'all' });
    expect(mounted.input.value).to.equal('');
    expect(mounted.container.querySelector('[part~="button-clear-filters"]')).to.equal(null);
    expect(document.activeElement).to.equal(mounted.input);
    expect(mounted.status()).to.equal('3 integrations');
  });

  it("renders Tray's tag names as text", () => {
    mounted = mountToolbar(50);
    expect(mounted.chip(HOSTILE_TAG).textContent!.trim()).to.equal(`${HOSTILE_TAG} (1)`);
    expect(mounted.container.querySelector('img')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  describe('on a narrow toolbar', () => {
    const shows = (el: Element | null) => !!el && el.getBoundingClientRect().height > 0;
    const filtersButton = () => mounted!.root.querySelector<HTMLButtonElement>('[part~="button-filters"]');

    it('folds the chips behind a "Filters" button that Tab reaches and Enter and Space open and close', async () => {
      mounted = mountToolbar(60_000, 360);
      const button = filtersButton()!;
      const filters = mounted.root.querySelector('.filters')!;
      expect(shows(button)).to.equal(true);
      expect(button.textContent!.trim()).to.equal('Filters');
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(button.getAttribute('aria-controls')).to.equal(filters.id);
      expect(shows(filters)).to.equal(false);
      expect(shows(mounted.chip('Connected'))).to.equal(false);

      mounted.input.focus();
      await sendKeys({ press: 'Tab' });
      expect((mounted.root as ShadowRoot).activeElement).to.equal(button);
      expect(button.matches(':focus-visible')).to.equal(true);
      expect(getComputedStyle(button).outlineStyle).to.equal('solid');
      await sendKeys({ press: 'Enter' });
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(shows(mounted.chip('Connected'))).to.equal(true);
      await expect(mounted.container).to.be.accessible();

      // A chip pressed re-renders the toolbar: the chips stay open, and the button counts it.
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect((mounted.root as ShadowRoot).activeElement).to.equal(mounted.chip('Not connected'));
      await sendKeys({ press: 'Space' });
      expect(mounted.filter().connection).to.equal('not-connected');
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(button.textContent!.trim()).to.equal('Filters (1)');
      mounted.chip('sales').click();
      mounted.chip('CRM').click();
      expect(button.textContent!.trim()).to.equal('Filters (3)');

      button.focus();
      await sendKeys({ press: 'Space' });
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(shows(mounted.chip('Connected'))).to.equal(false);
      expect(button.textContent!.trim()).to.equal('Filters (3)');
    });

    it('shows the chips and no "Filters" button on a wide toolbar', async () => {
      mounted = mountToolbar(50, 900);
      expect(filtersButton()).not.to.equal(null);
      expect(shows(filtersButton())).to.equal(false);
      expect(shows(mounted.root.querySelector('.filters'))).to.equal(true);
      expect(shows(mounted.chip('Connected'))).to.equal(true);
      mounted.input.focus();
      await sendKeys({ press: 'Tab' });
      expect((mounted.root as ShadowRoot).activeElement).to.equal(mounted.chip('Connected'));
    });
  });
});
