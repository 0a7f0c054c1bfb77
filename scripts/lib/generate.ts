import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paperSlug, toLookupKey, toSlug } from '../../lib/domain/slug';
import { createRandom, type Random } from './prng';
import { capitalise, fill, sentence, sentences } from './prose';
import { makeVariant, paperTitle, readRealPapers, synthesizePaper, type PaperFile, type SkippedPaper } from './rpa2';
import { rewriteVariant } from './variant';
import { CATEGORIES, CONCEPTS, CONTEXTS, INQUIRY_OPENINGS, LABELS, REASONS, TAGS, VERBS } from './vocabulary';
import { frontmatter } from './yaml';

export interface GenerateOptions {
  /** The content folder to write: it gets notes/, inquiries/ and papers/. Must be empty or absent. */
  readonly out: string;
  /** Number of documents (files) to write; stubs and tags come on top in the graph. */
  readonly nodes: number;
  readonly seed: string | number;
  /** A folder of real rpa2 paper summaries to copy (and vary when more are needed). Without it papers are made up. */
  readonly papersFrom?: string;
  /** The mix of kinds and how they cite each other (see SHAPES); `default` when absent. */
  readonly shape?: CorpusShape;
}

export const defaultGenerateOptions = { seed: 1, shape: 'default' } as const;

/**
 * `default`: a research notebook, mostly notes (60% notes, 15% inquiring lines,
 * 25% papers). `collection`: the whole paper collection, mostly papers (96%), with
 * 3% notes and 1% inquiring lines that cite them; varied papers are rewritten
 * (new id, name, title and wording) rather than marked "(variant n)".
 */
export type CorpusShape = 'default' | 'collection';
export const CORPUS_SHAPES: readonly CorpusShape[] = ['default', 'collection'];

interface ShapeSpec {
  /** Shares of the document kinds; papers take the rest. */
  readonly note: number;
  readonly inquiry: number;
  /** The papers a note lists in its `papers` field. */
  readonly notePapers: (random: Random, papers: number) => number[];
  /** Whether note and inquiring-line bodies also link papers, by title or arXiv id. */
  readonly paperLinks: boolean;
  /**
   * How a real paper is varied when more are needed than the folder holds: rewritten
   * (scripts/lib/variant.ts), or marked with a version and " (variant n)".
   */
  readonly rewriteVariants: boolean;
}

const SHAPES: Readonly<Record<CorpusShape, ShapeSpec>> = {
  default: {
    note: 0.6,
    inquiry: 0.15,
    notePapers: (random, papers) => (random.chance(0.4) || papers === 0 ? [] : distinct(random.int(1, 6), () => random.skewed(papers))),
    paperLinks: false,
    rewriteVariants: false,
  },
  collection: {
    note: 0.03,
    inquiry: 0.01,
    // A note reads many papers: a few hubs everyone cites, most from across the collection.
    notePapers: (random, papers) =>
      papers === 0 ? [] : distinct(random.int(2, 10), () => (random.chance(0.3) ? random.skewed(papers) : random.int(0, papers - 1))),
    paperLinks: true,
    rewriteVariants: true,
  },
};

export interface GenerateSummary {
  readonly notes: number;
  readonly inquiries: number;
  readonly papers: { readonly copied: number; readonly variants: number; readonly synthetic: number };
  /** Files of `papersFrom` left out because Trellis would not load them cleanly. */
  readonly skippedPapers: readonly SkippedPaper[];
  readonly bytes: number;
}

/**
 * Every name a generated node answers to, folded the way the graph folds them.
 * Claiming all of a node's names at once keeps titles, slugs, file names and
 * arXiv ids unique across kinds, so the graph reports no ambiguity.
 */
class NameRegistry {
  private readonly keys = new Set<string>();

  claim(names: readonly (string | undefined)[]): boolean {
    const keys = names.map((n) => (n ? toLookupKey(n) : '')).filter(Boolean);
    if (keys.some((k) => this.keys.has(k))) return false;
    for (const k of keys) this.keys.add(k);
    return true;
  }
}

