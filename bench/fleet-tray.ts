/**
 * The fleet run's Tray, in a process of its own: the emulator core behind a
 * counting listener (bench/fleet.ts `startCountingTray`). Alone, it stamps
 * each master-token call when it really arrives; in the process that also
 * runs the 500 clients, a stall would stamp a queue of calls as one burst.
 * Prints `{"graphqlUrl": …}` once listening; answers the IPC message
 * "report" with what it saw.
 */
import { maxPerSecond, startCountingTray } from './fleet.ts';

const tray = await startCountingTray();
process.stdout.write(`${JSON.stringify({ graphqlUrl: tray.graphqlUrl })}\n`);
process.on('message', (message) => {
  if (message !== 'report') return;
  const prefix = 'fleet-user-';
  const rateLimited = tray.emulator.requests.filter((entry) => entry.outcome === 'rate-limited').length;
  process.send!({
    trayUsersCreated: [...tray.emulator.store.users.values()].filter((user) => user.externalUserId.startsWith(prefix)).length,
    maxTrayCallsPerSecond: maxPerSecond(tray.masterCalls),
    trayRateLimited: rateLimited,
    trayCallsAccepted: tray.masterCalls.length - rateLimited,
  });
});
process.on('SIGTERM', () => void tray.close().finally(() => process.exit(0)));
