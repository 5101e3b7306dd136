// Next.js App Router with Auth.js (NextAuth v5): app/api/tray/[...tray]/route.ts.
// `auth` is what your auth.ts exports from NextAuth({ … }); it reads the
// session cookie of the request being handled.
import { createTrayHandler } from 'tray-integrations/server';
import { auth } from './auth';

const handler = createTrayHandler({
  masterToken: process.env.TRAY_MASTER_TOKEN ?? '',
  region: 'us',
  endpoint: process.env.TRAY_ENDPOINT,
  getUser: async () => {
    const session = await auth();
    const user = session?.user;
    return user?.id ? { externalUserId: user.id, name: user.name ?? user.email ?? user.id } : null;
  },
});

export { handler as GET, handler as POST };
