import { foldWord } from '../text/fold';
import { stemWord } from '../text/stem';
import { isStopword } from '../text/stopwords';
import { scanWords } from '../text/tokenise';

/*
 * Topic labels by class-based TF-IDF over titles and summaries: a term (a word
 * stem, or two adjacent ones) scores by the share of the topic's documents that
 * use it times how rare it is in the whole collection. The best two or three
 * terms, shown in the words writers used most, name the topic.
 */

export interface LabelOptions {
  /** Most words in a label. */
  readonly maxWords: number;
  /** A term must be used by at least this many of the topic's documents (fewer when the topic is smaller). */
  readonly minDocuments: number;
  /** How much more a two-word term is worth than one word: phrases name things better. */
  readonly phraseBoost: number;
}

export const defaultLabelOptions: LabelOptions = { maxWords: 4, minDocuments: 2, phraseBoost: 1.3 };

/**
 * Words every summary uses whatever it is about: they never name a topic. The
 * search stop words (lib/text/stopwords.ts) come first.
 */
const GENERIC = new Set(
  ('paper papers model models study studies result results show shows shown using used use uses based approach approaches method methods ' +
    'propose proposes proposed new work works one two three first second evidence section find finds found also can across large language ' +
    'llm llms ai task tasks data performance analysis framework system systems improve improves improving different however thus within without ' +
    'well even often many much may might via toward towards whether rather several including include includes provide provides novel key ' +
    'introduce introduces present presents demonstrate demonstrates existing current like lead leads significant significantly ' +
    'actually really still truly does doesnt what why how when which while where note notes inquiry question questions').split(' '),
);

/** A document's terms: stems and adjacent stem pairs, each once, with the surface words seen for them. */
export interface DocumentTerms {
  readonly terms: readonly string[];
}

/** Surface words of stems, counted, to show a label in the words writers used. */
export type SurfaceCounts = Map<string, Map<string, number>>;

/** Stems of folded words already seen (or null: the word does not count); bounded like the similarity index's memo. */
const stemMemo = new Map<string, string | null>();
const STEM_MEMO_SIZE = 200_000;

/** The stem a folded word counts as in a label, or undefined when it never names a topic. */
function stemOf(word: string): string | undefined {
  let stem = stemMemo.get(word);
  if (stem === undefined) {
    const counted = word.length >= 3 && !isStopword(word) && !GENERIC.has(word) && !/^\d+$/.test(word);
    stem = counted ? stemWord(word) : null;
    if (stem !== null && GENERIC.has(stem)) stem = null;
    if (stemMemo.size >= STEM_MEMO_SIZE) stemMemo.clear();
    stemMemo.set(word, stem);
  }
  return stem ?? undefined;
}

/**
 * The distinct terms of a text: each counted word's stem, and each pair of
 * adjacent counted words (not across punctuation or a stop word) as "stem stem".
 */
export function termsOfText(text: string, surfaces?: SurfaceCounts): string[] {
  const seen = new Set<string>();
  let previous: string | undefined;
  let previousEnd = -1;
  scanWords(text, (start, end) => {
    const word = foldWord(text.slice(start, end));
    const stem = stemOf(word);
    if (stem === undefined) {
      previous = undefined;
      return;
    }
    seen.add(stem);
    if (surfaces) {
      let forms = surfaces.get(stem);
      if (!forms) surfaces.set(stem, (forms = new Map()));
      forms.set(word, (forms.get(word) ?? 0) + 1);
    }
    // "reasoning fine-tuning" gives "fine tuning", not "reasoning fine": a word that opens a hyphenated compound pairs only within it.
    const opensCompound = text[end] === '-' && /\w/.test(text[end + 1] ?? '');
    const joined = previous !== undefined && !opensCompound && /^[\s-]*$/.test(text.slice(previousEnd, start));
    if (joined) seen.add(`${previous} ${stem}`);
    previous = stem;
    previousEnd = end;
  });
  return [...seen];
}

/** How many documents of the whole collection use each term: the "IDF" side. */
export function documentFrequencies(documents: readonly (readonly string[])[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const terms of documents) for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
  return df;
}

/** A topic's label and the terms it was made from, best first. */
export interface Label {
  readonly label: string;
  /** Its words as writers write them, best first. */
  readonly words: readonly string[];
  /** The same words' stems: what a subtopic's label leaves out. */
  readonly stems: readonly string[];
}

/**
 * The label of a class of documents (their term lists), against the collection's
 * document frequencies `df` of `total` documents. Stems in `exclude` (a parent
 * topic's words) are left out, so subtopics say how they differ.
 */
export function labelClass(
  members: readonly (readonly string[])[],
  df: ReadonlyMap<string, number>,
  total: number,
  surfaces: SurfaceCounts,
  exclude: ReadonlySet<string> = new Set(),
  options: LabelOptions = defaultLabelOptions,
): Label {
  const inClass = new Map<string, number>();
  for (const terms of members) for (const t of terms) inClass.set(t, (inClass.get(t) ?? 0) + 1);
  const minDocuments = Math.min(options.minDocuments, Math.max(1, Math.ceil(members.length / 2)));
  const scored: [string, number][] = [];
  for (const [term, count] of inClass) {
    if (count < minDocuments) continue;
    const parts = term.split(' ');
    if (parts.some((p) => exclude.has(p))) continue;
    const rarity = Math.log(1 + total / (df.get(term) ?? 1));
    scored.push([term, (count / members.length) * rarity * (parts.length > 1 ? options.phraseBoost : 1)]);
  }
  scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const chosen = pickTerms(scored.map(([t]) => t), options.maxWords);
  const stems = chosen.flatMap((t) => t.split(' '));
  const words = chosen.map((term) => term.split(' ').map((stem) => surfaceOf(stem, surfaces)).join(' '));
  return { label: words.join(', '), words: stems.map((stem) => surfaceOf(stem, surfaces)), stems };
}

/** The best terms that add a new word each, up to `maxWords` words and three terms. */
function pickTerms(ranked: readonly string[], maxWords: number): string[] {
  const chosen: string[] = [];
  const used = new Set<string>();
  let words = 0;
  for (const term of ranked) {
    const parts = term.split(' ');
    if (parts.every((p) => used.has(p)) || words + parts.length > maxWords) continue;
    // "fair" beside "fairness" says one thing twice: the stemmer keeps them apart, the label must not.
    if (parts.some((p) => [...used].some((u) => u !== p && (u.startsWith(p) || p.startsWith(u)) && Math.min(u.length, p.length) >= 4))) continue;
    // A phrase whose word is already shown alone replaces it rather than repeating it.
    const replaced = parts.length > 1 ? chosen.findIndex((c) => !c.includes(' ') && parts.includes(c)) : -1;
    if (replaced >= 0) {
      chosen.splice(replaced, 1);
      words -= 1;
    } else if (parts.some((p) => used.has(p))) continue;
    chosen.push(term);
    for (const p of parts) used.add(p);
    words += parts.length;
    if (chosen.length >= 3 || words >= maxWords) break;
  }
  return chosen;
}

/** The word most often written for a stem. */
function surfaceOf(stem: string, surfaces: SurfaceCounts): string {
  let best = stem;
  let most = 0;
  for (const [word, count] of surfaces.get(stem) ?? []) {
    if (count > most || (count === most && word < best)) [best, most] = [word, count];
  }
  return best;
}
