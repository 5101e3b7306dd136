/**
 * The words of "Show all" on a card whose title, description or tags are cut
 * short, in English. They live with clamp-toggle.ts in the lazily loaded
 * features chunk; a host overrides them through the element's `messages`,
 * and each built-in language translates them.
 */
export const DEFAULT_CLAMP_MESSAGES = {
  /** On a card whose title, description or tags are cut short. */
  showAll: 'Show all',
  /** The same button once the card shows all of it, to cut it short again. */
  showLess: 'Show less',
};

export type ClampMessages = typeof DEFAULT_CLAMP_MESSAGES;
