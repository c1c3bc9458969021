import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // PGlite starts in seconds, slower on a loaded 2-core machine: hooks get room, tests less.
    hookTimeout: 120_000,
    testTimeout: 60_000,
  },
});
