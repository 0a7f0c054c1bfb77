import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/**
 * Client components are leaves: they get serialisable props and never touch the
 * file system or the corpus loader. A 'use client' directive cannot be matched by
 * path, so client components live in app/components/client/ or are named
 * `*.client.tsx`, and this rule holds them to it.
 */
const clientComponentFiles = ['app/components/client/**/*.{ts,tsx}', '**/*.client.{ts,tsx}'];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: clientComponentFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'fs/*', 'path', 'path/*'],
              message: 'Client components run in the browser: no Node.js modules.',
            },
            {
              group: ['@/lib/corpus', '**/lib/corpus', '@/lib/content/*', '**/lib/content/*'],
              message: 'Client components receive the graph as props; only server code reads the corpus.',
            },
          ],
        },
      ],
    },
  },
  globalIgnores(['.next/**', '.next-*/**', 'node_modules/**', 'out/**', 'test-artifacts/**', 'next-env.d.ts', 'tests/fixtures/**']),
]);
