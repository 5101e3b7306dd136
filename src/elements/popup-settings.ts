/**
 * What every Tray popup (the auth dialog, the configuration wizard) needs
 * from the element's settings. Its own module so the region table comes with
 * the popup journeys' chunk, not with the first bundle.
 */
import { fetchAuthCodeFrom } from '../services/host-session.ts';
import { resolveDialogOrigin } from '../services/regions.ts';
import type { BusyContext } from '../services/busy-answer.ts';
import type { MarketplaceSettings } from '../hooks.ts';

/** Throws what to set when a setting is missing; `busy` hears of a busy auth-code endpoint's wait. */
export function popupSettings(settings: MarketplaceSettings, signal: AbortSignal, busy?: BusyContext) {
  const { fetchAuthCode, authCodeEndpoint, region, dialogOrigin, embeddedId } = settings;
  return {
    dialogOrigin: resolveDialogOrigin(region, dialogOrigin),
    embeddedId: embeddedId ?? '',
    // The host's own callback (called with no stale `this`), else the
    // companion server's auth-code endpoint; once per dialog.
    fetchAuthCode: () => (fetchAuthCode ? fetchAuthCode() : fetchAuthCodeFrom(authCodeEndpoint, signal, busy)),
    signal,
  };
}
