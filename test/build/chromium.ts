/**
 * What a page under test reported going wrong, for the puppeteer-driven tests
 * (a page with its own CSP and COOP headers, the demo server). Launching and
 * driving Chromium lives in scripts/chromium.ts.
 */
import type { Page } from 'puppeteer-core';

export interface PageProblems {
  /** securitypolicyviolation events: `directive blocked-uri`. */
  violations: string[];
  /** Uncaught exceptions and console errors. */
  errors: string[];
}

/** Records CSP violations (in the page, before any of its scripts run) and errors. */
export async function watchPage(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { violations: [], errors: [] };
  await page.exposeFunction('__reportViolation', (text: string) => void problems.violations.push(text));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportViolation(text: string): void }).__reportViolation(
        `${event.effectiveDirective} ${event.blockedURI || '(inline)'}`,
      );
    });
  });
  page.on('pageerror', (error) => problems.errors.push(`uncaught: ${error instanceof Error ? error.message : String(error)}`));
  page.on('console', (message) => {
    // A failed load is reported below with its URL.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.errors.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.errors.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return problems;
}
