import { defineConfig } from 'vitest/config';

// e2e runs under Playwright against the built extension; bench runs with `npm run bench`.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'tests/bench/**', '**/node_modules/**'],
  },
});
