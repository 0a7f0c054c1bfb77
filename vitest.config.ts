import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Derived stores of this run's servers and tests, removed at the end (tests/helpers/global-setup.ts).
process.env.TRELLIS_STORE_DIR = join(tmpdir(), `trellis-test-stores-${process.pid}`);

export default defineConfig({
  // The same `@/` alias as tsconfig.json, so tests load app/ files as Next.js does.
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    // Browser tests build and start a server once per file; give them room.
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // On CI a test that fails is run once more: a canvas click can land while a layout
    // is still settling on a loaded two-core machine. A test that fails twice fails;
    // locally nothing is retried, so a flaky test shows itself.
    retry: process.env.CI ? 1 : 0,
  },
});
