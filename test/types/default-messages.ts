/**
 * The English defaults, imported from the package's own entry as a host
 * that translates does: `npm run typecheck` fails if one is no longer
 * exported, or if the four together no longer give every key of the
 * widget's messages.
 */
import { DEFAULT_ACCOUNT_MESSAGES, DEFAULT_CHOSEN_MESSAGES, DEFAULT_CLAMP_MESSAGES, DEFAULT_MESSAGES, DEFAULT_TOOLBAR_MESSAGES, type TrayIntegrationsElement, type WidgetMessages } from 'tray-integrations';
import type { AccountMessages, CatalogToolbarMessages, ChosenMessages, ClampMessages, TrayMessages, WidgetMessages as ScriptTagWidgetMessages } from '../../src/cdn.ts';

/** Every key the widget shows, with its English words: the list a translation starts from. */
export const ENGLISH: WidgetMessages = { ...DEFAULT_MESSAGES, ...DEFAULT_TOOLBAR_MESSAGES, ...DEFAULT_ACCOUNT_MESSAGES, ...DEFAULT_CHOSEN_MESSAGES, ...DEFAULT_CLAMP_MESSAGES };
export const keys: ReadonlyArray<keyof WidgetMessages> = Object.keys(ENGLISH) as Array<keyof WidgetMessages>;

/** The script-tag bundle's types name the same five parts. */
export const scriptTag: ScriptTagWidgetMessages = ENGLISH satisfies TrayMessages & CatalogToolbarMessages & AccountMessages & ChosenMessages & ClampMessages;

export function translate(widget: TrayIntegrationsElement): void {
  widget.messages = { ...ENGLISH, connect: 'Verbinden', searchLabel: 'Integrationen suchen', accountsTitle: 'Verbundene Konten' };
}
