import matter from 'gray-matter';
import type { z } from 'zod';
import type {
  Diagnostic,
  ParsedDocument,
  RawDocument,
} from '../domain/types';
import { kindEntry } from '../domain/kinds';
import { knownFields, schemaOf, type InquiryFrontmatter, type NoteFrontmatter, type PaperFrontmatter } from './frontmatter';
import { extractWikilinks } from './wikilinks';

/** What parsing one file gives: the document (unless it could not be read at all) and its problems. */
export interface ParseResult {
  readonly doc?: ParsedDocument;
  readonly diagnostics: readonly Diagnostic[];
}

const OPENING_FENCE = /^---[ \t]*\r?\n/;
const CLOSING_FENCE = /\r?\n---[ \t]*(?:\r?\n|$)/;
const FIRST_HEADING = /^#[ \t]+(.+?)[ \t#]*$/m;

/** 1-based file line of each top-level frontmatter key (gray-matter's YAML starts with the newline after ---). */
function findFieldLines(yaml: string): Record<string, number> {
  const lines: Record<string, number> = {};
  yaml.split('\n').forEach((line, i) => {
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(line)?.[1];
    if (key && !(key in lines)) lines[key] = i + 1;
  });
  return lines;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

interface SplitFrontmatter {
  data: Record<string, unknown>;
  yaml: string;
  body: string;
  bodyLine: number;
}

/** Separates frontmatter from body with gray-matter, turning YAML problems into diagnostics. */
function splitFrontmatter(raw: RawDocument, diagnostics: Diagnostic[]): SplitFrontmatter {
  const { path, text } = raw;
  if (!OPENING_FENCE.test(text)) return { data: {}, yaml: '', body: text, bodyLine: 1 };
  const closing = CLOSING_FENCE.exec(text.slice(3));
  if (!closing) {
    diagnostics.push({ severity: 'error', code: 'yaml', file: path, line: 1, message: 'frontmatter opened with --- is never closed; the whole file is read as body' });
    return { data: {}, yaml: '', body: text, bodyLine: 1 };
  }
  const bodyStart = 3 + closing.index + closing[0].length;
  const body = text.slice(bodyStart);
  const bodyLine = countLines(text.slice(0, bodyStart)) + 1;
  let parsed: matter.GrayMatterFile<string>;
  try {
    // gray-matter gets the frontmatter block only: it looks every input up in a
    // global cache keyed by the whole text, which costs a pass over the body. The
    // options turn off storing into that cache, which would keep every file alive.
    parsed = matter(text.slice(0, bodyStart), { excerpt: false });
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message;
    diagnostics.push({
      severity: 'error',
      code: 'yaml',
      file: path,
      ...(mark?.line !== undefined ? { line: mark.line + 1 } : {}),
      message: `malformed YAML frontmatter: ${reason}`,
    });
    return { data: {}, yaml: '', body, bodyLine };
  }
  reportTabIndentation(path, parsed.matter, diagnostics);
  if (!isRecord(parsed.data)) {
    diagnostics.push({ severity: 'error', code: 'yaml', file: path, line: 2, message: `frontmatter must be a mapping of fields, found ${Array.isArray(parsed.data) ? 'a list' : typeof parsed.data}` });
    return { data: {}, yaml: parsed.matter, body, bodyLine };
  }
  return { data: parsed.data, yaml: parsed.matter, body, bodyLine };
}

/**
 * The most values a document's frontmatter may stand for once YAML aliases are
 * expanded. js-yaml gives every alias of an anchor the same object, so parsing
 * stays linear, but ten lines can stand for 9^9 strings ("billion laughs"), and
 * anything that walks them later (a schema, JSON, a page) would expand them.
 */
export const MAX_FRONTMATTER_VALUES = 100_000;

/** How many values `value` stands for, aliases expanded, counting no further than just past `limit`. */
function countExpandedValues(value: unknown, limit: number): number {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && count <= limit) {
    const next = pending.pop();
    count++;
    // A loop, not push(...items): spreading a long list overflows the call stack.
    const items = Array.isArray(next) ? next : isRecord(next) ? Object.values(next) : [];
    for (let i = 0; i < items.length && count + pending.length <= limit; i++) pending.push(items[i]);
  }
  return count;
}

