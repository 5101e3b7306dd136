import type { TrayError } from '../../src/services/errors.ts';

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<TrayError> {
  try {
    await promise;
  } catch (error) {
    return error as TrayError;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
