/**
 * What a built-in language provides: every string the widget shows (the
 * element's, the search toolbar's and the accounts view's), built for the
 * page's locale so numbers, plurals and lists follow it. A language module
 * (`de.ts`, …) default-exports one; language.ts loads it as a chunk of its
 * own, only when a page is in that language.
 */
import type { AccountMessages } from '../accounts/account-messages.ts';
import type { CatalogToolbarMessages } from '../toolbar-messages.ts';
import type { ChosenMessages } from '../chosen/chosen-messages.ts';
import type { ClampMessages } from '../clamp-messages.ts';
import type { TrayMessages } from '../messages.ts';
import type { TrayErrorCode } from '../../services/errors.ts';
import type { Formats } from './formats.ts';

/** Every string of the widget. */
export type WidgetMessages = TrayMessages & CatalogToolbarMessages & AccountMessages & ChosenMessages & ClampMessages;

/** A language: all of `WidgetMessages`, for the locale `formats` stands for. */
export type Translation = (formats: Formats) => WidgetMessages;

/**
 * What a failure says in a language, by code: the service's own message is
 * English (or Tray's), so a translation says it in its words instead.
 * `signed-out` and `backend` never reach it (errorText says `signedOut` and
 * `backendFailed`), so they are left out.
 */
export type ErrorTexts = Record<Exclude<TrayErrorCode, 'signed-out' | 'backend'>, string>;