/** Tries `make` until the registry accepts its names; the numbered fallback always gets through. */
function unique<T>(registry: NameRegistry, make: (attempt: number) => T, names: (value: T) => readonly (string | undefined)[]): T {
  for (let attempt = 0; ; attempt++) {
    const value = make(attempt);
    if (registry.claim(names(value))) return value;
  }
}

interface NoteMeta {
  readonly title: string;
  readonly originalTitle: string;
  readonly slug: string;
  readonly summary: string;
}

interface InquiryMeta {
  readonly title: string;
  readonly slug: string;
  readonly summary: string;
}

/** Two different concepts. */
function twoConcepts(random: Random): [string, string] {
  const a = random.pick(CONCEPTS);
  let b = random.pick(CONCEPTS);
  while (b === a) b = random.pick(CONCEPTS);
  return [a, b];
}

function noteMeta(random: Random, attempt: number): NoteMeta {
  const [a, b] = twoConcepts(random);
  const [base, third] = random.pick(VERBS);
  const context = random.pick(CONTEXTS);
  // After many collisions, a number makes the title unique; in practice this is rare.
  const tail = attempt > 20 ? ` (study ${attempt})` : '';
  const form = random.int(0, 3);
  const title =
    form === 0
      ? `Does ${a} ${base} ${b} in ${context}${tail}?`
      : form === 1
        ? `Can ${a} ${base} ${b}${tail}?`
        : form === 2
          ? `Is ${a} what makes ${b} ${random.pick(['fragile', 'persistent', 'measurable', 'unavoidable', 'misleading'])} in ${context}${tail}?`
          : `Why does ${a} ${base} ${b} when the model is ${random.pick(['challenged', 'scaled', 'distilled', 'fine-tuned', 'prompted'])}${tail}?`;
  const originalTitle = `${a} ${third} ${b} in ${context}${tail} because ${random.pick(REASONS)}`;
  return {
    title: capitalise(title),
    originalTitle,
    slug: toSlug(originalTitle),
    summary: `${fill(random, 'The intuitive view of {a} is that it follows from {b}.')} ${sentence(random)}`,
  };
}

function inquiryMeta(random: Random, attempt: number): InquiryMeta {
  const [a, b] = twoConcepts(random);
  const [base] = random.pick(VERBS);
  let [other] = random.pick(VERBS);
  while (other === base) [other] = random.pick(VERBS);
  const tail = attempt > 20 ? ` (line ${attempt})` : '';
  const title =
    random.int(0, 1) === 0
      ? `Why does ${a} ${base} rather than ${other} ${b}${tail}?`
      : `What happens to ${a} when ${b} meets ${random.pick(CONTEXTS)}${tail}?`;
  return {
    title: capitalise(title),
    slug: toSlug(title),
    summary: `This explores why ${a} and ${b} ${random.pick(['pull against each other', 'move together', 'are easy to confuse'])} — and what that means for ${random.pick(CONTEXTS)}.`,
  };
}

/** Distinct picks from `pick`, none equal to `exclude`; gives up quietly when the pool is too small. */
function distinct(count: number, pick: () => number, exclude = -1): number[] {
  const chosen = new Set<number>();
  for (let tries = 0; chosen.size < count && tries < count * 20; tries++) {
    const i = pick();
    if (i !== exclude) chosen.add(i);
  }
  return [...chosen];
}

function isoDate(daysAfter2024: number): string {
  return new Date(Date.UTC(2024, 0, 1) + daysAfter2024 * 86_400_000).toISOString().slice(0, 10);
}

/** What notes and inquiring lines need of a paper to cite it; its text is written at once and not kept. */
interface PaperRef {
  readonly title: string;
  readonly arxivId: string;
}

/**
 * The papers of the corpus: real ones first, then variants of them, or made-up ones
 * when no folder is given. Each is written as soon as it is made, so memory holds
 * only the real papers' texts, whatever the corpus size.
 */
