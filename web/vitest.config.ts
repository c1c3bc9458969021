// Unit tests for the pure logic in src/lib: no Kit plugin, no browser. The repo's root tsconfig is
// named so the tests run in a fresh clone, before `svelte-kit sync` has written .svelte-kit/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  tsconfig: '../tsconfig.json',
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
