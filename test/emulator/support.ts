/** Helpers for the emulator's Node suites: a real HTTP emulator with a hand-driven clock. */
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '../../emulator/http.ts';

export const START = Date.parse('2025-06-02T09:00:00.000Z');
export const SLACK_ALERTS = '3f6c1d0e-8a41-4c55-9d2b-1a0b9e7c5a01';
export const CRM_SYNC = '3f6c1d0e-8a41-4c55-9d2b-1a0b9e7c5a02';
export const WEEKLY_REPORT = '3f6c1d0e-8a41-4c55-9d2b-1a0b9e7c5a04';
export const DEMO_USER_ID = '7d3f5a10-5c1e-4e8b-9a52-0d3e6f1a2b01';
export const DEMO_INSTANCE_ID = 'c0ffee00-1d2e-4f3a-9b8c-7d6e5f4a3b01';
export const DEMO_STRIPE_AUTH = 'a1e0c5d2-7b6f-4f3a-8e21-5c9d0b1a2f01';

export interface TestEmulator extends RunningEmulator {
  clock: { now: number };
  gql(token: string | null, query: string, variables?: Record<string, unknown>): Promise<{ status: number; headers: Headers; body: any }>;
  /** A new external user and a user token for it, through the real mutations. */
  newUser(externalUserId: string): Promise<{ userId: string; token: string }>;
}

export async function emulatorForTest(options: StartEmulatorOptions = {}): Promise<TestEmulator> {
  const clock = { now: START };
  const running = await startEmulator({ now: () => clock.now, masterToken: 'test-master-token', ...options });
  const gql: TestEmulator['gql'] = async (token, query, variables) => {
    const response = await fetch(running.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  };
  const newUser = async (externalUserId: string) => {
    const created = await gql(running.masterToken, 'mutation ($n: String!, $e: String!) { createExternalUser(input: {name: $n, externalUserId: $e}) { userId } }', {
      n: `User ${externalUserId}`,
      e: externalUserId,
    });
    const userId = created.body.data.createExternalUser.userId as string;
    const authorized = await gql(running.masterToken, 'mutation ($u: ID!) { authorize(input: {userId: $u}) { accessToken } }', { u: userId });
    return { userId, token: authorized.body.data.authorize.accessToken as string };
  };
  return Object.assign(running, { clock, gql, newUser });
}

/** The first error's message and extensions. */
export const firstError = (body: any) => ({ message: body.errors?.[0]?.message as string, ...(body.errors?.[0]?.extensions ?? {}) });
