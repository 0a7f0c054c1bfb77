import { foldWord } from '../text/fold';
import { stemWord } from '../text/stem';
import { isStopword } from '../text/stopwords';
import { CharClass, classOf, scanWords } from '../text/tokenise';

/*
 * Every word the index has seen, and the encoders that feed flexsearch.
 *
 * Indexing a corpus is mostly turning ten million words into stems. A Map lookup
 * with a freshly sliced string costs a hash of it and two or three cache misses,
 * so the body encoder hashes each word while scanning it and looks it up in its
 * own open-addressing table of hashes, without slicing or lower-casing the text;
 * a word is sliced once, the first time it is seen. Short fields (titles,
 * summaries) take the plain path.
 *
 * Bodies are not handed to flexsearch one by one. `addBody` records, for each
 * stem, the documents whose body holds it, in the order they come (a posting
 * list), and `bodyPostings()` gives them to flexsearch's `import` at the end:
 * flexsearch's own `add` would check and insert the same four million (document,
 * stem) pairs of a 20k corpus once more, which was a third of the build.
 *
 * Once the index is built, `seal()` turns the table into the lookups a query
 * needs (prefix completions, words one typo away, the spellings of a stem) and
 * the encoders stop learning words: a query never grows the vocabulary.
 */

/** The documents whose body holds a stem, ascending; `last` is the latest added. */
interface Posting {
  readonly ids: number[];
  last: number;
}

interface Entry {
  /** The word as written, lower-cased (accents and apostrophes still in). */
  readonly raw: string;
  readonly folded: string;
  readonly stem: string;
  readonly stop: boolean;
  /** How common the word is: bodies that hold it, plus its occurrences in short fields. */
  df: number;
  /** Last document whose body counted this word in `df`. */
  seen: number;
  /** The stem's posting list, shared by every word with that stem. */
  readonly posting: Posting;
}

/** A word as saved: [folded word, stem ('' when the same), 1 for a stopword, frequency]. */
type SavedWord = [string, string, 0 | 1, number];

/** A sealed vocabulary as plain, JSON-friendly data. */
export interface VocabularySnapshot {
  readonly words: readonly SavedWord[];
  readonly spellings: readonly (readonly [string, string[]])[];
}

/** What `seal()` keeps of a word. */
interface WordInfo {
  readonly stem: string;
  readonly stop: boolean;
  readonly df: number;
}

// Stopwords of up to four ASCII letters, packed 7 bits a letter, so the body
// encoder drops "the", "of", "a"… before any lookup (they are a third of all words).
function pack(word: string): number {
  let n = 0;
  for (let i = 0; i < word.length; i++) n = n * 128 + word.charCodeAt(i);
  return n;
}

/**
 * A copy of a word that holds no reference to the text it was cut from. V8 makes a
 * slice of 13 characters or more a view into its parent string, so a long word learned
 * from a body kept that document's whole text alive for as long as the index lived: at
 * 100,000 papers with a real collection's vocabulary (268,000 words), 170 MB of bodies
 * (docs/benchmarks.md). Prefixing makes V8 flatten the pair into a new string, of which
 * the slice is then a view.
 */
const detached = (word: string): string => ` ${word}`.slice(1);

const isAsciiWord = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/**
 * Slots of the build-time table: [first hash, second hash, length, entry number + 1], the
 * number negated for a stopword, so a body skips stopwords without touching their entries.
 */
const RECORD = 4;

export class Vocabulary {
  // Build-time table of plain words (ASCII letters and digits), by two 32-bit hashes and
  // the length: a word is found without slicing it or comparing its letters. (Two
  // hashes and a length all agreeing for two different words: about one chance in 10^19
  // per lookup.)
  private records = new Int32Array((1 << 16) * RECORD);
  private mask = (1 << 16) - 1;
  private entries: Entry[] = [];
  /** Words with letters beyond ASCII or an inner apostrophe, and every word of short fields, by raw form. */
  private readonly complex = new Map<string, Entry>();
  private readonly shortStops: ReadonlySet<number>;
  private document = 0;
  private sealed = false;
  /** Body posting lists by stem, in the order stems were first seen. */
  private postings = new Map<string, Posting>();

  private readonly words = new Map<string, WordInfo>();
  private sorted: string[] = [];
  private spellings = new Map<string, string[]>();

  constructor(stopwords: Iterable<string>) {
    const packed = new Set<number>();
    for (const w of stopwords) if (w.length <= 4 && /^[a-z0-9]+$/.test(w)) packed.add(pack(w));
    for (let c = 0; c < 128; c++) if (isAsciiWord(c)) packed.add(c);
    this.shortStops = packed;
  }

  /** Declares which document the next body belongs to; bodies of one document share it. */
  startDocument(n: number): void {
    this.document = n;
  }

  /** Stems of a body, stopwords left out: how a query meets the body field once sealed. */
  readonly encodeBody = (text: string): string[] => this.encodeQuery(text, false);

