// The sign-in examples in docs/getting-started.md name the signed-in user as
// written: a signed session cookie, and Auth.js in a Next.js route, each run
// against the HTTP emulator; nothing else the browser sends names anyone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/http.ts';
import { MASTER_TOKEN, type Emulator } from './support.ts';

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator({ port: 0, dialogPort: 0, masterToken: MASTER_TOKEN });
  process.env.TRAY_MASTER_TOKEN = MASTER_TOKEN;
  process.env.TRAY_ENDPOINT = emulator.graphqlUrl;
  process.env.SESSION_SECRET = 'a-secret-only-the-server-knows';
});
after(async () => {
  await emulator.close();
});

const session = (handler: (request: Request) => Promise<Response>, cookie?: string) =>
  handler(new Request('http://localhost:3000/api/tray/session', { method: 'POST', headers: cookie ? { cookie } : {} }));

describe('a signed session cookie', () => {
  test('names the user it was signed for, and no one when the signature is wrong or missing', async () => {
    const { signSession, userFromSignedCookie } = await import('../../examples/sign-in/signed-cookie.ts');
    const good = `theme=dark; session=${signSession('user-42')}`;
    assert.deepEqual(userFromSignedCookie(good), { externalUserId: 'user-42', name: 'user-42' });
    const forged = `session=user-43.${signSession('user-42').split('.')[1]}`;
    assert.equal(userFromSignedCookie(forged), null);
    assert.equal(userFromSignedCookie('session=user-42'), null);
    assert.equal(userFromSignedCookie(null), null);
  });
});

describe('Auth.js in a Next.js route', () => {
  test('a signed-in session gets a Tray token for its user; no session gets the sign-in answer', async () => {
    const { POST } = await import('../../examples/sign-in/auth-js-route.ts');
    const { setSession } = await import('../../examples/sign-in/auth.ts');
    setSession({ user: { id: 'auth-js-user', name: 'Ada' } });
    const answer = await session(POST, 'authjs.session-token=opaque');
    assert.equal(answer.status, 200);
    const { userId } = (await answer.json()) as { userId: string };
    assert.equal(userId, emulator.emulator.ensureUser('auth-js-user'));
    setSession(null);
    assert.equal((await session(POST)).status, 401);
  });
});
