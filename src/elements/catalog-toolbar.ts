/**
 * The catalogue's search and filter bar, as a render function the element
 * places above its grid: a labelled search field (debounced), filter chips
 * (toggle buttons with `aria-pressed`) for tags, categories and connected /
 * not connected, a "Clear filters" button while anything is chosen, and a
 * polite status line with how many integrations are shown, and beside it
 * the way to the user's connected accounts ("Connected accounts (3)").
 *
 * Stateless: the filter lives with the caller, who re-renders with the
 * filter `onChange` hands back. Every string comes from `messages`. Tray's
 * tag and category names go through text bindings only.
 *
 * On a narrow toolbar (under 30rem, a phone) the chips fold away behind a
 * "Filters" button, with how many are chosen, so that the first cards stay
 * on the first screen; on a wide one that button is not shown.
 *
 * Parts: `toolbar`, `search-label`, `search`, `button-filters`, `filters`,
 * `filter-group`, `chip` (also `chip-pressed`), `button-clear-filters`,
 * `results`, `button-accounts`.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { CatalogToolbarMessages } from './toolbar-messages.ts';
import { quoting } from './partner-text.ts';
import { isFilterEmpty, type CatalogFacets, type CatalogFilter, type ConnectionFilter, type Facet } from './catalog-filter.ts';

export interface CatalogToolbarProps {
  filter: CatalogFilter;
  /** From `catalogFacets(solutions)`: the chips there are to press. */
  facets: CatalogFacets;
  /** Solutions left after filtering. */
  shown: number;
  /** Solutions loaded. */
  total: number;
  messages: CatalogToolbarMessages;
  /** Called with the whole new filter: typing after `debounceMs`, Enter, Escape and chips at once. */
  onChange: (filter: CatalogFilter) => void;
  /** DOM id prefix unique within the shadow root (default `catalog`). */
  id?: string;
  /** Quiet time after the last keystroke before the query applies (default 250 ms). */
  debounceMs?: number;
  /** The way to the accounts view: how many accounts the user has, and what switches to it. None: no button. */
  accounts?: { count: number; show: () => void };
}

// The debounce timer of each search field. Kept by element, not in the
// caller, so the render function stays a function.
const pending = new WeakMap<HTMLInputElement, ReturnType<typeof setTimeout>>();

function cancelPending(input: HTMLInputElement): void {
  clearTimeout(pending.get(input));
  pending.delete(input);
}

/** The search field of the toolbar an event happened in. */
function searchOf(event: Event): HTMLInputElement | null {
  return (event.currentTarget as Element).closest('[part~="toolbar"]')?.querySelector('input[type="search"]') ?? null;
}

/**
 * Shows or hides the chips of a narrow toolbar. The open state is the
 * button's own `aria-expanded`, not the caller's: the template writes it
 * as a static attribute, which Lit sets once when it creates the button and
 * leaves alone on every re-render, so the toolbar stays a render function
 * and a chip pressed keeps the chips open. The styles read it.
 */
function toggleFilters(event: Event): void {
  const button = event.currentTarget as HTMLButtonElement;
  button.setAttribute('aria-expanded', button.getAttribute('aria-expanded') === 'true' ? 'false' : 'true');
}

const toggle = (list: readonly string[] | undefined, value: string) =>
  list?.includes(value) ? list.filter((v) => v !== value) : [...(list ?? []), value];