  /**
   * Records a body of the current document (`startDocument`): each of its stems, stopwords
   * left out, joins the stem's posting list once. Learns new words; not after `seal()`.
   */
  addBody(text: string): void {
    if (this.sealed) throw new Error('the vocabulary is sealed');
    const n = text.length;
    let start = -1;
    let hash = 0;
    let hash2 = 0;
    let packed = 0;
    let plain = true;
    for (let i = 0; i <= n; i++) {
      let c = i < n ? text.charCodeAt(i) : 32;
      if (c >= 0x41 && c <= 0x5a) c += 0x20; // A–Z: hash the lower case, never copy the text
      if (isAsciiWord(c) || (c >= 0x80 && isWordChar(c))) {
        if (start < 0) {
          start = i;
          hash = 0x811c9dc5;
          hash2 = 0x3c6ef372;
          packed = 0;
          plain = true;
        }
        if (c >= 0x80) plain = false;
        hash = Math.imul(hash ^ c, 16777619);
        hash2 = Math.imul(hash2 + c, 0x5bd1e995) ^ (hash2 >>> 15);
        if (i - start < 4) packed = packed * 128 + c;
        continue;
      }
      if (start >= 0 && (c === 0x27 || c === 0x2019 || c === 0x2bc) && i + 1 < n) {
        const next = text.charCodeAt(i + 1);
        if (isAsciiWord(next) || (next >= 0x41 && next <= 0x5a) || (next >= 0x80 && isWordChar(next))) {
          plain = false;
          continue;
        }
      }
      if (start >= 0) {
        const length = i - start;
        if (plain) {
          if (!(length <= 4 && this.shortStops.has(packed))) {
            const id = this.lookup(text, start, i, hash, hash2);
            if (id > 0) this.emit(this.entries[id - 1] as Entry);
          }
        } else this.emit(this.learnComplex(text.slice(start, i).toLowerCase()));
        start = -1;
      }
      if (c >= 0x80 && isCjkChar(c)) this.emit(this.learnComplex(text[i] as string));
    }
  }

  /**
   * The bodies' posting lists, as flexsearch's `import` takes a field's "map" at
   * resolution 1: `[stem, [[ids…]]]` entries. Call once, after the last body.
   */
  bodyPostings(): [string, number[][]][] {
    const entries: [string, number[][]][] = [];
    for (const [stem, posting] of this.postings) if (posting.ids.length) entries.push([stem, [posting.ids]]);
    this.postings = new Map();
    return entries;
  }

  /** Stems of a short field (title, summary…), stopwords kept, in order. */
  readonly encodeShort = (text: string): string[] => {
    if (this.sealed) return this.encodeQuery(text, true);
    const out: string[] = [];
    const lower = text.toLowerCase();
    scanWords(lower, (start, end) => {
      const entry = this.learnComplex(lower.slice(start, end));
      entry.df++;
      out.push(entry.stem);
    });
    return out;
  };

  private encodeQuery(text: string, keepStopwords: boolean): string[] {
    const out: string[] = [];
    scanWords(text, (start, end) => {
      const folded = foldWord(text.slice(start, end));
      if (keepStopwords || !isStopword(folded)) out.push(this.stemOf(folded));
    });
    return out;
  }

  private emit(entry: Entry): void {
    if (entry.stop || entry.seen === this.document) return;
    entry.seen = this.document;
    entry.df++;
    const posting = entry.posting;
    if (posting.last === this.document) return;
    posting.last = this.document;
    posting.ids.push(this.document);
  }

  /** The entry number + 1 of a plain word, learning it if new; negative for a stopword. */
  private lookup(text: string, start: number, end: number, hash: number, hash2: number): number {
    const length = end - start;
    const records = this.records;
    let slot = (hash ^ (hash >>> 15)) & this.mask;
    for (;;) {
      const at = slot * RECORD;
      const id = records[at + 3] as number;
      if (id === 0) break;
      if (records[at] === hash && records[at + 1] === hash2 && records[at + 2] === length) return id;
      slot = (slot + 1) & this.mask;
    }
    const entry = this.makeEntry(text.slice(start, end).toLowerCase());
    this.entries.push(entry);
    const id = entry.stop ? -this.entries.length : this.entries.length;
    const at = slot * RECORD;
    records[at] = hash;
    records[at + 1] = hash2;
    records[at + 2] = length;
    records[at + 3] = id;
    if (this.entries.length * 2 > this.mask + 1) this.grow();
    return id;
  }

  private grow(): void {
    const old = this.records;
    this.records = new Int32Array(old.length * 2);
    this.mask = this.records.length / RECORD - 1;
    for (let at = 0; at < old.length; at += RECORD) {
      if (!old[at + 3]) continue;
      const hash = old[at] as number;
      let slot = (hash ^ (hash >>> 15)) & this.mask;
      while (this.records[slot * RECORD + 3]) slot = (slot + 1) & this.mask;
      this.records.set(old.subarray(at, at + RECORD), slot * RECORD);
    }
  }

  private learnComplex(raw: string): Entry {
    let entry = this.complex.get(raw);
    if (!entry) this.complex.set(raw, (entry = this.makeEntry(raw)));
    return entry;
  }

