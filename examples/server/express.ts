// Express 4: mount the Tray endpoints before express.json(), so this
// package's own body limit (413) and malformed-JSON answer (400) apply.
import express from 'express';
import { createTrayHandler, toNodeListener } from 'tray-integrations/server';
import { userFromCookie } from './your-auth';

export const app = express();

app.use(
  toNodeListener(
    createTrayHandler({
      masterToken: process.env.TRAY_MASTER_TOKEN ?? '',
      region: 'us',
      endpoint: process.env.TRAY_ENDPOINT,
      // With passport or express-session, read context.req instead:
      // getUser: (request, context) => userFrom((context?.req as express.Request).user)
      getUser: (request) => userFromCookie(request.headers.get('cookie')),
    }),
  ),
);

app.use(express.json());
// …your own routes here

export const server = app.listen(Number(process.env.PORT ?? 3000));
