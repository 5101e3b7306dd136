/**
 * Small helpers the popup suites share: calling the e2e plugin's helpers,
 * waiting for a condition, asking whether a promise has settled, and running
 * code inside a real (trusted) click.
 */
import { realClick } from './commands.ts';

/** POSTs to the test server (the e2e plugin's /__e2e/* helpers), with a user token and a JSON body when given. */
export async function e2ePost<T>(path: string, init: { token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return (await response.json()) as T;
}

/** Polls `read` until it gives a value; fails naming `what` after the (generous) timeout. */
export async function until<T>(read: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Whether `promise` settles (either way) within `ms`: for "nothing happened" checks. */
export const settledWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true, () => true), new Promise((resolve) => setTimeout(() => resolve(false), ms))]);

/** Runs `run` inside a trusted click on a button labelled `label`, as a user's click would, and returns its result. */
export async function inClick<T>(label: string, run: () => T): Promise<T> {
  const button = document.createElement('button');
  button.textContent = label;
  button.style.cssText = 'position:fixed;left:0;top:0;width:120px;height:40px;z-index:2147483647';
  document.body.append(button);
  let result: { value: T } | undefined;
  button.addEventListener('click', () => {
    result = { value: run() };
  });
  await realClick(button);
  button.remove();
  if (!result) throw new Error('the click did not reach the button');
  return result.value;
}

/**
 * A new emulator user (through the e2e plugin) owning a new instance of
 * `solutionId`: its user token, the instance id, and the host's
 * `fetchAuthCode` for that user (a fresh one-time code per call).
 */
export async function e2eUserWithInstance(prefix: string, solutionId: string) {
  const externalUserId = `${prefix}-${crypto.randomUUID()}`;
  const { token } = await e2ePost<{ token: string }>(`/__e2e/user-token?externalUserId=${externalUserId}`);
  const created = await e2ePost<{ data: { createSolutionInstance: { solutionInstance: { id: string } } } }>('/__e2e/graphql', {
    token,
    body: {
      query: 'mutation ($s: ID!) { createSolutionInstance(input: {solutionId: $s, instanceName: "Test"}) { solutionInstance { id } } }',
      variables: { s: solutionId },
    },
  });
  const instanceId = created.data.createSolutionInstance.solutionInstance.id;
  const fetchAuthCode = async () => (await e2ePost<{ code: string }>(`/__e2e/auth-code?externalUserId=${externalUserId}`)).code;
  return { token, instanceId, fetchAuthCode };
}
