/**
 * What one check of `tray-integrations doctor` found: a status and one
 * sentence for a person, which says what to do when something is wrong.
 */

/** `skipped`: not checked because an earlier check failed (that one already says why). */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skipped';

export interface CheckResult {
  /** Stable name for scripts reading `--json`, e.g. `master-token`, `page-coop`. */
  check: string;
  status: CheckStatus;
  /** One sentence; never holds the master token. */
  message: string;
}

export const ok = (check: string, message: string): CheckResult => ({ check, status: 'ok', message });
export const warn = (check: string, message: string): CheckResult => ({ check, status: 'warn', message });
export const fail = (check: string, message: string): CheckResult => ({ check, status: 'fail', message });
export const skipped = (check: string, message: string): CheckResult => ({ check, status: 'skipped', message });

/** Warnings are allowed: only a failed check fails the run. */
export const passed = (results: readonly CheckResult[]): boolean => !results.some((result) => result.status === 'fail');

/**
 * Text that came from elsewhere (Tray's titles, a server's error text) made
 * safe for one terminal line: control characters, escape sequences
 * included, would let that text rewrite the screen.
 */
export function oneLine(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** "a, b, c and 4 more": names for a line, the first few only. */
export function listed(names: readonly string[], first = 4): string {
  const shown = names.slice(0, first).map((name) => `"${oneLine(name, 60)}"`);
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}
