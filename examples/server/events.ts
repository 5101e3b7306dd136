/**
 * Server events to a log and to counters, with nothing but Node: one JSON
 * line per event, and counts by type (and by outcome for Tray calls) that a
 * metrics endpoint or a periodic report can read. A host with a structured
 * logger (pino, winston …) or a metrics client (prom-client …) of its own
 * calls it in the same two places; neither is a dependency of this package.
 */
import type { TrayServerEvent } from 'tray-integrations/server';

/** Events seen since start: `tray-call:ok`, `proxy-refused:operation-not-allowed`, `account-removed` … */
export const eventCounts = new Map<string, number>();

function counterKey(event: TrayServerEvent): string {
  if (event.type === 'tray-call') return `tray-call:${event.outcome}`;
  if (event.type === 'proxy-refused') return `proxy-refused:${event.reason}`;
  return event.type;
}

/** Pass as `createTrayHandler({ onEvent: logAndCount })`. No event holds a token or a code, so each can be logged whole. */
export function logAndCount(event: TrayServerEvent): void {
  console.log(JSON.stringify({ at: new Date().toISOString(), source: 'tray-integrations', ...event }));
  const key = counterKey(event);
  eventCounts.set(key, (eventCounts.get(key) ?? 0) + 1);
}
