import { css } from 'lit';

/*
 * Public custom properties are only ever read, with fallbacks, never declared
 * on :host, so a host page can theme every instance from :root. Private
 * `--_*` shorthands are declared on the inner wrapper and always defer to
 * the public ones; the dark palette lives only in the fallbacks.
 */
export const styles = css`
  /* Its own line-height, not a plain page's cramped one (a host's
     tray-integrations { line-height } still wins). */
  :host {
    display: block;
    font: var(--tray-font, inherit);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  /*
   * Light unless the page opts into dark with color-scheme (inherited, so
   * :root { color-scheme: dark } or light dark, or the same on the element
   * itself): light-dark() picks by the used color scheme, never by the OS
   * preference alone. light-dark() is in every browser released since May
   * 2024 (Baseline, widely available); an older one draws the widget in the
   * page's own colours (the values are invalid there, so text inherits and
   * surfaces are transparent) rather than pay 80 bytes for a second palette.
   */
  .base {
    --_fg: var(--tray-color-text, light-dark(#1c2128, #e6edf3));
    --_bg: var(--tray-color-surface, light-dark(#fff, #161b22));
    --_muted: var(--tray-color-muted, light-dark(#57606a, #9da7b3));
    --_line: var(--tray-color-border, light-dark(#d0d7de, #545d68));
    --_accent: var(--tray-color-accent, light-dark(#0b57d0, #7cacf8));
    --_on-accent: var(--tray-color-on-accent, light-dark(#fff, #0b1d3a));
    --_danger: var(--tray-color-danger, light-dark(#b3261e, #ffb4ab));
    --_ok: var(--tray-color-success, light-dark(#146c2e, #7ee2a8));
    --_warn: var(--tray-color-warning, light-dark(#8a5300, #f2c46d));
    --_radius: var(--tray-radius, 8px);
    --_space: var(--tray-spacing, 1rem);
    color: var(--_fg);
  }
  .list {
    display: grid;
    gap: var(--tray-gap, var(--_space));
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--tray-card-min-width, 18rem)), 1fr));
    list-style: none;
    margin: 0;
    padding: 0;
  }
  /* The search and filter bar (catalog-toolbar.ts) is styled here rather than
     in its chunk: the box that holds its place while the chunk loads
     (catalog-view.ts) is built of the same boxes, so the bar fills exactly
     that space. It sits on the cards' surface, so its text keeps its contrast. */
  .card,
  .toolbar {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
    padding: var(--tray-card-padding, var(--_space));
    background: var(--tray-card-background, var(--_bg));
    border: 1px solid var(--tray-card-border-color, var(--_line));
    border-radius: var(--tray-card-radius, var(--_radius));
    overflow-wrap: anywhere;
  }
  .card {
    height: 100%;
    box-sizing: border-box;
  }
  .toolbar {
    margin-block-end: var(--_space);
    min-width: 0;
  }
  /* A box of the most a picture takes (the card's width, 8rem high), there
     before the picture loads, so the card does not grow when it does. The
     picture inside at its own aspect ratio, never enlarged: a banner spans
     the card, a logo keeps its size. */
  .card > img {
    width: 100%;
    height: 8rem;
    object-fit: scale-down;
    object-position: left top;
  }
  /* At the start edge on a right-to-left page too (object-position has no logical keywords). */
  .card > img:dir(rtl) {
    object-position: right top;
  }
  h3 {
    margin: 0;
    font-size: 1.05em;
  }
  p {
    margin: 0;
  }
  .muted,
  .tags,
  .results {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .tags,
  .services {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  /* Partner text: it wraps anywhere (above) and never sets the widget's
     width (contain), the title shows at most 3 lines, the description 6 and
     the tags 2 until the card's "Show all" (clamp-toggle.ts). Clipped to its box, whose lines
     are the widget's set line-height, so a storm of combining marks draws nothing outside. */
  .clamp {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
    overflow: hidden;
    contain: inline-size;
  }
  p.clamp {
    -webkit-line-clamp: 6;
  }
  ul.clamp {
    -webkit-line-clamp: 2;
  }
  .tags > li {
    display: inline;
    margin-inline-end: 0.75rem;
  }
  /* One service a line, its words after a column of marks (✓ or !, not
     told by colour alone): the mark hangs in the indent, so a line that
     wraps starts under the words. */
  .services {
    display: grid;
    gap: 0.25rem;
    padding-inline-start: 1.25rem;
  }
  .services li::before {
    display: inline-block;
    width: 1.25rem;
    margin-inline-start: -1.25rem;
  }
  .services img {
    width: 1rem;
    height: 1rem;
    vertical-align: -0.15em;
  }
  /* The state under the title (which so has the card's whole width): filled
     and tinted, with a glyph, so it is not told by colour alone; as wide as
     its words. */
  .badge {
    width: fit-content;
    padding: 0.125rem 0.5rem;
    border-radius: var(--tray-badge-radius, 999px);
    font-size: max(12px, 0.8em);
    color: var(--_muted);
    background: color-mix(in srgb, currentColor 14%, #0000);
  }
  .s-enabled,
  .services li::before {
    color: var(--_ok);
  }
  .s-enabled::before,
  .services li::before {
    content: '✓ ' / '';
  }
  .s-needs-auth,
  .s-update-required,
  li[part~='service-missing']::before {
    color: var(--_warn);
  }
  .s-needs-auth::before,
  li[part~='service-missing']::before {
    content: '! ' / '';
  }
  .s-update-required::before {
    content: '↑ ' / '';
  }
  /* Off and not yet there: an open mark, so no state is told by colour alone. */
  .s-disabled::before {
    content: '‖ ' / '';
  }
  .s-not-connected::before {
    content: '○ ' / '';
  }
  .error {
    color: var(--_danger);
  }
  /* The load error's Retry, apart from its words. */
  .error + button {
    margin-block-start: 0.5rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-start: auto;
  }
  button {
    font: inherit;
    cursor: pointer;
    padding: 0.4rem 0.9rem;
    color: var(--_accent);
    background: transparent;
    border: 1px solid currentColor;
    border-radius: var(--tray-button-radius, var(--_radius));
  }
  button.primary {
    color: var(--_on-accent);
    background: var(--_accent);
    border-color: var(--_accent);
  }
  /* One primary button a card: a later next step is secondary. */
  button.primary ~ .primary {
    color: var(--_accent);
    background: none;
  }
  button.danger {
    color: var(--_danger);
  }
  button:disabled {
    cursor: progress;
    opacity: 0.6;
  }
  /* The ring on whatever has the keyboard: a button, the search field, a heading focus was moved to. */
  :focus-visible {
    outline: 2px solid var(--tray-focus-color, var(--_accent));
    outline-offset: 2px;
  }
  .reserved > * {
    visibility: hidden;
  }
  .search {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .search input {
    font: inherit;
    padding: 0.4rem 0.6rem;
    color: inherit;
    background: var(--tray-card-background, var(--_bg));
    /* A field's edge at 3:1 or more on the card: the muted colour, unless the host sets a border colour. */
    border: 1px solid var(--tray-color-border, var(--_muted));
    border-radius: var(--tray-button-radius, var(--_radius));
  }
  /* The chips wrap onto as many rows as they need: a row that scrolled
     sideways set the widget's narrowest width to that of all its chips, and
     a page in a grid or flex column then scrolled sideways with it (a
     group's own rules are the toolbar's, catalog-toolbar.ts). */
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .filters {
    column-gap: 1.5rem;
    contain: inline-size;
  }
  .chip {
    white-space: nowrap;
    padding: 0.2rem 0.7rem;
    border-radius: 999px;
    font-size: 0.875em;
  }
  .skeleton .card {
    min-height: 8rem;
    background: var(--_line);
    opacity: 0.4;
    animation: pulse 1.2s ease-in-out infinite alternate;
  }
  @keyframes pulse {
    to {
      opacity: 0.15;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton .card {
      animation: none;
    }
  }
  /* RevealController's marker after the last rendered card: a line, so the
     IntersectionObserver has something to see, and nothing to look at. */
  .reveal-sentinel {
    height: 1px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
