import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import matter from 'gray-matter';
import { parseDocument } from '../content/parse';
import { paperSlug, toSlug } from '../content/slug';
import { readCorpus } from '../corpus';
import type { SourceRef } from '../graph/types';
import { findInlineQuestions, findKnownTitles, linkMentions, mergeMentions } from './mentions';
import {
  detectExportKind,
  readInquiryExport,
  readNoteExport,
  type ExportProblem,
  type InquiryExport,
  type NoteExport,
} from './page-export';

/** Output streams of a CLI command, so commands can be tested without a terminal. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** One content file the import would write. */
export interface PlannedFile {
  /** Path inside the content folder, e.g. `notes/<slug>.md`. */
  readonly path: string;
  readonly text: string;
  readonly kind: 'note' | 'inquiry' | 'paper';
  readonly title: string;
  /** The input it came from. */
  readonly from: string;
}

export interface ImportPlan {
  readonly files: readonly PlannedFile[];
  /** Problems by input file; an input with problems plans no file. */
  readonly problems: ReadonlyMap<string, readonly ExportProblem[]>;
}

/** An input to import: its name (for messages) and text. */
export interface ImportInput {
  readonly name: string;
  readonly text: string;
}

type Parsed =
  | { readonly input: ImportInput; readonly kind: 'note'; readonly value: NoteExport }
  | { readonly input: ImportInput; readonly kind: 'inquiry'; readonly value: InquiryExport }
  | { readonly input: ImportInput; readonly kind: 'paper'; readonly title: string; readonly arxivId?: string };

function toMarkdown(data: Record<string, unknown>, paragraphs: readonly string[]): string {
  const body = paragraphs.join('\n\n');
  // One line per value: content files are read and diffed by people, so no folding.
  return matter.stringify(body ? `\n${body}\n` : '', data, { lineWidth: -1 } as matter.GrayMatterOption<string, never>);
}

/**
 * Plans the content files for a batch of exports. Pure: inputs and the titles
 * already known (from content/) in, files and problems out.
 *
 * Titles known to the batch (every document's title and every title its lists
 * cite) become wikilinks where the prose mentions them. An inquiring line whose
 * sources list gives summaries only is paired, in order, with the questions its
 * essay cites inline; when the counts differ it is reported, not guessed.
 */
export function planImport(inputs: readonly ImportInput[], knownTitles: Iterable<string> = []): ImportPlan {
  const problems = new Map<string, ExportProblem[]>();
  const report = (name: string, list: readonly ExportProblem[]) => {
    if (list.length) problems.set(name, [...(problems.get(name) ?? []), ...list]);
  };

  const parsed: Parsed[] = [];
  for (const input of inputs) {
    const kind = detectExportKind(input.text);
    if (kind === 'note') {
      const { value, problems: found } = readNoteExport(input.text);
      report(input.name, found);
      if (value) parsed.push({ input, kind, value });
    } else if (kind === 'inquiry') {
      const { value, problems: found } = readInquiryExport(input.text);
      report(input.name, found);
      if (value) parsed.push({ input, kind, value });
    } else if (kind === 'paper') {
      const { doc, diagnostics } = parseDocument({ path: input.name, kind: 'paper', text: input.text });
      report(
        input.name,
        diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...(d.line ? { line: d.line } : {}), message: d.message })),
      );
      if (doc?.kind === 'paper') parsed.push({ input, kind, title: doc.title, ...(doc.arxivId ? { arxivId: doc.arxivId } : {}) });
    } else {
      report(input.name, [{ message: 'not a page export the importer knows: no "Original note title" (note), no "Sources N notes" (inquiring line), no rpa2 frontmatter (paper)' }]);
    }
  }

  const known = new Set(knownTitles);
  for (const p of parsed) {
    if (p.kind === 'paper') {
      known.add(p.title);
      continue;
    }
    known.add(p.value.title);
    if (p.kind === 'note') {
      for (const r of p.value.related) known.add(r.title);
      for (const t of p.value.inquiries) known.add(t);
      for (const t of p.value.papers) known.add(t);
    } else {
      for (const s of p.value.sources) if (s.title) known.add(s.title);
      for (const t of p.value.next) known.add(t);
    }
  }

  const files: PlannedFile[] = [];
  for (const p of parsed) {
    if (problems.has(p.input.name)) continue;
    if (p.kind === 'paper') {
      const slug = paperSlug(p.arxivId, p.title) || toSlug(p.input.name);
      files.push({ path: `papers/${p.arxivId ?? slug}.md`, text: p.input.text, kind: 'paper', title: p.title, from: p.input.name });
      continue;
    }
    const own = p.value.title;
    const others = [...known].filter((t) => t !== own);
    let sources: readonly SourceRef[] = p.kind === 'inquiry' ? p.value.sources : [];
    if (p.kind === 'inquiry' && sources.some((s) => !s.title)) {
      const paired = pairSources(p.value);
      if ('message' in paired) {
        report(p.input.name, [paired]);
        continue;
      }
      sources = paired;
    }
    const sourceTitles = new Set(sources.map((s) => s.title));
    const paragraphs = p.value.paragraphs.map((text) => {
      const byTitle = findKnownTitles(text, [...others, ...sourceTitles]);
      const bySources = findInlineQuestions(text).filter((m) => sourceTitles.has(m.title));
      return linkMentions(text, mergeMentions(byTitle, bySources));
    });

    if (p.kind === 'note') {
      const v = p.value;
      const slug = toSlug(v.originalTitle ?? v.title) || toSlug(p.input.name);
      files.push({
        path: `notes/${slug}.md`,
        kind: 'note',
        title: v.title,
        from: p.input.name,
        text: toMarkdown(
          {
            title: v.title,
            ...(v.summary ? { summary: v.summary } : {}),
            ...(v.originalTitle ? { original_title: v.originalTitle } : {}),
            ...(v.related.length ? { related: v.related } : {}),
            ...(v.inquiries.length ? { inquiries: v.inquiries } : {}),
            ...(v.papers.length ? { papers: v.papers } : {}),
          },
          paragraphs,
        ),
      });
    } else {
      const v = p.value;
      const slug = toSlug(v.title) || toSlug(p.input.name);
      files.push({
        path: `inquiries/${slug}.md`,
        kind: 'inquiry',
        title: v.title,
        from: p.input.name,
        text: toMarkdown(
          {
            title: v.title,
            ...(v.summary ? { summary: v.summary } : {}),
            ...(sources.length ? { sources } : {}),
            ...(v.next.length ? { next: v.next } : {}),
          },
          paragraphs,
        ),
      });
    }
  }
  return { files, problems };
}

