import { defineConfig } from '@playwright/test';

// The extension is tested as built (`npm run build` first); Chromium comes from the system
// (see tests/e2e/launchExtension.mjs), never from `playwright install`.
export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  retries: 0,
  reporter: 'list',
  forbidOnly: !!process.env.CI,
  use: { trace: 'retain-on-failure' },
});
