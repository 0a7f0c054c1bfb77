import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../lib/cli/main';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const brokenDir = fileURLToPath(new URL('../fixtures/broken', import.meta.url));
export const smallDir = fileURLToPath(new URL('../fixtures/small', import.meta.url));

export interface CliRun {
  readonly status: number;
  /** Everything written to stdout, one entry per line written. */
  readonly out: string[];
  readonly err: string[];
}

/** Runs `trellis <argv>` in process, capturing what a terminal would show. */
export async function trellis(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { status, out, err };
}

/** Every Markdown file below `dir` outside hidden folders, content-relative, walked independently of the loader. */
export function markdownFilesOnDisk(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md')) found.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return found.sort();
}
