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

/**
 * The layers of lib/, lowest first (docs/architecture.md, "Layers"): each may import
 * its own layer and those below it, never one above, so no two folders import each
 * other. lib/text (the text toolkit) imports nothing from lib/; lib/domain only lib/text. The small
 * utilities beside them (lib/steps.ts, lib/progress.ts, lib/byte-cache.ts) import
 * nothing from lib/ and may be used by any layer.
 */
const LAYERS = [
  { name: 'text', parts: ['text'] },
  { name: 'domain', parts: ['domain'] },
  { name: 'content', parts: ['content'] },
  { name: 'graph', parts: ['graph'] },
  { name: 'derived indexes', parts: ['search', 'store', 'import', 'corpus', 'topics'] },
  { name: 'site', parts: ['site'] },
  { name: 'commands', parts: ['cli'] },
];

/** Import paths that reach `part` (a folder or a file of lib/) from inside lib/ or through the `@/` alias. */
function pathsTo(part) {
  return [`../${part}`, `../${part}/*`, `./${part}`, `./${part}/*`, `@/lib/${part}`, `@/lib/${part}/*`];
}

/** Files of a layer: its folders' files, or the file itself (lib/corpus.ts). */
function filesOf(parts) {
  return parts.flatMap((part) => [`lib/${part}/**/*.{ts,tsx}`, `lib/${part}.ts`]);
}

const layerRules = LAYERS.map((layer, i) => {
  const above = LAYERS.slice(i + 1);
  const patterns = [
    ...above.map((upper) => ({
      group: upper.parts.flatMap(pathsTo),
      message: `lib/ is layered (docs/architecture.md): ${layer.name} may not import ${upper.name}, which sits above it.`,
    })),
    { group: ['../../app/*', '../app/*', '@/app/*'], message: 'Nothing in lib/ imports from app/.' },
  ];
  if (layer.name === 'text') {
    patterns.push({ group: ['../*', '@/*'], message: 'lib/text is the toolkit every layer uses: it imports nothing from lib/ outside lib/text.' });
  }
  if (layer.name === 'domain') {
    patterns.push({ group: ['../*', '!../text', '!../text/*', '@/*', '!@/lib/text', '!@/lib/text/*'], message: 'lib/domain imports nothing from lib/ but the text toolkit (lib/text).' });
  }
  return { files: filesOf(layer.parts), rules: { 'no-restricted-imports': ['error', { patterns }] } };
});

const utilityRule = {
  files: ['lib/steps.ts', 'lib/progress.ts', 'lib/byte-cache.ts'],
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: ['./*', '../*', '@/*'], message: 'The utilities of lib/ import nothing from lib/, so that every layer may use them.' }] }],
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  ...layerRules,
  utilityRule,
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
