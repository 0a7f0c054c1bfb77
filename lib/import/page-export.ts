import { isSiteText } from '../content/site-text';
import type { RelatedRef, SourceRef } from '../graph/types';

/*
 * Readers for the corpus site's plain-text page exports (seeds 000–002). Each turns
 * the lines of one export into the fields of a content file, and reports, rather
 * than drops, anything it cannot place: every sentence of the input must land in a
 * field, and every count line ("Sources 7 notes") must match its list.
 */

/** A problem in an export, with the 1-based line it is on when known. */
export interface ExportProblem {
  readonly line?: number;
  readonly message: string;
}

export interface NoteExport {
  readonly kind: 'note';
  readonly title: string;
  readonly summary?: string;
  readonly paragraphs: readonly string[];
  readonly inquiries: readonly string[];
  readonly related: readonly RelatedRef[];
  readonly papers: readonly string[];
  readonly originalTitle?: string;
}

export interface InquiryExport {
  readonly kind: 'inquiry';
  readonly title: string;
  readonly summary?: string;
  readonly paragraphs: readonly string[];
  /** Sources in order. A title is empty when the export lists summaries only. */
  readonly sources: readonly SourceRef[];
  readonly next: readonly string[];
}

export interface ReadResult<T> {
  readonly value?: T;
  readonly problems: readonly ExportProblem[];
}

interface Line {
  readonly text: string;
  /** 1-based line number in the export. */
  readonly n: number;
}

const NOTE_INQUIRIES = /^Inquiring lines that use this note as a source\s+(\d+)$/;
const NOTE_RELATED = /^Related concepts in this collection\s+(\d+)$/;
const NOTE_PAPERS = /^Related papers in this collection\s+(\d+)$/;
const NOTE_ORIGINAL = /^Original note title$/;
const INQUIRY_HEADER = /^INQUIRING LINE$/;
const INQUIRY_SOURCES = /^Sources\s+(\d+)\s+notes?$/;
const INQUIRY_NEXT = /^Next inquiring lines$/;

function toLines(text: string): Line[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((t, i) => ({ text: t.trim(), n: i + 1 }));
}

