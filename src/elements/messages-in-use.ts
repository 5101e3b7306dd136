/**
 * The words the element shows: English under the built-in language under
 * the host's `messages`. The same object while neither input changes, so
 * the cards (drawn through a guard on it) are not redrawn for nothing.
 */
import { DEFAULT_MESSAGES, type TrayMessages } from './messages.ts';
import type { WidgetMessages } from './translations/translation.ts';

export type MessagesShown = TrayMessages & Partial<WidgetMessages>;
type Overrides = Partial<WidgetMessages> | undefined;

/** The words shown (`all`) and the two inputs they were made from. */
export interface MessagesInUse {
  from: Overrides;
  t: WidgetMessages | undefined;
  all: MessagesShown;
}

/** `last` again while `messages` and the translation are the objects it was made from; else the words made anew. */
export const messagesInUse = (last: MessagesInUse | undefined, from: Overrides, t: WidgetMessages | undefined): MessagesInUse =>
  last && last.from === from && last.t === t ? last : { from, t, all: { ...DEFAULT_MESSAGES, ...t, ...from } };