function makePapers(count: number, options: GenerateOptions, registry: NameRegistry, skipped: SkippedPaper[], write: (paper: PaperFile) => void) {
  const random = createRandom(`${options.seed}:papers`);
  const shape = SHAPES[options.shape ?? 'default'];
  const papers: PaperRef[] = [];
  const keep = (paper: PaperFile): void => {
    write(paper);
    papers.push({ title: paper.title, arxivId: paper.arxivId });
  };
  const counts = { copied: 0, variants: 0, synthetic: 0 };
  const claim = (p: PaperFile): boolean =>
    registry.claim([p.title, p.arxivId, paperSlug(p.arxivId, p.title), p.fileName.replace(/\.md$/, '')]);
  const real: PaperFile[] = [];
  if (options.papersFrom && count > 0) {
    for (const paper of readRealPapers(options.papersFrom, random, skipped)) {
      // Two real files under one title would make every link to it ambiguous.
      if (claim(paper)) real.push(paper);
      else skipped.push({ file: paper.fileName, reason: 'title or arXiv id already used by another file' });
      if (real.length >= count) break;
    }
  }
  real.forEach(keep);
  counts.copied = real.length;
  for (let round = 1; papers.length < count && real.length > 0; round++) {
    for (const paper of real) {
      if (papers.length >= count) break;
      // A rewritten variant whose id or title is taken draws again; a marked one ("variant n") is skipped.
      for (let attempt = 0; attempt < (shape.rewriteVariants ? 100 : 1); attempt++) {
        const variant = shape.rewriteVariants ? rewriteVariant(paper, random, attempt) : makeVariant(paper, round);
        if (claim(variant)) {
          keep(variant);
          counts.variants++;
          break;
        }
      }
    }
  }
  for (let i = 0; papers.length < count; i++) {
    // 12 months × 90,000 numbers: enough ids for any corpus this generator makes.
    const arxivId = `24${String(1 + (i % 12)).padStart(2, '0')}.${String(10_000 + Math.floor(i / 12)).padStart(5, '0')}`;
    // A title already taken skips this id; the next one gets a new title.
    const paper = synthesizePaper(random, paperTitle(random), arxivId);
    if (claim(paper)) {
      keep(paper);
      counts.synthetic++;
    }
  }
  return { papers, counts };
}

/**
 * Writes a synthetic corpus in the content format: notes with question titles,
 * summaries, related concepts, inquiring lines and papers; inquiring lines citing
 * 5–15 notes inline; rpa2 papers. The shares of the kinds depend on the shape
 * (SHAPES). The same options give the same files, byte for byte. Papers are
 * written as they are made, so a 100,000-document corpus fits in a few hundred MB.
 *
 * A few citations and wikilinks deliberately name documents that do not exist, so
 * the graph has stubs and `unresolved-link` warnings, as a real corpus does.
 */
