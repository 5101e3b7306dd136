/**
 * Every card state readable in light and dark: axe's colour-contrast rule
 * passes inside the shadow root, and the keyboard focus ring shows on every
 * button, against the surface it sits on. Saves a screenshot of each scheme
 * and width for a person to look at (.screenshots/states-<scheme>-<width>.png).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import type { AxeResults, RunOptions } from 'axe-core';
import { TrayError } from '../../../src/services/errors.ts';
import type { CardActivity } from '../../../src/elements/card-activity.ts';
import type { TrayIntegrationsElement } from '../../../src/elements/tray-integrations.ts';
import type { WidgetHarness } from '../../support/widget-harness.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

type Axe = { run(context: Element, options: RunOptions): Promise<AxeResults> };
async function axe(): Promise<Axe> {
  const found = (window as { axe?: Axe }).axe;
  if (found) return found;
  // The UMD build registers itself on window.
  await import('axe-core/axe.min.js' as string);
  return (window as unknown as { axe: Axe }).axe;
}

/** The controller's card activities: for the states a test cannot reach with a click in time (working, failed). */
function setActivity(el: TrayIntegrationsElement, title: string, activity: CardActivity) {
  const { state } = (el as unknown as { _market: { state: { data: { instances: { id: string; solution: { title?: string; id: string } }[]; solutions: { id: string; title: string }[] }; cards: { set(key: string, a: CardActivity): void } } } })._market;
  const solution = state.data.solutions.find((s) => s.title === title)!;
  const instance = state.data.instances.find((i) => i.solution.id === solution.id)!;
  state.cards.set(`i:${instance.id}`, activity);
}

/** The widget with a card in each state the issue lists that one page can show at once. */
async function everyState(): Promise<{ el: TrayIntegrationsElement; widget: WidgetHarness }> {
  const { el, widget } = await suite.mount();
  await widget.card('Jira and Slack').connect();
  widget.card('Orders to Slack').click('Delete');
  setActivity(el, 'Leads to Slack', { kind: 'failed', error: new TrayError('network', 'Tray could not be reached. Check your connection and try again.') });
  setActivity(el, 'Daily digest', { kind: 'working' });
  await el.updateComplete;
  // The toolbar's chunk is fetched as the cards come in: on a busy machine that takes more than waitUntil's default second.
  await waitUntil(() => widget.part('search-label'), 'the toolbar is in', { timeout: 15_000 });
  return { el, widget };
}

type Rgb = [number, number, number, number];
const rgb = (color: string): Rgb => {
  const [r, g, b, a = 1] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return [r!, g!, b!, a];
};
const luminance = ([r, g, b]: Rgb) => {
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};
const contrast = (a: Rgb, b: Rgb) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};
/** The first opaque background at or around `element`, across the shadow boundary. */
function surfaceOf(element: Element): Rgb {
  for (let node: Element | null = element.parentElement; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
    const color = rgb(getComputedStyle(node).backgroundColor);
    if (color[3] === 1) return color;
  }
  return rgb(getComputedStyle(document.body).backgroundColor);
}

const page = document.documentElement;
afterEach(async () => {
  page.style.colorScheme = '';
  await emulateMedia({ colorScheme: 'light' });
  await setViewport({ width: 800, height: 600 });
});

for (const scheme of ['light', 'dark'] as const) {
  describe(`<tray-integrations> contrast, ${scheme}`, () => {
    beforeEach(async () => {
      page.style.colorScheme = scheme;
      await emulateMedia({ colorScheme: scheme });
    });

    it('passes axe colour-contrast on every card state', async () => {
      const { el } = await everyState();
      const results = await (await axe()).run(el, { runOnly: ['color-contrast'], resultTypes: ['violations'] });
      const problems = results.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`));
      expect(problems, problems.join('\n')).to.deep.equal([]);
      // Incomplete ones axe could not decide (text over a picture, say) are none here: every surface is plain.
      for (const width of [1280, 390]) {
        await setViewport({ width, height: 1200 });
        await el.updateComplete;
        await executeServerCommand('save-screenshot', { name: `states-${scheme}-${width}` });
      }
    });

    it('shows a focus ring of at least 3:1 against its surface on every button and the search field', async () => {
      const { el, widget } = await everyState();
      // The controls drawn: a wide toolbar draws no "Filters" button (its chips show instead).
      const focusable = [...widget.root.querySelectorAll<HTMLElement>('input, button:not(:disabled):not([hidden])')].filter((c) => c.getClientRects().length > 0);
      expect(focusable.length).to.be.greaterThan(10);
      // Keyboard focus, as a keyboard user gets it: Tab from the page into the widget and through it.
      const start = document.createElement('button');
      start.textContent = 'before';
      el.before(start);
      start.focus();
      const seen = new Set<Element>();
      for (let i = 0; i < focusable.length * 2 && seen.size < focusable.length; i++) {
        await sendKeys({ press: 'Tab' });
        const active = widget.root.activeElement as HTMLElement | null;
        if (!active || !focusable.includes(active)) continue;
        seen.add(active);
        const style = getComputedStyle(active);
        const name = `${active.tagName.toLowerCase()} "${active.textContent?.trim() || active.getAttribute('aria-label') || ''}"`;
        expect(active.matches(':focus-visible'), `${name} is focus-visible`).to.equal(true);
        expect(style.outlineStyle, `${name} outline`).not.to.equal('none');
        expect(parseFloat(style.outlineWidth), `${name} outline width`).to.be.at.least(2);
        const ratio = contrast(rgb(style.outlineColor), surfaceOf(active));
        expect(ratio, `${name} focus ring contrast`).to.be.at.least(3);
      }
      start.remove();
      expect(seen.size, 'every control takes focus').to.equal(focusable.length);
    });
  });
}
