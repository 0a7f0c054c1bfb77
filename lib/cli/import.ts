import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readCorpus } from '../corpus';
import { planImport, type DuplicateInput, type ImportPlan, type PlannedFile } from '../import/plan';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, IMPORT_USAGE, UsageError, withUsage } from './commands';
import type { CliIo } from './io';

/*
 * `trellis import <file|dir>... [--out DIR] [--force]`: reads the inputs, plans the
 * content files (lib/import/plan.ts) and writes them. Every input ends in exactly
 * one of the outcomes below, each reported by file, and the last line counts them:
 * it never says more was imported than was written.
 */

/** What became of each input. */
interface Outcomes {
  /** Written (new, or overwritten with --force). */
  written: number;
  /** Already in the content folder, byte for byte. */
  unchanged: number;
  /** Changed in the content folder since, and not overwritten without --force. */
  refused: number;
  /** Could not be written (permissions, a file where a folder should be…). */
  failed: number;
}

/** An input that cannot be read: named with the reason, without the usage line (exit status 2). */
class InputError extends Error {}

/** Why a file cannot be read or written, in plain words rather than `ENOENT: …, stat '…'`. */
function fsProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  return (error as Error).message;
}

/** The .txt and .md files the arguments name, folders walked in sorted order, each file once. */
function collectInputs(paths: readonly string[]): string[] {
  const files = new Set<string>();
  for (const p of paths) {
    const full = resolve(p);
    let isFolder: boolean;
    try {
      isFolder = statSync(full).isDirectory();
    } catch (error) {
      throw new InputError(`cannot read ${p}: ${fsProblem(error)}`);
    }
    if (!isFolder) {
      files.add(full);
      continue;
    }
    const entries = readdirSync(full, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(txt|md)$/i.test(f))
      .sort();
    for (const e of entries) files.add(join(full, e));
  }
  return [...files];
}

/** Reads each input; a file that cannot be read stops the import before anything is written. */
function readInputs(files: readonly string[]): { name: string; text: string }[] {
  return files.map((f) => {
    const name = relative(process.cwd(), f) || f;
    try {
      return { name, text: readFileSync(f, 'utf8') };
    } catch (error) {
      throw new InputError(`cannot read ${name}: ${fsProblem(error)}`);
    }
  });
}

/** Runs `trellis import`. Returns the exit status: 1 when any input was not imported for a reason to look at. */
export function runImport(args: readonly string[], io: CliIo): Promise<number> {
  return withUsage('import', IMPORT_USAGE, io, () => {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...args],
        allowPositionals: true,
        options: { out: { type: 'string', default: 'content' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(`usage: ${IMPORT_USAGE}`);
      return EXIT_OK;
    }
    if (positionals.length === 0) throw new UsageError('name at least one file or folder to import');

    let inputs;
    try {
      inputs = readInputs(collectInputs(positionals));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      io.err(`trellis import: ${error.message}`);
      return EXIT_USAGE;
    }
    const out = resolve(values.out);
    const existing = existsSync(out) ? [...readCorpus(out).nodes.values()].filter((n) => n.kind !== 'tag').map((n) => n.title) : [];
    const plan = planImport(inputs, existing);

    for (const [name, list] of plan.problems) {
      for (const p of list) io.err(`${name}${p.line ? `:${p.line}` : ''}: error: ${p.message}`);
    }
    for (const d of plan.duplicates) reportDuplicate(d, out, io);
    const outcomes = writePlan(plan.files, out, values.force, io);
    io.out(formatTotals(inputs.length, plan, outcomes, values.out));

    const differing = plan.duplicates.filter((d) => !d.identical).length;
    const troubled = plan.problems.size + differing + outcomes.refused + outcomes.failed;
    return troubled > 0 ? EXIT_PROBLEMS : EXIT_OK;
  });
}

/** The path of a content file as the reader typed its folder: `content/papers/x.md`. */
function shownPath(out: string, path: string): string {
  return relative(process.cwd(), join(out, path));
}

/** One line per duplicate, naming the input that keeps the file. */
function reportDuplicate(d: DuplicateInput, out: string, io: CliIo): void {
  const target = shownPath(out, d.path);
  if (d.identical) {
    io.out(`${d.from}: same text as ${d.keptBy}; ${target} written once`);
  } else if (d.arxivId) {
    io.err(`${d.from}: error: same arXiv id (${d.arxivId}) as ${d.keptBy}, which keeps ${target}; not written`);
  } else {
    io.err(`${d.from}: error: would write ${target}, as ${d.keptBy} does, with other text; not written (rename one of them)`);
  }
}

/** Writes the planned files: a new file, or a changed one with --force; an identical one is left alone. */
function writePlan(files: readonly PlannedFile[], out: string, force: boolean, io: CliIo): Outcomes {
  const outcomes: Outcomes = { written: 0, unchanged: 0, refused: 0, failed: 0 };
  for (const file of files) {
    const target = join(out, file.path);
    const shown = shownPath(out, file.path);
    if (existsSync(target)) {
      if (readFileSync(target, 'utf8') === file.text) {
        io.out(`unchanged ${shown}`);
        outcomes.unchanged++;
        continue;
      }
      if (!force) {
        io.err(`${shown}: error: exists and differs from what ${file.from} gives; not overwritten (use --force)`);
        outcomes.refused++;
        continue;
      }
    }
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.text);
    } catch (error) {
      io.err(`${shown}: error: cannot write it (${fsProblem(error)}); ${file.from} not imported`);
      outcomes.failed++;
      continue;
    }
    io.out(`wrote ${shown} (${file.kind}: ${file.title})`);
    outcomes.written++;
  }
  return outcomes;
}

const count = (n: number) => n.toLocaleString('en-US');

/** Why the differing duplicates were left out, in the words of their lines above. */
function duplicateReason(duplicates: readonly DuplicateInput[]): string {
  const byId = duplicates.filter((d) => d.arxivId).length;
  if (byId === duplicates.length) return 'same arXiv id as an earlier file';
  if (byId === 0) return 'same content file as an earlier file';
  return 'same arXiv id or content file as an earlier file';
}

/**
 * The last line: every input counted once, under what became of it, e.g.
 * "52,219 inputs: 51,517 imported, 702 duplicates not written (same arXiv id as an
 * earlier file; see the lines above)". Outcomes that did not happen are left out.
 */
export function formatTotals(inputs: number, plan: Pick<ImportPlan, 'problems' | 'duplicates'>, outcomes: Outcomes, outShown: string): string {
  const differing = plan.duplicates.filter((d) => !d.identical);
  const repeats = plan.duplicates.length - differing.length;
  const parts = [
    `${count(outcomes.written)} imported`,
    outcomes.unchanged && `${count(outcomes.unchanged)} unchanged (already in ${outShown})`,
    outcomes.refused && `${count(outcomes.refused)} not overwritten (changed in ${outShown}; --force overwrites)`,
    differing.length && `${count(differing.length)} ${differing.length === 1 ? 'duplicate' : 'duplicates'} not written (${duplicateReason(differing)}; see the lines above)`,
    repeats && `${count(repeats)} ${repeats === 1 ? 'repeat' : 'repeats'} of an earlier file skipped`,
    plan.problems.size && `${count(plan.problems.size)} with problems not imported (see the lines above)`,
    outcomes.failed && `${count(outcomes.failed)} could not be written`,
  ].filter(Boolean);
  return `${count(inputs)} ${inputs === 1 ? 'input' : 'inputs'}: ${parts.join(', ')}`;
}

