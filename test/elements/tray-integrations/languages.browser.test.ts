/**
 * The widget in the page's language: which `lang` counts, the built-in
 * languages fetched only when used, `messages` over them, English for the
 * rest, and a `lang` changed at run time.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { WidgetHarness } from '../../support/widget-harness.ts';
import { useElementSuite } from './suite.ts';

const suite = useElementSuite();

// Room for every module the page loads from here on (the default buffer
// holds 250 entries, fewer than the test page's modules); none so far is a language.
performance.clearResourceTimings();
performance.setResourceTimingBufferSize(100_000);

/** The language chunks this page has fetched so far (translations/de.ts → "de"). */
const fetchedLanguages = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => /\/translations\/([\w-]+)\.ts/.exec(entry.name)?.[1])
    .filter((name): name is string => !!name && name !== 'formats' && name !== 'translation');

const badgeOf = (widget: WidgetHarness, title: string) => (widget.titles.includes(title) ? widget.card(title).badge : '(no card)');
const untilBadge = (widget: WidgetHarness, title: string, badge: string) =>
  waitUntil(() => badgeOf(widget, title) === badge, `${title} reads "${badge}" (now "${badgeOf(widget, title)}")`, { timeout: 5000 });

/** Restores what a test changed on the page's own elements. */
const restore: Array<() => void> = [];
const setLang = (element: Element, lang: string | null) => {
  const before = element.getAttribute('lang');
  restore.push(() => (before === null ? element.removeAttribute('lang') : element.setAttribute('lang', before)));
  if (lang === null) element.removeAttribute('lang');
  else element.setAttribute('lang', lang);
};
afterEach(() => {
  for (const undo of restore.splice(0).reverse()) undo();
});

describe('<tray-integrations> languages', () => {
  // First in the file: the page has fetched no language yet.
  it('is English on an English page, and fetches no language', async () => {
    setLang(document.documentElement, 'en-GB');
    const { widget } = await suite.mount();
    await waitUntil(() => widget.status.includes('integrations loaded'), 'the load is announced');
    expect(widget.card('Slack alerts').badge).to.equal('Not connected');
    expect(fetchedLanguages()).to.deep.equal([]);
  });

  it('falls back to English for a language it does not have, and fetches nothing', async () => {
    const { widget } = await suite.mount({ lang: 'tlh' });
    await waitUntil(() => widget.status.includes('integrations loaded'), 'the load is announced');
    expect(widget.card('Slack alerts').buttonNames).to.deep.equal(['Connect']);
    expect(fetchedLanguages()).to.deep.equal([]);
  });

  it('speaks German with lang="de" on the element: cards, toolbar, plurals, and only the German chunk fetched', async () => {
    const { widget } = await suite.mount({ lang: 'de' });
    await untilBadge(widget, 'Slack alerts', 'Nicht verbunden');
    const slack = widget.card('Slack alerts');
    expect(slack.buttonNames).to.deep.equal(['Verbinden']);
    expect(widget.card('Orders to Slack').badge).to.equal('Aktiviert');
    expect(widget.card('Orders to Slack').services.map((s) => s.text)).to.deep.equal(['Slack workspace: Autorisiert']);
    await waitUntil(() => widget.part('search-label')?.textContent === 'Integrationen durchsuchen', 'the toolbar speaks German');
    expect(widget.part('results')!.textContent!.trim()).to.equal(`${widget.titles.length} Integrationen`);
    slack.click({ action: 'connect' });
    await slack.until((c) => c.hasButton('Slack workspace autorisieren'), 'offers Authorize in German');
    expect(slack.badge).to.equal('Autorisierung nötig');
    expect(fetchedLanguages()).to.deep.equal(['de']);
  });

  it('speaks Japanese from an ancestor’s lang, across a shadow root', async () => {
    const host = document.createElement('div');
    host.setAttribute('lang', 'ja');
    document.body.append(host);
    restore.push(() => host.remove());
    const shadow = host.attachShadow({ mode: 'open' });
    const { el, widget } = await suite.mount();
    shadow.append(el);
    await untilBadge(widget, 'Slack alerts', '未接続');
    expect(widget.card('Slack alerts').buttonNames).to.deep.equal(['接続']);
    expect(widget.card('Orders to Slack').badge).to.equal('有効');
  });

  it('takes the document’s language when neither the element nor an ancestor says, and the nearest lang wins', async () => {
    setLang(document.documentElement, 'fr-CA');
    const { el, widget } = await suite.mount();
    await untilBadge(widget, 'Slack alerts', 'Non connectée');
    setLang(el.parentElement!, 'es');
    await untilBadge(widget, 'Slack alerts', 'No conectada');
    el.setAttribute('lang', 'pt-BR');
    await untilBadge(widget, 'Slack alerts', 'Não conectada');
  });

  it('re-renders when lang changes at run time, back to English too', async () => {
    const { el, widget } = await suite.mount();
    expect(widget.card('Slack alerts').badge).to.equal('Not connected');
    el.lang = 'de-AT';
    await untilBadge(widget, 'Slack alerts', 'Nicht verbunden');
    el.lang = 'en';
    await untilBadge(widget, 'Slack alerts', 'Not connected');
    setLang(document.documentElement, 'ja');
    el.removeAttribute('lang');
    await untilBadge(widget, 'Slack alerts', '未接続');
  });

  it('lets messages override any built-in string, and keeps the others translated', async () => {
    const { widget } = await suite.mount({ lang: 'de', messages: { connect: 'Jetzt verbinden', searchLabel: 'Suche' } });
    await untilBadge(widget, 'Slack alerts', 'Nicht verbunden');
    expect(widget.card('Slack alerts').buttonNames).to.deep.equal(['Jetzt verbinden']);
    await waitUntil(() => widget.part('search-label')?.textContent === 'Suche', 'the host’s toolbar label');
  });

  it('announces in the language, with its plural and number rules', async () => {
    const { widget } = await suite.mount({ lang: 'de', wait: false });
    await untilBadge(widget, 'Slack alerts', 'Nicht verbunden');
    const count = widget.titles.length;
    // Said once the load completes, by then in German (the chunk is in long before).
    await waitUntil(() => widget.status === `${count} Integrationen geladen.`, `announced in German (now "${widget.status}")`);
    widget.card('Slack alerts').click({ action: 'connect' });
    await waitUntil(() => widget.status === 'Slack alerts ist verbunden. Autorisieren Sie die Integration, um fortzufahren.', 'the Connect announcement');
  });
});
