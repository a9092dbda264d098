import { defineConfig } from '@playwright/test';
import path from 'node:path';

// One results folder per extension build, so parallel runs (bench, other specs) don't wipe
// each other's traces.
const build = path.basename(
  path.dirname(path.resolve(process.env.EXTENSION_PATH ?? '.output/chrome-mv3-e2e')),
);

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: build === '.output' ? 'test-results' : `test-results/${build}`,
  fullyParallel: false,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  // CI lands all or nothing: one retry there, and Playwright still reports the test as flaky.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { trace: 'retain-on-failure' },
});
