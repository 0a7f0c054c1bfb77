import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { planImport, type ImportInput, type PlannedFile } from '../../lib/import/plan';

export const SEEDS_DIR = join(import.meta.dirname, '..', 'fixtures', 'seeds');

/** How many seed exports SEEDS_DIR holds: a test that loops over them checks it looped over this many. */
export const SEED_COUNT = 5;

/** The five seed exports, as the importer reads them. */
export function seedInputs(): ImportInput[] {
  return readdirSync(SEEDS_DIR)
    .sort()
    .map((name) => ({ name, text: readFileSync(join(SEEDS_DIR, name), 'utf8') }));
}

/** The content files the importer makes from the seeds, keyed by seed file name. */
export function importedSeeds(): Map<string, PlannedFile> {
  const plan = planImport(seedInputs());
  if (plan.problems.size) throw new Error(`seeds did not import: ${JSON.stringify([...plan.problems])}`);
  return new Map(plan.files.map((f) => [f.from, f]));
}

/** A content file split into its frontmatter and body, for structural comparison. */
export function splitContent(text: string): { data: Record<string, unknown>; body: string } {
  const { data, content } = matter(text, {});
  return { data, body: content };
}
