/**
 * Reads a fixture file for the emulator's CLI and for `npm run demo
 * -- --fixture`: one message that says what is wrong with the file. The
 * fixture's content is validated by the emulator itself (FixtureError).
 */
import { readFile } from 'node:fs/promises';

export async function readFixtureFile(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`Cannot read the fixture "${path}": ${error.code === 'ENOENT' ? 'no such file' : error.message}.`);
  });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`The fixture "${path}" is not valid JSON: ${(error as Error).message}`);
  }
}