/**
 * Frontmatter without the fields that stand for too many values. Scalars are
 * always kept, so a bomb costs its own fields, not the title. Once the budget is
 * spent, every later list or mapping is dropped too, so a file of many bombs costs
 * one walk, not one per field.
 */
function dropExpandingFields(data: Record<string, unknown>, path: string, fieldLines: Record<string, number>, diagnostics: Diagnostic[]): Record<string, unknown> {
  let budget = MAX_FRONTMATTER_VALUES;
  const dropped: string[] = [];
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'object' || value === null || value instanceof Date) {
      kept[key] = value;
      continue;
    }
    const count = countExpandedValues(value, budget);
    if (count > budget) {
      dropped.push(key);
      budget = 0;
    } else {
      budget -= count;
      kept[key] = value;
    }
  }
  if (dropped.length === 0) return data;
  const first = dropped[0] as string;
  const named = dropped.length > 5 ? `${dropped.slice(0, 5).join(', ')} and ${dropped.length - 5} more` : dropped.join(', ');
  diagnostics.push({
    severity: 'error',
    code: 'yaml',
    file: path,
    ...(fieldLines[first] ? { line: fieldLines[first] } : {}),
    field: first,
    message: `frontmatter holds more than ${MAX_FRONTMATTER_VALUES} values once its YAML aliases are expanded (an alias bomb?); field${dropped.length === 1 ? '' : 's'} ${named} ignored`,
  });
  return kept;
}

/**
 * YAML forbids tabs in indentation, but js-yaml reads them without a word, and
 * reads the line at another level than meant (`related:` then a tab-indented
 * `label:` gives a top-level `label`). Each such line is reported.
 */
function reportTabIndentation(path: string, yaml: string, diagnostics: Diagnostic[]): void {
  yaml.split('\n').forEach((line, i) => {
    if (/^ *\t/.test(line) && line.trim() !== '') {
      diagnostics.push({
        severity: 'error',
        code: 'yaml',
        file: path,
        line: i + 1,
        message: 'line is indented with a tab, which YAML does not allow: its field may be read at the wrong level; indent with spaces',
      });
    }
  });
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Validates frontmatter against the kind's schema. A field that fails is reported
 * with its name and line and left out, so the rest of the document still loads.
 */
function validate<T>(
  schema: z.ZodType<T>,
  data: Record<string, unknown>,
  path: string,
  fieldLines: Record<string, number>,
  diagnostics: Diagnostic[],
): T {
  let input = data;
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    const bad = new Set<string>();
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '');
      bad.add(field);
      const fieldPath = issue.path.map(String).join('.');
      diagnostics.push({
        severity: 'error',
        code: 'invalid-field',
        file: path,
        ...(fieldLines[field] ? { line: fieldLines[field] } : {}),
        field: fieldPath || field,
        message: `field "${fieldPath || field}" is invalid: ${issue.message}; the field is ignored`,
      });
    }
    input = Object.fromEntries(Object.entries(input).filter(([key]) => !bad.has(key)));
  }
  return schema.parse({});
}

/** The raw text of a scalar field, for values YAML would mangle (`arxiv_id: 2401.10100` as a float). */
function rawScalar(yaml: string, field: string): string | undefined {
  const match = new RegExp(`^${field}:[ \\t]*['"]?([^'"\\s#]+)`, 'm').exec(yaml);
  return match?.[1];
}

/** Longest body opening a node keeps for its description (descriptions use 300 characters of plain text). */
export const LEAD_LENGTH = 800;

