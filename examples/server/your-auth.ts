/**
 * Stand-in for your app's own login, so the examples run: replace it with
 * your session lookup (a signed cookie, express-session, NextAuth, …).
 */
import type { TrayUser } from 'tray-integrations/server';

/** Session id → signed-in user, as your login would record it. */
export const signedIn = new Map<string, TrayUser>();

export function userFromCookie(cookieHeader: string | null): TrayUser | null {
  const sessionId = /(?:^|;\s*)session=([^;]+)/.exec(cookieHeader ?? '')?.[1];
  return (sessionId && signedIn.get(sessionId)) || null;
}