/** Gives summary-only sources the titles the essay cites inline, in the same order. */
function pairSources(inquiry: InquiryExport): SourceRef[] | ExportProblem {
  const cited: string[] = [];
  for (const paragraph of inquiry.paragraphs) {
    for (const m of findInlineQuestions(paragraph)) if (!cited.includes(m.title)) cited.push(m.title);
  }
  if (cited.length !== inquiry.sources.length) {
    return {
      message: `the sources list gives ${inquiry.sources.length} summaries without titles, but the essay cites ${cited.length} titles inline (${cited.map((t) => `"${t}"`).join(', ')}); cannot pair them`,
    };
  }
  return inquiry.sources.map((s, i) => ({ ...s, title: s.title || (cited[i] as string) }));
}

function collectInputs(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const full = resolve(p);
    if (statSync(full).isDirectory()) {
      const entries = readdirSync(full, { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.(txt|md)$/i.test(f))
        .sort();
      for (const e of entries) files.push(join(full, e));
    } else {
      files.push(full);
    }
  }
  return files;
}

const USAGE = 'usage: trellis import <file|dir>... [--out DIR] [--force]';

/** `trellis import <file|dir>... [--out DIR] [--force]`. Returns the exit status. */
export async function runImport(args: readonly string[], io: CliIo): Promise<number> {
  let parsedArgs;
  try {
    parsedArgs = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { out: { type: 'string', default: 'content' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.err(`trellis import: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsedArgs;
  if (values.help || positionals.length === 0) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }
  const out = resolve(values.out);
  let inputFiles: string[];
  try {
    inputFiles = collectInputs(positionals);
  } catch (error) {
    io.err(`trellis import: ${(error as Error).message}`);
    return 2;
  }
  const inputs = inputFiles.map((f) => ({ name: relative(process.cwd(), f) || f, text: readFileSync(f, 'utf8') }));
  const existing = existsSync(out) ? [...readCorpus(out).nodes.values()].filter((n) => n.kind !== 'tag').map((n) => n.title) : [];
  const plan = planImport(inputs, existing);

  let failed = plan.problems.size > 0;
  for (const [name, list] of plan.problems) {
    for (const p of list) io.err(`${name}${p.line ? `:${p.line}` : ''}: error: ${p.message}`);
  }
  for (const file of plan.files) {
    const target = join(out, file.path);
    const shown = relative(process.cwd(), target);
    if (existsSync(target)) {
      const current = readFileSync(target, 'utf8');
      if (current === file.text) {
        io.out(`unchanged ${shown}`);
        continue;
      }
      if (!values.force) {
        io.err(`${shown}: error: exists and differs from what ${file.from} gives; not overwritten (use --force)`);
        failed = true;
        continue;
      }
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.text);
    io.out(`wrote ${shown} (${file.kind}: ${file.title})`);
  }
  io.out(`${plan.files.length} of ${inputs.length} inputs imported${plan.problems.size ? `, ${plan.problems.size} with problems` : ''}`);
  return failed ? 1 : 0;
}
