/** The emulator's core: runs in Node and in the browser (under msw). No Node-only imports. */
export { createEmulator, DEFAULT_EMBEDDED_ID, DEFAULT_MASTER_TOKEN } from './emulator.ts';
export type { Emulator, EmulatorOptions, FaultKind, Faults, RateLimit, RequestLogEntry, TokenKind } from './emulator.ts';
export { loadFixture, FixtureError } from './fixture.ts';
export type { Fixture } from './fixture.ts';
export { SDL, traySchema } from './schema.ts';
export { AUTH_CODE_TTL_MS, USER_TOKEN_TTL_MS } from './store.ts';
