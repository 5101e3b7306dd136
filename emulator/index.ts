/**
 * `tray-integrations/emulator`: the emulator for a host's own tests and dev
 * scripts, from the npm package (emulator/README.md, "Using it from code").
 * Node only: `startEmulator` serves it over HTTP; `createEmulator` is the
 * Fetch-API handler behind it, for a test that wants no sockets.
 */
export { startEmulator, fetchListener } from './http.ts';
export type { StartEmulatorOptions, RunningEmulator } from './http.ts';
export { createEmulator, FixtureError, DEFAULT_MASTER_TOKEN, DEFAULT_EMBEDDED_ID } from './core/index.ts';
export type { Emulator, EmulatorOptions, FaultKind, Faults, RateLimit, RequestLogEntry, TokenKind, Fixture } from './core/index.ts';
