#!/usr/bin/env node
/**
 * Prints one closing line per runner from their JSON reports, e.g. `unit: 120 passed, 0 failed`.
 * Reads what exists; a runner that didn't run prints nothing.
 */
import { existsSync, readFileSync } from 'node:fs';

const vitest = 'test-results/vitest.json';
if (existsSync(vitest)) {
  const report = JSON.parse(readFileSync(vitest, 'utf8'));
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`unit: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
}

const playwright = 'test-results/playwright.json';
if (existsSync(playwright)) {
  const { stats } = JSON.parse(readFileSync(playwright, 'utf8'));
  if (stats.flaky > 0) console.log(`e2e: ${stats.flaky} test(s) passed only on retry (flaky): see playwright-report/`);
  console.log(`e2e: ${stats.expected + stats.flaky} passed, ${stats.unexpected} failed, ${stats.skipped} skipped`);
}

const packaging = 'test-results/package-smoke.json';
if (existsSync(packaging)) {
  const report = JSON.parse(readFileSync(packaging, 'utf8'));
  console.log(`package: ${report.passed} passed, ${report.failed} failed`);
}