export function generateCorpus(options: GenerateOptions): GenerateSummary {
  const { out } = options;
  if (existsSync(out) && readdirSync(out).length > 0) {
    throw new Error(`${out} is not empty; give an empty or new folder`);
  }
  const shape = SHAPES[options.shape ?? 'default'];
  const total = Math.max(3, Math.floor(options.nodes));
  const nNotes = Math.max(1, Math.round(total * shape.note));
  const nInquiries = Math.max(1, Math.round(total * shape.inquiry));
  const nPapers = total - nNotes - nInquiries;

  let bytes = 0;
  const write = (folder: string, name: string, text: string): void => {
    writeFileSync(join(out, folder, name), text);
    bytes += Buffer.byteLength(text);
  };
  for (const folder of ['notes', 'inquiries', 'papers']) mkdirSync(join(out, folder), { recursive: true });

  const registry = new NameRegistry();
  const skipped: SkippedPaper[] = [];
  const { papers, counts } = makePapers(nPapers, options, registry, skipped, (paper) => write('papers', paper.fileName, paper.text));

  const random = createRandom(`${options.seed}:documents`);
  const notes = Array.from({ length: nNotes }, () =>
    unique(registry, (attempt) => noteMeta(random, attempt), (m) => [m.title, m.originalTitle, m.slug]),
  );
  const inquiries = Array.from({ length: nInquiries }, () =>
    unique(registry, (attempt) => inquiryMeta(random, attempt), (m) => [m.title, m.slug]),
  );

  // Titles cited but never written: they become stubs. Each is cited several times.
  const unwrittenNotes = Array.from({ length: Math.max(15, Math.round(nNotes / 40)) }, (_, i) =>
    unique(registry, (attempt) => `${capitalise(fill(random, 'How far does {a} reach into {c}'))} (draft ${i}${attempt ? `.${attempt}` : ''})?`, (t) => [t]),
  );
  const unwrittenInquiries = Array.from({ length: Math.max(2, Math.round(nInquiries / 20)) }, (_, i) =>
    unique(registry, (attempt) => `${capitalise(fill(random, 'What would a theory of {a} predict for {b}'))} (open ${i}${attempt ? `.${attempt}` : ''})?`, (t) => [t]),
  );
  // Linked from bodies only, never cited in frontmatter: these are the `unresolved-link` warnings.
  const unlinkedNotes = Array.from({ length: Math.max(3, Math.round(nNotes / 100)) }, (_, i) =>
    unique(registry, (attempt) => `${capitalise(fill(random, '{a} under {c}'))} (to write ${i}${attempt ? `.${attempt}` : ''})`, (t) => [t]),
  );
  const unlistedPapers = Array.from({ length: Math.max(2, Math.round(nPapers / 40)) }, (_, i) =>
    unique(registry, (attempt) => `${paperTitle(random)} (preprint ${i}${attempt ? `.${attempt}` : ''})`, (t) => [t]),
  );

  // Notes near each other in the list share a topic: most links stay in the
  // neighbourhood, the rest go to a few widely cited hubs.
  const nearNote = (centre: number): number => Math.min(nNotes - 1, Math.max(0, centre + random.int(-40, 40)));
  const pickNote = (centre: number): number => (random.chance(0.6) ? nearNote(centre) : random.skewed(nNotes));

  // Inquiring lines: 5–15 sources each, mostly existing notes.
  const sourcesOf: { title: string; summary?: string }[][] = [];
  const citedBy: number[][] = notes.map(() => []);
  inquiries.forEach((_, j) => {
    const centre = random.int(0, nNotes - 1);
    const count = random.int(5, 15);
    const picked = distinct(count, () => pickNote(centre));
    const sources: { title: string; summary?: string }[] = picked.map((i) => {
      (citedBy[i] as number[]).push(j);
      const note = notes[i] as NoteMeta;
      return { title: note.title, summary: note.summary };
    });
    // A source without a file of its own: it becomes a stub with this summary.
    if (random.chance(0.15) && sources.length < 15) sources.splice(random.int(0, sources.length), 0, { title: random.pick(unwrittenNotes), summary: sentence(random) });
    // A small corpus cannot always supply `count` distinct notes; stubs make up the rest.
    while (sources.length < 5) {
      const title = random.pick(unwrittenNotes);
      if (!sources.some((s) => s.title === title)) sources.push({ title });
    }
    sourcesOf.push(sources);
  });

  // Bodies of the collection shape also link papers: by title mostly, sometimes by arXiv id.
  // (No draw at all in the default shape, so its files stay what they were.)
  const paperLinks = (min: number, max: number): string[] =>
    !shape.paperLinks || papers.length === 0
      ? []
      : distinct(random.int(min, max), () => random.int(0, papers.length - 1)).map((k) => {
          const paper = papers[k] as PaperRef;
          return random.chance(0.8) ? `[[${paper.title}]]` : `[[${paper.arxivId}]]`;
        });

  notes.forEach((note, i) => {
    const relatedCount = random.int(0, 4);
    const related = distinct(relatedCount, () => pickNote(i), i).map((k) => {
      const target = notes[k] as NoteMeta;
      return random.chance(0.1)
        ? { title: random.pick(unwrittenNotes), summary: sentence(random), label: random.pick(LABELS) }
        : { title: target.title, summary: target.summary, label: random.pick(LABELS) };
    });
    const inquiryTitles = (citedBy[i] as number[]).map((j) => (inquiries[j] as InquiryMeta).title);
    if (random.chance(0.03)) inquiryTitles.push(random.pick(unwrittenInquiries));
    const paperTitles = shape.notePapers(random, papers.length).map((k) => (papers[k] as PaperRef).title);
    if (random.chance(0.04)) paperTitles.push(random.pick(unlistedPapers));
    const tags = [...new Set(Array.from({ length: random.int(1, 3) }, () => random.pick(TAGS)))];

    const links = distinct(random.int(2, 5), () => pickNote(i), i).map((k) => linkTo(random, notes[k] as NoteMeta));
    if (random.chance(0.08)) links.push(`[[${random.pick(unwrittenNotes)}]]`);
    if (random.chance(0.04)) links.push(`[[${random.pick(unlinkedNotes)}]]`);
    links.push(...paperLinks(0, 3));
    const body = noteBody(random, links);
    const alias = `${capitalise(random.pick(CONCEPTS))} finding ${i}`;
    const aliases = random.chance(0.05) && registry.claim([alias]) ? [alias] : [];

    const text =
      frontmatter([
        ['title', note.title],
        ['summary', note.summary],
        ['original_title', note.originalTitle],
        ['date', isoDate(random.int(0, 700))],
        ['categories', [random.pick(CATEGORIES)]],
        ['tags', tags],
        ['aliases', aliases],
        ['related', dedupeByTitle(related)],
        ['inquiries', [...new Set(inquiryTitles)]],
        ['papers', [...new Set(paperTitles)]],
      ]) + body;
    write('notes', `${note.slug}.md`, text);
  });

  inquiries.forEach((inquiry, j) => {
    const next = distinct(random.chance(0.3) ? 0 : random.int(1, 3), () => random.int(0, nInquiries - 1), j).map((k) => (inquiries[k] as InquiryMeta).title);
    if (random.chance(0.05)) next.push(random.pick(unwrittenInquiries));
    const sources = sourcesOf[j] ?? [];
    const tags = random.chance(0.5) ? [random.pick(TAGS)] : [];
    const text =
      frontmatter([
        ['title', inquiry.title],
        ['summary', inquiry.summary],
        ['tags', tags],
        ['sources', sources],
        ['next', next],
      ]) + inquiryBody(random, sources.map((s) => s.title), paperLinks(1, 4));
    write('inquiries', `${inquiry.slug}.md`, text);
  });

  return { notes: nNotes, inquiries: nInquiries, papers: counts, skippedPapers: skipped, bytes };
}

