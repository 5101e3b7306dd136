/**
 * Stand-in for the `auth.ts` an Auth.js app already has
 * (`export const { handlers, auth, signIn, signOut } = NextAuth({ … })`), so
 * the route beside it type-checks and runs in the tests. `auth()` resolves
 * the session of the request in hand, or null when nobody is signed in.
 */
export interface Session {
  user?: { id?: string; name?: string | null; email?: string | null };
}

let current: Session | null = null;

/** The tests sign a user in or out; in your app, Auth.js does. */
export function setSession(session: Session | null): void {
  current = session;
}

export async function auth(): Promise<Session | null> {
  return current;
}
