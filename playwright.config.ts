import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import type { TesseraTestOptions } from './e2e/fixtures/test';

/**
 * End-to-end tests: one suite, two targets.
 *
 * - `web`: the browser harness (the real main-process services over HTTP) in Chromium. Runs
 *   everywhere; `npm test` runs it.
 * - `electron`: the built app itself. Skipped, with the reason printed, where the Electron
 *   binary isn't installed.
 *
 * Chromium for `web`: `CHROMIUM_PATH` if set (`bundled` = Playwright's own, from
 * `npx playwright install chromium`), else Debian's `/usr/bin/chromium` when present, else
 * Playwright's own. One worker: the machines running this have two cores, and each test starts
 * a server and an app of its own.
 */
const isCI = Boolean(process.env.CI);

function chromiumPath(): string | undefined {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) return chosen === 'bundled' ? undefined : chosen;
  return process.platform === 'linux' && existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export default defineConfig<TesseraTestOptions>({
  testDir: 'e2e/specs',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: isCI ? 1 : 0,
  forbidOnly: isCI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: 'test-results/playwright.json' }],
    ['html', { open: 'never', outputFolder: 'playwright-report' }],
  ],
  projects: [
    {
      name: 'web',
      use: {
        target: 'web',
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumPath(),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
    {
      name: 'electron',
      use: { target: 'electron' },
      // The harness's own HTTP guards exist only on the web target.
      testIgnore: /harness\.spec\.ts$/,
    },
  ],
});
