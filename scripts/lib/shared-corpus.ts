import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (this file is scripts/lib/shared-corpus.ts). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Real rpa2 summaries in the shared corpora folder beside the project (../shared),
 * wherever the project is checked out: benches must not depend on one machine's
 * absolute path.
 */
export const sharedPapers = resolve(projectRoot, '..', 'shared', 'corpora', 'rpa2-sample');

/** The shared rpa2 folder when this machine has it; benches make papers up otherwise. */
export function findSharedPapers(): string | undefined {
  return existsSync(sharedPapers) ? sharedPapers : undefined;
}