/** The opening of a body, cut at the end of a line when it is long: enough Markdown for a description. */
function leadOf(body: string): string {
  const text = body.trimStart();
  if (text.length <= LEAD_LENGTH) return text;
  const cut = text.lastIndexOf('\n', LEAD_LENGTH);
  return text.slice(0, cut > LEAD_LENGTH / 2 ? cut : LEAD_LENGTH);
}

function fileStem(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.md$/i, '');
}

/**
 * Parses one file into a typed document. Never throws: whatever is wrong becomes a
 * diagnostic naming the file and field, and the document still loads with what
 * could be read. The title falls back to the first `#` heading, then the file name.
 */
export function parseDocument(raw: RawDocument): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const { kind, path } = raw;
  const split = splitFrontmatter(raw, diagnostics);
  const { yaml, body, bodyLine } = split;
  const fieldLines = findFieldLines(yaml);
  const data = dropExpandingFields(split.data, path, fieldLines, diagnostics);
  const fm: { title?: string; summary?: string; aliases: string[]; tags: string[] } = validate<{ title?: string; summary?: string; aliases: string[]; tags: string[] }>(
    schemaOf(kind),
    data,
    path,
    fieldLines,
    diagnostics,
  );

  const extra = Object.fromEntries(Object.entries(data).filter(([key]) => !knownFields(kind).has(key)));
  const heading = FIRST_HEADING.exec(body)?.[1]?.trim();
  let title = fm.title ?? heading ?? fileStem(path);
  if (!fm.title && kindEntry(kind).titleRequired) {
    diagnostics.push({ severity: 'error', code: 'missing-field', file: path, field: 'title', message: `required field "title" is missing; using "${title}"` });
  }
  if (!title.trim()) title = fileStem(path);

  const described = Boolean(fm.summary) || (kind === 'paper' && Boolean((fm as PaperFrontmatter).core_contribution));
  const base = {
    path,
    title,
    ...(fm.summary ? { summary: fm.summary } : {}),
    body,
    hasBody: body.trim() !== '',
    lead: described ? '' : leadOf(body),
    aliases: fm.aliases,
    tags: fm.tags,
    wikilinks: extractWikilinks(body, bodyLine),
    extra,
    fieldLines,
  };

  switch (kind) {
    case 'note': {
      const note = fm as NoteFrontmatter;
      return {
        diagnostics,
        doc: {
          ...base,
          kind: 'note',
          ...(note.original_title ? { originalTitle: note.original_title } : {}),
          ...(note.date ? { date: note.date } : {}),
          categories: note.categories,
          related: note.related,
          inquiries: note.inquiries,
          papers: note.papers,
        },
      };
    }
    case 'inquiry': {
      const inquiry = fm as InquiryFrontmatter;
      return { diagnostics, doc: { ...base, kind: 'inquiry', sources: inquiry.sources, next: inquiry.next } };
    }
    case 'paper': {
      const paper = fm as PaperFrontmatter;
      const arxivId = typeof data.arxiv_id === 'number' ? rawScalar(yaml, 'arxiv_id') : paper.arxiv_id;
      if (!arxivId) {
        diagnostics.push({ severity: 'warning', code: 'missing-field', file: path, field: 'arxiv_id', message: 'paper has no arxiv_id; its URL is made from its title' });
      }
      if (paper.ver !== undefined && paper.ver !== 'rpa2') {
        diagnostics.push({ severity: 'warning', code: 'unknown-version', file: path, ...(fieldLines.ver ? { line: fieldLines.ver } : {}), field: 'ver', message: `summary format "${paper.ver}" is not rpa2; loaded as is` });
      }
      return {
        diagnostics,
        doc: {
          ...base,
          kind: 'paper',
          ...(arxivId ? { arxivId } : {}),
          ...(paper.source_url ? { sourceUrl: paper.source_url } : {}),
          ...(paper.core_contribution ? { coreContribution: paper.core_contribution } : {}),
          ...(paper.ver ? { ver: paper.ver } : {}),
        },
      };
    }
    default:
      // Any other kind of the registry reads the common fields only.
      return { diagnostics, doc: { ...base, kind } };
  }
}
