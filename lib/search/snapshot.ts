import { createHash } from 'node:crypto';
import { collectIfGrown } from '../steps';
import type { DerivedPart, DocumentNode, Graph } from '../graph/types';
import { createFieldIndex, SEARCH_FIELDS, searchableNodes, type IndexedCorpus } from './fields';
import { STOPWORDS } from '../text/stopwords';
import { Vocabulary, type VocabularySnapshot } from './vocabulary';

/*
 * The search index as the derived store keeps it, so that a restart on unchanged
 * content reads it back in a few seconds instead of indexing every body again:
 *
 *   meta         format, the documents' ids (a hash), their count
 *   vocabulary   every word with its stem and frequency, the spellings of each stem (JSON)
 *   body:stems   the body field's stems (JSON), and body:ids:N their posting lists as
 *                32-bit integers, each list ended by -1, a million to a part: most of the
 *                index, in 4 bytes a posting rather than as JSON text
 *   field:…      flexsearch's own export of the short fields (title, summary…)
 *
 * The store keys all of it by the content's fingerprint; the ids hash also ties it to
 * the order the graph lists its documents in.
 */

/** The name the search index is saved under. */
export const SEARCH_SNAPSHOT = 'search';
/** Bump when what is saved changes shape: an older snapshot is then built anew. */
const FORMAT = 2;

interface Meta {
  readonly format: number;
  readonly ids: string;
  readonly count: number;
}

const idsHash = (nodes: readonly DocumentNode[]): string => {
  const hash = createHash('sha1');
  for (const node of nodes) hash.update(`${node.id}\n`);
  return hash.digest('hex');
};

const BODY = `body.${SEARCH_FIELDS.indexOf('body')}.map`;

/** Postings written per part: parts are made one at a time as they are saved, so saving never holds a copy of the whole body index. */
const IDS_PER_PART = 1 << 20;

/**
 * The parts of an indexed corpus, made one at a time as the store saves them.
 * `bodyPostings` are the body field's lists as imported.
 */
export function* snapshotParts(corpus: IndexedCorpus, bodyPostings: readonly [string, number[][]][]): Generator<DerivedPart> {
  const meta: Meta = { format: FORMAT, ids: idsHash(corpus.nodes), count: corpus.nodes.length };
  yield ['meta', JSON.stringify(meta)];
  yield ['vocabulary', JSON.stringify(corpus.vocabulary.toSnapshot())];
  yield ['body:stems', JSON.stringify(bodyPostings.map(([stem]) => stem))];
  let chunk = new Int32Array(IDS_PER_PART);
  let used = 0;
  let part = 0;
  const flush = function* (): Generator<DerivedPart> {
    yield [`body:ids:${String(part++).padStart(6, '0')}`, new Uint8Array(chunk.buffer, 0, used * 4)];
    chunk = new Int32Array(IDS_PER_PART);
    used = 0;
  };
  for (const [, [ids = []]] of bodyPostings) {
    for (let k = 0; k <= ids.length; k++) {
      if (used === IDS_PER_PART) yield* flush();
      chunk[used++] = k < ids.length ? (ids[k] as number) : -1;
    }
  }
  if (used) yield* flush();
  const fields: DerivedPart[] = [];
  exportShortFields(corpus.index, (key, data) => {
    fields.push([`field:${key}`, data]);
    collectIfGrown();
  });
  yield* fields;
}

/** flexsearch's export entry point, as its code has it (the typings say less; flexsearch 0.8, serialize.js). */
type ExportFn = (write: (key: string, data: string) => void, field?: string | null, indexDoc?: number, indexObj?: number) => unknown;

/**
 * The parts flexsearch's export writes for the index, the body field's left out (the
 * body's lists are saved above, as columns of ids). The Document's own export would
 * turn the body field into JSON too and hand it over to be thrown away: 400 MB of
 * strings and 2 s at 100,000 documents. So each other field's index is exported on
 * its own, then the document's register, as that export does after its fields. The
 * keys are the same ("title.1.map", "1.reg"). flexsearch's export is synchronous when
 * the callback returns nothing.
 */
export function exportShortFields(index: IndexedCorpus['index'], write: (key: string, data: string) => void): void {
  const perField = (index as unknown as { index?: Map<string, { export: ExportFn }> }).index;
  if (!(perField instanceof Map)) {
    // Not the layout this was written for: the whole export, the body's parts skipped.
    (index.export as ExportFn)((key, data) => {
      if (!key.startsWith('body.')) write(key, data);
    });
    return;
  }
  SEARCH_FIELDS.forEach((field, n) => {
    // From its second object ("cfg", then "map", "ctx"), as Document's export asks.
    if (field !== 'body') perField.get(field)?.export(write, field, n, 1);
  });
  (index.export as ExportFn)(write, null, SEARCH_FIELDS.length);
}

/**
 * Reads an indexed corpus back from its parts, a part at a time; undefined when the
 * parts are of another format or of another list of documents (the caller indexes anew).
 */
export function* restoreSteps(graph: Graph, parts: readonly DerivedPart[]): Generator<void, IndexedCorpus | undefined> {
  const byKey = new Map(parts);
  const text = (key: string): string | undefined => {
    const data = byKey.get(key);
    return typeof data === 'string' ? data : undefined;
  };
  const meta = JSON.parse(text('meta') ?? 'null') as Meta | null;
  const nodes = searchableNodes(graph);
  if (!meta || meta.format !== FORMAT || meta.count !== nodes.length || meta.ids !== idsHash(nodes)) return undefined;
  yield;
  const vocabulary = Vocabulary.fromSnapshot(STOPWORDS, JSON.parse(text('vocabulary') ?? '{"words":[],"spellings":[]}') as VocabularySnapshot);
  yield;
  const index = createFieldIndex(vocabulary);
  for (const [key, data] of parts) {
    if (!key.startsWith('field:') || typeof data !== 'string') continue;
    (index.import as (key: string, data: unknown) => void)(key.slice('field:'.length), data);
    yield;
  }
  const stems = JSON.parse(text('body:stems') ?? '[]') as string[];
  yield;
  const chunks = parts.filter(([key, data]) => key.startsWith('body:ids:') && data instanceof Uint8Array).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const flat = new Int32Array(chunks.reduce((n, [, data]) => n + data.length / 4, 0));
  let filled = 0;
  for (const [, data] of chunks) {
    const bytes = data as Uint8Array;
    flat.set(new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)), filled);
    filled += bytes.byteLength / 4;
  }
  if (stems.length && !flat.length) return undefined;
  yield;
  yield;
  const postings: [string, number[][]][] = [];
  let from = 0;
  // A step per million document ids made into arrays: a few common stems hold most of them.
  let sinceStep = 0;
  for (const stem of stems) {
    let end = from;
    while (flat[end] !== -1 && end < flat.length) end++;
    postings.push([stem, [Array.from(flat.subarray(from, end))]]);
    sinceStep += end - from + 1;
    from = end + 1;
    if (sinceStep >= 1_000_000) {
      sinceStep = 0;
      yield;
    }
  }
  yield;
  (index.import as (key: string, data: unknown) => void)(BODY, postings);
  yield;
  return { index, vocabulary, nodes };
}
