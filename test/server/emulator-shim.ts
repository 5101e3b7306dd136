// TEMPORARY until emulator/http.ts lands: createEmulator().fetch behind a Node http server.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator } from '../../emulator/core/index.ts';

export async function startEmulator(options: { port?: number; dialogPort?: number; masterToken?: string; fixture?: unknown }) {
  const emulator = createEmulator({ masterToken: options.masterToken, fixture: options.fixture });
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const r = await emulator.fetch(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, ...(req.method === 'GET' ? {} : { body: Buffer.concat(chunks) }) }));
    res.statusCode = r.status;
    r.headers.forEach((v, k) => res.setHeader(k, v));
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { graphqlUrl: `${origin}/graphql`, apiOrigin: origin, dialogOrigin: origin, masterToken: emulator.masterToken, emulator, close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }) };
}