/** The kind of document an export holds, or undefined when it is none the importer knows. */
export function detectExportKind(text: string): 'note' | 'inquiry' | 'paper' | undefined {
  if (/^---[ \t]*\r?\n[\s\S]*?^ver:\s*['"]?rpa2/m.test(text)) return 'paper';
  const lines = toLines(text).filter((l) => l.text);
  if (lines.some((l) => NOTE_ORIGINAL.test(l.text))) return 'note';
  if (lines.some((l) => INQUIRY_SOURCES.test(l.text))) return 'inquiry';
  return undefined;
}

/** Splits lines into sections at the lines matching `headers`, in the order given; a header may be absent. */
function sectionsOf(lines: readonly Line[], headers: readonly RegExp[]): { head: Line[]; sections: Map<RegExp, { header: Line; body: Line[] }> } {
  const head: Line[] = [];
  const sections = new Map<RegExp, { header: Line; body: Line[] }>();
  let current: Line[] = head;
  for (const line of lines) {
    const header = headers.find((h) => h.test(line.text) && !sections.has(h));
    if (header) {
      const section = { header: line, body: [] as Line[] };
      sections.set(header, section);
      current = section.body;
    } else {
      current.push(line);
    }
  }
  return { head, sections };
}

function declaredCount(header: Line, pattern: RegExp): number {
  return Number(pattern.exec(header.text)?.[1] ?? NaN);
}

function checkCount(what: string, header: Line, pattern: RegExp, found: number, problems: ExportProblem[]): void {
  const declared = declaredCount(header, pattern);
  if (declared !== found) {
    problems.push({ line: header.n, message: `"${header.text}" declares ${declared} ${what}, but the list holds ${found}` });
  }
}

/** `- item` lines of a list section; any other line is a problem, never dropped quietly. */
function listItems(body: readonly Line[], problems: ExportProblem[]): string[] {
  const items: string[] = [];
  for (const line of body) {
    if (!line.text || isSiteText(line.text)) continue;
    const item = /^[-*•]\s+(.+)$/.exec(line.text)?.[1];
    if (item) items.push(item.trim());
    else problems.push({ line: line.n, message: `expected a "- title" list item, found "${line.text}"` });
  }
  return items;
}

/** Reads a note page export: title, summary, body, then its listed sections. */
export function readNoteExport(text: string): ReadResult<NoteExport> {
  const problems: ExportProblem[] = [];
  const lines = toLines(text);
  const { head, sections } = sectionsOf(lines, [NOTE_INQUIRIES, NOTE_RELATED, NOTE_PAPERS, NOTE_ORIGINAL]);
  const content = head.filter((l) => l.text);
  const [titleLine, summaryLine, ...body] = content;
  if (!titleLine) return { problems: [{ message: 'the export has no title line' }] };

  const inquiriesSection = sections.get(NOTE_INQUIRIES);
  const inquiries = inquiriesSection ? listItems(inquiriesSection.body, problems) : [];
  if (inquiriesSection) checkCount('inquiring lines', inquiriesSection.header, NOTE_INQUIRIES, inquiries.length, problems);

  const related: RelatedRef[] = [];
  const relatedSection = sections.get(NOTE_RELATED);
  if (relatedSection) {
    // Groups open with a lone "-": title, summary, relation label.
    let group: Line[] | undefined;
    const groups: Line[][] = [];
    for (const line of relatedSection.body) {
      if (!line.text || isSiteText(line.text)) continue;
      if (line.text === '-') groups.push((group = []));
      else if (group) group.push(line);
      else problems.push({ line: line.n, message: `related concept line before any "-" group: "${line.text}"` });
    }
    for (const g of groups) {
      const [title, summary, label, ...rest] = g;
      if (!title) continue;
      for (const extra of rest) problems.push({ line: extra.n, message: `related concept "${title.text}" has an extra line: "${extra.text}"` });
      related.push({
        title: title.text,
        ...(summary ? { summary: summary.text } : {}),
        ...(label ? { label: label.text } : {}),
      });
    }
    checkCount('related concepts', relatedSection.header, NOTE_RELATED, related.length, problems);
  }

  const papersSection = sections.get(NOTE_PAPERS);
  const papers = papersSection ? listItems(papersSection.body, problems) : [];
  if (papersSection) checkCount('related papers', papersSection.header, NOTE_PAPERS, papers.length, problems);

  const originalLines = (sections.get(NOTE_ORIGINAL)?.body ?? []).filter((l) => l.text);
  const [original, ...afterOriginal] = originalLines;
  for (const extra of afterOriginal) problems.push({ line: extra.n, message: `unexpected line after the original note title: "${extra.text}"` });

  return {
    problems,
    value: {
      kind: 'note',
      title: titleLine.text,
      ...(summaryLine ? { summary: summaryLine.text } : {}),
      paragraphs: body.map((l) => l.text),
      inquiries,
      related,
      papers,
      ...(original ? { originalTitle: original.text } : {}),
    },
  };
}

const looksLikeTitle = (line: string): boolean => line.length <= 200 && /\?$/.test(line);

/**
 * Reads an inquiring-line export. Its sources come either as title and summary
 * pairs (with the "INQUIRING LINE" header) or as summaries only; in the second
 * case the titles are left empty for the importer to pair with the essay's inline
 * citations.
 */
export function readInquiryExport(text: string): ReadResult<InquiryExport> {
  const problems: ExportProblem[] = [];
  const lines = toLines(text);
  const { head, sections } = sectionsOf(lines, [INQUIRY_SOURCES, INQUIRY_NEXT]);
  const content = head.filter((l) => l.text && !INQUIRY_HEADER.test(l.text));
  const [titleLine, summaryLine, ...body] = content;
  if (!titleLine) return { problems: [{ message: 'the export has no title line' }] };

  const sources: SourceRef[] = [];
  const sourcesSection = sections.get(INQUIRY_SOURCES);
  if (sourcesSection) {
    const items = sourcesSection.body.filter((l) => l.text && !isSiteText(l.text));
    const declared = declaredCount(sourcesSection.header, INQUIRY_SOURCES);
    const paired = items.length === 2 * declared && items.every((l, i) => i % 2 === 1 || looksLikeTitle(l.text));
    if (paired) {
      for (let i = 0; i < items.length; i += 2) {
        sources.push({ title: items[i]?.text ?? '', summary: items[i + 1]?.text ?? '' });
      }
    } else if (items.every((l) => looksLikeTitle(l.text))) {
      for (const l of items) sources.push({ title: l.text });
    } else {
      for (const l of items) sources.push({ title: '', summary: l.text });
    }
    checkCount('sources', sourcesSection.header, INQUIRY_SOURCES, sources.length, problems);
  }

  const nextSection = sections.get(INQUIRY_NEXT);
  const next = (nextSection?.body ?? [])
    .filter((l) => l.text && !isSiteText(l.text))
    .map((l) => l.text.replace(/^[-*•]\s+/, ''));

  return {
    problems,
    value: {
      kind: 'inquiry',
      title: titleLine.text,
      ...(summaryLine ? { summary: summaryLine.text } : {}),
      paragraphs: body.map((l) => l.text),
      sources,
      next,
    },
  };
}
