/** The doctor's results for a person (one line a check) or for CI (`--json`). */
import { passed, type CheckResult, type CheckStatus } from './result.ts';
import type { DoctorReport } from './doctor.ts';

const MARK: Record<CheckStatus, string> = { ok: '✓', warn: '⚠', fail: '✗', skipped: '–' };

export function formatText(report: DoctorReport): string {
  const lines = [
    'tray-integrations doctor',
    `  Tray API:      ${report.endpoint ?? '(not set)'}`,
    `  Dialog origin: ${report.dialogOrigin ?? '(not set)'}`,
    '',
    ...report.results.map((result) => `${MARK[result.status]} ${result.message}`),
    '',
  ];
  const failed = report.results.filter((result) => result.status === 'fail').length;
  const warned = report.results.filter((result) => result.status === 'warn').length;
  const warnings = warned ? ` (${warned} warning${warned === 1 ? '' : 's'}: worth fixing, not blocking)` : '';
  lines.push(
    failed
      ? `${failed} check${failed === 1 ? '' : 's'} failed${warnings}: fix ${failed === 1 ? 'it' : 'them'} and run the doctor again.`
      : `Nothing failed${warnings}.`,
  );
  return `${lines.join('\n')}\n`;
}

export interface DoctorJson {
  ok: boolean;
  endpoint: string | null;
  dialogOrigin: string | null;
  checks: CheckResult[];
}

export function formatJson(report: DoctorReport): string {
  const json: DoctorJson = { ok: passed(report.results), endpoint: report.endpoint, dialogOrigin: report.dialogOrigin, checks: report.results };
  return `${JSON.stringify(json, null, 2)}\n`;
}
