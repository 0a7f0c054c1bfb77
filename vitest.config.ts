import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Browser tests build and start a server once per file; give them room.
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