export function renderCatalogToolbar(props: CatalogToolbarProps): TemplateResult {
  const { filter, facets, messages: m, onChange } = props;
  const id = props.id ?? 'catalog';
  const debounceMs = props.debounceMs ?? 250;
  const connection = filter.connection ?? 'all';
  const chosen = (filter.tags?.length ?? 0) + (filter.categories?.length ?? 0) + (connection === 'all' ? 0 : 1);

  const applyQuery = (input: HTMLInputElement) => {
    cancelPending(input);
    if (input.value !== (filter.query ?? '')) onChange({ ...filter, query: input.value });
  };
  /** A chip or Clear press: the words typed so far count, even if their debounce has not run yet. */
  const applyNow = (event: Event, patch: Partial<CatalogFilter>) => {
    const input = searchOf(event);
    if (input) {
      cancelPending(input);
      if (patch.query !== undefined) input.value = patch.query;
    }
    onChange({ ...filter, query: input?.value ?? filter.query ?? '', ...patch });
  };

  const chip = (label: TemplateResult | string, pressed: boolean, patch: () => Partial<CatalogFilter>) =>
    html`<button
      type="button"
      class="chip"
      part=${pressed ? 'chip chip-pressed' : 'chip'}
      aria-pressed=${pressed ? 'true' : 'false'}
      @click=${(event: Event) => applyNow(event, patch())}
    >
      ${label}
    </button>`;

  const group = (key: string, label: string, chips: TemplateResult[]) =>
    chips.length
      ? html`<div class="filter-group" part="filter-group" role="group" aria-labelledby="${id}-${key}">
          <span class="filter-label" id="${id}-${key}">${label}</span>${chips}
        </div>`
      : nothing;

  const facetChips = (list: Facet[], chosen: readonly string[] | undefined, key: 'tags' | 'categories') =>
    list.map(({ value, count }) =>
      chip(quoting((text) => m.facet(text, count), value), !!chosen?.includes(value), () => ({ [key]: toggle(chosen, value) })),
    );

  const connectionChip = (value: Exclude<ConnectionFilter, 'all'>, label: string) =>
    chip(label, connection === value, () => ({ connection: connection === value ? 'all' : value }));

  return html`<div class="toolbar" part="toolbar">
    <div class="search">
      <label part="search-label" for="${id}-search">${m.searchLabel}</label>
      <input
        id="${id}-search"
        part="search"
        type="search"
        autocomplete="off"
        spellcheck="false"
        placeholder=${m.searchPlaceholder}
        aria-describedby="${id}-results"
        .value=${filter.query ?? ''}
        @input=${(event: Event) => {
          const input = event.currentTarget as HTMLInputElement;
          cancelPending(input);
          pending.set(
            input,
            setTimeout(() => applyQuery(input), debounceMs),
          );
        }}
        @keydown=${(event: KeyboardEvent) => {
          const input = event.currentTarget as HTMLInputElement;
          if (event.key === 'Enter') applyQuery(input);
          if (event.key === 'Escape' && input.value) {
            // Clears the search, and stops there: a host's dialog around the widget stays open.
            event.preventDefault();
            event.stopPropagation();
            input.value = '';
            applyQuery(input);
          }
        }}
      />
    </div>
    <button
      type="button"
      class="chip filters-toggle"
      part="button button-filters"
      aria-expanded="false"
      aria-controls="${id}-filters"
      @click=${toggleFilters}
    >
      ${chosen ? `${m.filtersLabel} (${chosen})` : m.filtersLabel}
    </button>
    <div class="filters" part="filters" id="${id}-filters" role="group" aria-label=${m.filtersLabel}>
      ${group('connection', m.connectionLabel, [connectionChip('connected', m.connected), connectionChip('not-connected', m.notConnected)])}
      ${group('categories', m.categoriesLabel, facetChips(facets.categories, filter.categories, 'categories'))}
      ${group('tags', m.tagsLabel, facetChips(facets.tags, filter.tags, 'tags'))}
      ${isFilterEmpty(filter)
        ? nothing
        : html`<button type="button" class="chip clear" part="button button-clear-filters" @click=${(event: Event) => {
              const input = searchOf(event);
              applyNow(event, { query: '', tags: [], categories: [], connection: 'all' });
              // This button goes away with the filters: keep the keyboard user in the toolbar.
              input?.focus();
            }}>
            ${m.clearFilters}
          </button>`}
    </div>
    <div class="results-row">
      <p class="results" part="results" id="${id}-results" role="status">${m.results(props.shown, props.total)}</p>
      ${props.accounts
        ? html`<button type="button" class="view-switch" part="button button-accounts" data-action="accounts" @click=${props.accounts.show}>
            ${m.showAccounts(props.accounts.count)}
          </button>`
        : nothing}
    </div>
  </div>`;
}

/**
 * The styles of what the toolbar has beyond the box that holds its place
 * (styles.ts): the filter groups and their labels, a pressed chip, the row
 * of the results line and the accounts button, a link's size so the row
 * keeps its height. catalog-ui.ts adopts them.
 */
export const TOOLBAR_EXTRA_STYLES = css`
  /* The toolbar's own width, not the page's, decides whether the chips fold
     away: a widget in a narrow column of a wide page folds them too. */
  .toolbar {
    container: tray-toolbar / inline-size;
  }
  .filters-toggle {
    display: none;
  }
  /* A phone: the chips' rows would fill its first screen and push the
     first card below it. One row, "Filters", in their place (the row the
     box that holds the toolbar's place keeps, so nothing moves when the
     toolbar arrives); the chips show while it is expanded. */
  @container tray-toolbar (width < 30rem) {
    .filters-toggle {
      display: block;
      align-self: flex-start;
    }
    .filters-toggle[aria-expanded='false'] + .filters {
      display: none;
    }
    /* A sign that it opens, and that it is open; not read out (aria-expanded says it). */
    .filters-toggle::after {
      content: ' ▾' / '';
    }
    .filters-toggle[aria-expanded='true']::after {
      content: ' ▴' / '';
    }
  }
  /* A group wraps its chips, as narrow as the row however long a partner's
     tag: its chip then wraps, or is cut. */
  .filter-group {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    min-width: 0;
  }
  .filter-label {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .chip[aria-pressed='true'] {
    color: var(--_on-accent);
    background: var(--_accent);
    border-color: var(--_accent);
  }
  .results-row {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0 1rem;
  }
  /* A partner's tag of any length stays a chip's size: what does not fit is
     cut (the chip's name, and the card's tags, keep all of it). */
  .chip {
    max-block-size: 4lh;
    overflow: hidden;
  }
  .view-switch {
    padding: 0;
    border: 0;
    font-size: 0.875em;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
`;
