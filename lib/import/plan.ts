import matter from 'gray-matter';
import { parseDocument } from '../content/parse';
import { paperSlug, toSlug } from '../domain/slug';
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

/*
 * The import planner: page exports and rpa2 summaries in, the content files they
 * make out, with every problem and every duplicate named. Pure: the `trellis
 * import` command (lib/cli/import.ts) reads the inputs and writes the plan.
 */

/** One content file the import would write. */
export interface PlannedFile {
  /** Path inside the content folder, e.g. `notes/<slug>.md`. */
  readonly path: string;
  readonly text: string;
  readonly kind: 'note' | 'inquiry' | 'paper';
  readonly title: string;
  /** The input it came from. */
  readonly from: string;
  /** A paper's arXiv id, which names its file. */
  readonly arxivId?: string;
}

/** An input that would write the same content file as an earlier one, and so is not written. */
export interface DuplicateInput {
  /** The input left out. */
  readonly from: string;
  /** The earlier input whose file is kept. */
  readonly keptBy: string;
  /** The content file both would write. */
  readonly path: string;
  /** The arXiv id both papers carry, when that is why they collide. */
  readonly arxivId?: string;
  /** True when it would write the very same text (the same paper given twice). */
  readonly identical: boolean;
}

export interface ImportPlan {
  /** One file per content path, from the first input that gives it. */
  readonly files: readonly PlannedFile[];
  /** Problems by input file; an input with problems plans no file. */
  readonly problems: ReadonlyMap<string, readonly ExportProblem[]>;
  /** Inputs that would write a file an earlier input already gives, in input order. */
  readonly duplicates: readonly DuplicateInput[];
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

/** Problems found so far, by input name. */
type Report = (name: string, list: readonly ExportProblem[]) => void;

/**
 * Plans the content files for a batch of exports. Pure: inputs and the titles
 * already known (from content/) in, files, problems and duplicates out.
 *
 * Titles known to the batch (every document's title and every title its lists
 * cite) become wikilinks where the prose mentions them. An inquiring line whose
 * sources list gives summaries only is paired, in order, with the questions its
 * essay cites inline; when the counts differ it is reported, not guessed.
 */
export function planImport(inputs: readonly ImportInput[], knownTitles: Iterable<string> = []): ImportPlan {
  const problems = new Map<string, ExportProblem[]>();
  const report: Report = (name, list) => {
    if (list.length) problems.set(name, [...(problems.get(name) ?? []), ...list]);
  };
  const parsed = inputs.map((input) => parseInput(input, report)).filter((p) => p !== undefined);
  const known = titlesKnownTo(parsed, knownTitles);
  const files: PlannedFile[] = [];
  for (const p of parsed) {
    if (problems.has(p.input.name)) continue;
    const file = planFile(p, known, report);
    if (file) files.push(file);
  }
  return { ...keepFirstOfEachPath(files), problems };
}

/** Reads one input as the kind of export it is; its problems go to `report`. */
function parseInput(input: ImportInput, report: Report): Parsed | undefined {
  const kind = detectExportKind(input.text);
  if (kind === 'note') {
    const { value, problems } = readNoteExport(input.text);
    report(input.name, problems);
    return value && { input, kind, value };
  }
  if (kind === 'inquiry') {
    const { value, problems } = readInquiryExport(input.text);
    report(input.name, problems);
    return value && { input, kind, value };
  }
  if (kind === 'paper') {
    const { doc, diagnostics } = parseDocument({ path: input.name, kind: 'paper', text: input.text });
    report(
      input.name,
      diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...(d.line ? { line: d.line } : {}), message: d.message })),
    );
    return doc?.kind === 'paper' ? { input, kind, title: doc.title, ...(doc.arxivId ? { arxivId: doc.arxivId } : {}) } : undefined;
  }
  report(input.name, [{ message: 'not a page export the importer knows: no "Original note title" (note), no "Sources N notes" (inquiring line), no rpa2 frontmatter (paper)' }]);
  return undefined;
}

