// Plain Node `http`: the Tray endpoints next to your own routes.
import { createServer } from 'node:http';
import { createTrayHandler, toNodeListener } from 'tray-integrations/server';
import { userFromCookie } from './your-auth';

const tray = toNodeListener(
  createTrayHandler({
    masterToken: process.env.TRAY_MASTER_TOKEN ?? '', // a clear error at startup if unset
    region: 'us', // 'eu' or 'ap' for those Tray regions
    endpoint: process.env.TRAY_ENDPOINT, // set to the emulator's /graphql URL in development
    getUser: (request) => userFromCookie(request.headers.get('cookie')),
  }),
);

export const server = createServer((req, res) => {
  if (req.url?.startsWith('/api/tray/')) return void tray(req, res);
  res.statusCode = 404; // …your own routes here
  res.end();
});

server.listen(Number(process.env.PORT ?? 3000));
