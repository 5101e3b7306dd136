// Next.js App Router: save as app/api/tray/[...tray]/route.ts
import { createTrayHandler } from 'tray-integrations/server';
import { userFromCookie } from './your-auth';

const handler = createTrayHandler({
  masterToken: process.env.TRAY_MASTER_TOKEN ?? '',
  region: 'us',
  endpoint: process.env.TRAY_ENDPOINT,
  getUser: (request) => userFromCookie(request.headers.get('cookie')),
});

// GET too, so a wrong method gets this package's JSON 405, not an empty one.
export { handler as GET, handler as POST };
