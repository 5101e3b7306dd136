/**
 * What an action tells the element once it has done something: the element
 * dispatches the event, says the words and moves focus.
 */
import type { TrayMessages } from './messages.ts';

/** Where keyboard focus goes once an action re-rendered its card: a button by action (and slot). */
export interface FocusTarget {
  key: string;
  action: string;
  slot?: string;
}

/**
 * What happened, for the element to tell the page and the person: a DOM
 * event to dispatch, words for the live region, a button to focus.
 */
export interface Outcome {
  event?: Event;
  say?: (m: TrayMessages) => string;
  focus?: FocusTarget;
}

/** Tells the element; false when a listener cancelled the event (a request said no). */
export type Report = (outcome: Outcome) => boolean;