/** Every title the batch knows: the content's, each input's own and every title its lists cite. */
function titlesKnownTo(parsed: readonly Parsed[], knownTitles: Iterable<string>): Set<string> {
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
  return known;
}

/** The content file one parsed input makes, or undefined when its sources cannot be paired (reported). */
function planFile(p: Parsed, known: ReadonlySet<string>, report: Report): PlannedFile | undefined {
  const from = p.input.name;
  if (p.kind === 'paper') {
    const slug = paperSlug(p.arxivId, p.title) || toSlug(from);
    // An rpa2 summary is kept byte for byte.
    return { path: `papers/${p.arxivId ?? slug}.md`, text: p.input.text, kind: 'paper', title: p.title, from, ...(p.arxivId ? { arxivId: p.arxivId } : {}) };
  }
  let sources: readonly SourceRef[] = p.kind === 'inquiry' ? p.value.sources : [];
  if (p.kind === 'inquiry' && sources.some((s) => !s.title)) {
    const paired = pairSources(p.value);
    if ('message' in paired) {
      report(from, [paired]);
      return undefined;
    }
    sources = paired;
  }
  const paragraphs = linkParagraphs(p.value, known, sources);
  if (p.kind === 'note') {
    const note = p.value;
    const data = {
      title: note.title,
      ...(note.summary ? { summary: note.summary } : {}),
      ...(note.originalTitle ? { original_title: note.originalTitle } : {}),
      ...(note.related.length ? { related: note.related } : {}),
      ...(note.inquiries.length ? { inquiries: note.inquiries } : {}),
      ...(note.papers.length ? { papers: note.papers } : {}),
    };
    const slug = toSlug(note.originalTitle ?? note.title) || toSlug(from);
    return { path: `notes/${slug}.md`, kind: 'note', title: note.title, from, text: toMarkdown(data, paragraphs) };
  }
  const line = p.value;
  const data = {
    title: line.title,
    ...(line.summary ? { summary: line.summary } : {}),
    ...(sources.length ? { sources } : {}),
    ...(line.next.length ? { next: line.next } : {}),
  };
  const slug = toSlug(line.title) || toSlug(from);
  return { path: `inquiries/${slug}.md`, kind: 'inquiry', title: line.title, from, text: toMarkdown(data, paragraphs) };
}

/** The essay's paragraphs with every known title and every cited source turned into a wikilink. */
function linkParagraphs(doc: NoteExport | InquiryExport, known: ReadonlySet<string>, sources: readonly SourceRef[]): string[] {
  const others = [...known].filter((t) => t !== doc.title);
  const sourceTitles = new Set(sources.map((s) => s.title));
  return doc.paragraphs.map((text) => {
    const byTitle = findKnownTitles(text, [...others, ...sourceTitles]);
    const bySources = findInlineQuestions(text).filter((m) => sourceTitles.has(m.title));
    return linkMentions(text, mergeMentions(byTitle, bySources));
  });
}

/**
 * One file per content path: the first input keeps it (inputs come sorted, so the
 * choice is stable), and every later one is named as a duplicate. Two papers with
 * one arXiv id meet here, as both are written to papers/<arXiv id>.md.
 */
function keepFirstOfEachPath(planned: readonly PlannedFile[]): Pick<ImportPlan, 'files' | 'duplicates'> {
  const kept = new Map<string, PlannedFile>();
  const duplicates: DuplicateInput[] = [];
  for (const file of planned) {
    const first = kept.get(file.path);
    if (!first) {
      kept.set(file.path, file);
      continue;
    }
    const arxivId = file.kind === 'paper' && first.kind === 'paper' && file.arxivId && file.arxivId === first.arxivId ? file.arxivId : undefined;
    duplicates.push({ from: file.from, keptBy: first.from, path: file.path, ...(arxivId ? { arxivId } : {}), identical: file.text === first.text });
  }
  return { files: [...kept.values()], duplicates };
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