/** The same title listed twice would be one edge but two list entries; keep the first. */
function dedupeByTitle<T extends { title: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = toLookupKey(item.title);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A wikilink to a note in one of the ways writers link: by title, by original title, or with shown text. */
function linkTo(random: Random, note: NoteMeta): string {
  const form = random.next();
  if (form < 0.6) return `[[${note.title}]]`;
  if (form < 0.85) return `[[${note.originalTitle}]]`;
  return `[[${note.title}|${note.originalTitle.split(' because ')[0] ?? note.originalTitle}]]`;
}

/** Three to six paragraphs, the links spread over them as their own sentences. */
function noteBody(random: Random, links: readonly string[]): string {
  const paragraphs = Array.from({ length: random.int(3, 6) }, () => sentences(random, random.int(3, 6)));
  for (const link of links) {
    const paragraph = random.pick(paragraphs);
    const phrase = random.pick([`This connects to ${link}.`, `${link} is the broader frame.`, `(See ${link}.)`, `The same pattern appears in ${link}.`]);
    paragraph.splice(random.int(1, paragraph.length), 0, phrase);
  }
  return `${paragraphs.map((p) => p.join(' ')).join('\n\n')}\n`;
}

/** The essay of an inquiring line: each source cited inline, in order, two to four per paragraph; then the papers it draws on. */
function inquiryBody(random: Random, sources: readonly string[], paperLinks: readonly string[] = []): string {
  const paragraphs: string[] = [];
  for (let i = 0; i < sources.length; ) {
    const take = random.int(2, 4);
    const cited = sources.slice(i, i + take).map((title) => `${sentence(random).replace(/\.$/, '')} [[${title}]].`);
    paragraphs.push([fill(random, random.pick(INQUIRY_OPENINGS)), ...cited].join(' '));
    i += take;
  }
  if (paperLinks.length > 0) paragraphs.push(`The papers behind this line: ${paperLinks.join(', ')}.`);
  paragraphs.push(sentences(random, random.int(2, 4)).join(' '));
  return `\n${paragraphs.join('\n\n')}\n`;
}
