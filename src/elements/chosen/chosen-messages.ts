/**
 * The strings of `solution-id` and of views kept in step, in English. They
 * live with the code that shows them, in the lazily loaded features chunk; a
 * host overrides any of them through the element's `messages`, and each
 * built-in language translates them.
 */
export const DEFAULT_CHOSEN_MESSAGES = {
  /** Some `solution-id` is not in the catalogue (or not under `tags`). */
  solutionNotFound: 'This integration is not available.',
  /** Another view of the widget (this page or another tab) is connecting this solution right now. */
  connectingElsewhere: 'Being connected in another window…',
  /** Another view of the widget is acting on this integration right now (its sign-in or settings window is open there, say). */
  changingElsewhere: 'Being changed in another window…',
};

export type ChosenMessages = typeof DEFAULT_CHOSEN_MESSAGES;
