/**
 * `getUser` for an app whose login sets a signed session cookie of its own:
 * `session=<user id>.<HMAC-SHA256 of the id>`. Only a cookie your server
 * signed names a user; anything else is nobody.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TrayUser } from 'tray-integrations/server';

const SECRET = process.env.SESSION_SECRET ?? '';

/** What your login puts in the cookie for `userId`. */
export function signSession(userId: string): string {
  return `${userId}.${createHmac('sha256', SECRET).update(userId).digest('base64url')}`;
}

export function userFromSignedCookie(cookieHeader: string | null): TrayUser | null {
  const value = /(?:^|;\s*)session=([^;]+)/.exec(cookieHeader ?? '')?.[1];
  const dot = value?.lastIndexOf('.') ?? -1;
  if (!value || dot < 1 || !SECRET) return null;
  const userId = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(signSession(userId).slice(dot + 1));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { externalUserId: userId, name: userId };
}
