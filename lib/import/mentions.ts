/**
 * Finding where a page export's prose cites other documents by title. The site's
 * plain-text export drops its links and leaves the cited title inline:
 * "…reasoning training bought essentially nothing Can better reasoning training
 * actually reduce model sycophancy?. The corpus's answer…". These functions find
 * such titles so the importer can turn them back into wikilinks.
 */

/** A title found in text, with where it starts and ends. */
export interface Mention {
  readonly title: string;
  readonly start: number;
  readonly end: number;
}

/** Titles shorter than this many words are not linked from prose: too likely to be ordinary words. */
export const MIN_TITLE_WORDS = 4;

const QUESTION_WORDS =
  'Can|Could|Do|Does|Did|Is|Are|Was|Were|Why|How|What|When|Where|Which|Who|Whom|Whose|Should|Would|Will|Has|Have|Had|May|Might|Must|Shall';

/**
 * A question cited mid-sentence: it starts with a capitalised question word right
 * after a lower-case word or closing mark (not after a full stop, where a sentence
 * of the essay itself would begin), runs to a `?`, and is followed by punctuation,
 * a lower-case word or the end of the paragraph.
 */
const INLINE_QUESTION = new RegExp(
  `(?<=[\\p{Ll}\\d*'’")\\]%] )((?:${QUESTION_WORDS}) [^?!\\n]*?\\?)(?=[.,;:)]|\\s+\\p{Ll}|\\s*$)`,
  'gmu',
);

/** Questions cited inline in the order they appear (each title once), for pairing with a list of summaries. */
export function findInlineQuestions(text: string): Mention[] {
  const found: Mention[] = [];
  for (const match of text.matchAll(INLINE_QUESTION)) {
    const title = match[1] ?? '';
    if (title.split(/\s+/).length < MIN_TITLE_WORDS) continue;
    const start = match.index ?? 0;
    found.push({ title, start, end: start + title.length });
  }
  return found;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/**
 * Every occurrence of a known title in `text`, longest titles first so that a
 * title containing another wins, never overlapping, and only on word boundaries.
 */
export function findKnownTitles(text: string, titles: Iterable<string>): Mention[] {
  const sorted = [...new Set(titles)]
    .filter((t) => t.trim().split(/\s+/).length >= MIN_TITLE_WORDS)
    .sort((a, b) => b.length - a.length);
  const taken: Mention[] = [];
  const overlaps = (s: number, e: number) => taken.some((m) => s < m.end && e > m.start);
  for (const title of sorted) {
    for (let at = text.indexOf(title); at !== -1; at = text.indexOf(title, at + 1)) {
      const end = at + title.length;
      if (isWordChar(text[at - 1]) || isWordChar(text[end])) continue;
      if (!overlaps(at, end)) taken.push({ title, start: at, end });
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** Puts `[[…]]` around each mention. Mentions must not overlap. */
export function linkMentions(text: string, mentions: readonly Mention[]): string {
  let out = '';
  let at = 0;
  for (const m of [...mentions].sort((a, b) => a.start - b.start)) {
    out += `${text.slice(at, m.start)}[[${m.title}]]`;
    at = m.end;
  }
  return out + text.slice(at);
}

/** Merges two mention lists, dropping any that overlaps one already kept (the first list wins). */
export function mergeMentions(first: readonly Mention[], second: readonly Mention[]): Mention[] {
  const kept = [...first];
  for (const m of second) {
    if (!kept.some((k) => m.start < k.end && m.end > k.start)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}
