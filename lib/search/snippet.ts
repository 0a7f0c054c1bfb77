import { foldWord } from '../text/fold';
import { scanWords } from '../text/tokenise';

/*
 * Snippets: the passage around the first hit, with the hits' places marked.
 * Pages render a <mark> per span over plain text, never HTML from content, so a
 * snippet is always text plus offsets.
 */

/** `[start, end)` in UTF-16 code units of the text it belongs to. */
export type Span = readonly [start: number, end: number];

export interface Snippet {
  readonly text: string;
  /** The matched words, in order, never overlapping; neighbours joined into one span. */
  readonly highlights: readonly Span[];
}

/** Decides whether a folded word is a hit for the query. */
export type WordTest = (folded: string) => boolean;

export interface SnippetOptions {
  /** Characters to aim for (the cut falls between words). */
  readonly length: number;
  /** Characters of context to keep before the first hit. */
  readonly before: number;
}

export const defaultSnippetOptions: SnippetOptions = { length: 160, before: 50 };

/** Spans of every hit in `text`, adjacent hits ("persuasion bombing") joined. */
export function highlightWords(text: string, isHit: WordTest): Span[] {
  const spans: [number, number][] = [];
  scanWords(text, (start, end) => {
    if (!isHit(foldWord(text.slice(start, end)))) return;
    const last = spans[spans.length - 1];
    if (last && /^[\s\-\u2010-\u2014]+$/.test(text.slice(last[1], start))) last[1] = end;
    else spans.push([start, end]);
  });
  return spans;
}

/**
 * About `options.length` characters of `text` around its first hit, with every hit
 * inside marked. Undefined when the text holds no hit.
 */
export function cutSnippet(text: string, isHit: WordTest, options: SnippetOptions = defaultSnippetOptions): Snippet | undefined {
  const first = firstHit(text, isHit);
  if (!first) return undefined;
  // Words are read twice only inside the window: a long text costs its opening, not its length.
  const from = Math.max(0, first[0] - options.before - 1);
  const to = Math.min(text.length, from + options.length + options.before + 2);
  const spans = highlightWords(text.slice(from, to), isHit).map(([s, e]) => [s + from, e + from] as const);
  return windowAround(text, spans, first, options);
}

function firstHit(text: string, isHit: WordTest): Span | undefined {
  let found: Span | undefined;
  scanWords(text, (start, end) => {
    if (!isHit(foldWord(text.slice(start, end)))) return false;
    found = [start, end];
    return true;
  });
  return found;
}

/** The opening of a text, cut between words, with any hits in it marked. */
export function leadSnippet(text: string, isHit: WordTest, options: SnippetOptions = defaultSnippetOptions): Snippet {
  return windowAround(text, highlightWords(text, isHit), [0, 0], options);
}

function windowAround(text: string, spans: readonly Span[], [hitStart, hitEnd]: Span, { length, before }: SnippetOptions): Snippet {
  let start = 0;
  let end = text.length;
  if (text.length > length) {
    start = Math.max(0, hitStart - before);
    end = Math.min(text.length, start + length);
    // Near the end of the text, show more of what comes before instead.
    if (end === text.length) start = Math.max(0, end - length);
    if (start > 0) {
      const space = text.indexOf(' ', start);
      if (space !== -1 && space < hitStart) start = space + 1;
    }
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > Math.max(hitEnd, start)) end = space;
    }
  }
  const lead = start > 0 ? '…' : '';
  const tail = end < text.length ? '…' : '';
  const shift = lead.length - start;
  const highlights: Span[] = [];
  for (const [s, e] of spans) {
    if (s >= start && e <= end) highlights.push([s + shift, e + shift]);
  }
  return { text: lead + text.slice(start, end).trim() + tail, highlights: trimShift(text, start, end, highlights, lead.length) };
}

/** `trim()` may drop leading spaces of the window: move the spans with it. */
function trimShift(text: string, start: number, end: number, spans: Span[], leadLength: number): Span[] {
  const piece = text.slice(start, end);
  const dropped = piece.length - piece.trimStart().length;
  if (!dropped) return spans;
  return spans.map(([s, e]) => [Math.max(leadLength, s - dropped), e - dropped] as const);
}