  private makeEntry(sliced: string): Entry {
    const raw = detached(sliced);
    const folded = foldWord(raw);
    const stem = stemWord(folded);
    let posting = this.postings.get(stem);
    if (!posting) this.postings.set(stem, (posting = { ids: [], last: -1 }));
    return { raw, folded, stem, stop: isStopword(folded), df: 0, seen: -1, posting };
  }

  /** Ends learning: builds the lookups queries use and frees the build-time table. */
  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    const all = [...this.entries, ...this.complex.values()];
    const spellings = new Map<string, Set<string>>();
    for (const entry of all) {
      const known = this.words.get(entry.folded);
      this.words.set(entry.folded, { stem: entry.stem, stop: entry.stop, df: (known?.df ?? 0) + entry.df });
      let forms = spellings.get(entry.stem);
      if (!forms) spellings.set(entry.stem, (forms = new Set()));
      forms.add(entry.raw);
      forms.add(entry.folded);
    }
    this.sorted = [...this.words.keys()].sort();
    for (const [stem, forms] of spellings) this.spellings.set(stem, [...forms]);
    this.records = new Int32Array(0);
    this.entries = [];
    this.complex.clear();
  }

  /**
   * The sealed vocabulary as plain data, for the derived store: every word (in sorted
   * order, with its stem when it differs, stopword flag and frequency) and the
   * spellings of each stem.
   */
  toSnapshot(): VocabularySnapshot {
    if (!this.sealed) throw new Error('only a sealed vocabulary can be saved');
    const words = this.sorted.map((word): SavedWord => {
      const info = this.words.get(word) as WordInfo;
      return [word, info.stem === word ? '' : info.stem, info.stop ? 1 : 0, info.df];
    });
    return { words, spellings: [...this.spellings] };
  }

  /** A sealed vocabulary read back from `toSnapshot()`'s data. */
  static fromSnapshot(stopwords: Iterable<string>, snapshot: VocabularySnapshot): Vocabulary {
    const vocabulary = new Vocabulary(stopwords);
    vocabulary.sealed = true;
    vocabulary.records = new Int32Array(0);
    vocabulary.postings = new Map();
    vocabulary.sorted = snapshot.words.map(([word]) => word);
    for (const [word, stem, stop, df] of snapshot.words) vocabulary.words.set(word, { stem: stem || word, stop: stop === 1, df });
    vocabulary.spellings = new Map(snapshot.spellings);
    return vocabulary;
  }

  /** The stem of a folded word, as the index made it. */
  stemOf(folded: string): string {
    return this.words.get(folded)?.stem ?? stemWord(folded);
  }

  /** True when the index holds the folded word. */
  has(folded: string): boolean {
    return this.words.has(folded);
  }

  /** About how many documents hold the folded word (a guide to how long its lists are), 0 when none. */
  frequency(folded: string): number {
    return this.words.get(folded)?.df ?? 0;
  }

  /** Number of distinct words seen. */
  get wordCount(): number {
    return this.words.size;
  }

  /**
   * Indexed words that start with `prefix` (itself excluded), most common first, at most
   * `max` of them and no more once those taken are held by `budget` documents in all (a
   * prefix as common as "pre" is served by its commonest words); stopwords are never
   * offered as completions.
   */
  completions(prefix: string, max: number, budget = Infinity, accept: (word: string, df: number) => boolean = () => true): string[] {
    const from = lowerBound(this.sorted, prefix);
    const found: { word: string; df: number }[] = [];
    for (let i = from; i < this.sorted.length; i++) {
      const word = this.sorted[i] as string;
      if (!word.startsWith(prefix)) break;
      const info = this.words.get(word);
      if (word !== prefix && info && !info.stop && accept(word, info.df)) found.push({ word, df: info.df });
    }
    found.sort((a, b) => b.df - a.df || (a.word < b.word ? -1 : 1));
    const taken: string[] = [];
    let held = 0;
    for (const { word, df } of found) {
      if (taken.length >= max || (taken.length > 0 && held >= budget)) break;
      taken.push(word);
      held += df;
    }
    return taken;
  }

  /** Indexed words one edit (insert, delete, substitute, swap) from `word`, most common first. */
  neighbours(word: string, max: number): string[] {
    const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const found = new Map<string, number>();
    const consider = (candidate: string) => {
      if (candidate === word || found.has(candidate)) return;
      const info = this.words.get(candidate);
      if (info && !info.stop) found.set(candidate, info.df);
    };
    for (let i = 0; i <= word.length; i++) {
      const head = word.slice(0, i);
      const tail = word.slice(i);
      if (tail) consider(head + tail.slice(1));
      if (tail.length > 1) consider(head + tail[1] + tail[0] + tail.slice(2));
      for (const letter of letters) {
        if (tail) consider(head + letter + tail.slice(1));
        consider(head + letter + tail);
      }
    }
    return [...found]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, max)
      .map(([w]) => w);
  }

  /** How a stem is written in the corpus: raw and folded forms, for finding it in text. */
  spellingsOf(stem: string): readonly string[] {
    return this.spellings.get(stem) ?? [];
  }
}




function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const isWordChar = (c: number): boolean => classOf(c) === CharClass.Word;
const isCjkChar = (c: number): boolean => classOf(c) === CharClass.Cjk;
