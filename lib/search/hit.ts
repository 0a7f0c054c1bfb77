import { bodyOf } from '../graph/body';
import type { DocumentNode } from '../graph/types';
import { toPlainText } from '../text/plain-text';
import { fieldTexts, SEARCH_FIELDS, type SearchField } from './fields';
import type { Matcher } from './matcher';
import { describePlace } from './place';
import type { Ranked, RankingData } from './rank';
import { highlightWords, leadSnippet, cutSnippet, type Snippet } from './snippet';
import type { SearchHit } from './types';

/*
 * A ranked document as a result: title highlights, the snippet of the field that says
 * most about the hit, and the document's place in the graph.
 */

/** Where a snippet is cut from, first choice first: the text that says most about the document. */
const SNIPPET_FIELDS: readonly Exclude<SearchField, 'title'>[] = ['originalTitle', 'summary', 'body', 'aliases', 'tags'];

type FieldSnippet = Snippet & { field: SearchField };

/**
 * The snippet of a result. The title is shown anyway. The snippet comes from the field
 * found to hold the phrase, else the field holding most of the words, else the first of
 * SNIPPET_FIELDS with a hit; with no hit outside the title, the opening of what the
 * document says, if anything.
 */
function snippetOf(data: RankingData, entry: Ranked, fieldScores: readonly number[], matcher: Matcher): FieldSnippet {
  const node = data.corpus.nodes[entry.i] as DocumentNode;
  const text = fieldTexts(node);
  const candidates = SNIPPET_FIELDS.map((field, order) => {
    const f = SEARCH_FIELDS.indexOf(field);
    return { field, order, coverage: (fieldScores[f] as number) / (data.weights[f] as number), phrase: f === entry.phraseField };
  })
    .filter((c) => c.coverage > 0)
    .sort((a, b) => Number(b.phrase) - Number(a.phrase) || b.coverage - a.coverage || a.order - b.order);
  for (const { field } of candidates) {
    const found = field === 'body' ? matcher.bodySnippet(bodyOf(data.graph, node)) : cutSnippet(text[field], matcher.isHit);
    if (found) return { field, ...found };
  }
  const lead = text.summary || (node.lead ? toPlainText(node.lead) : '');
  return { field: text.summary || !node.lead ? 'summary' : 'body', ...leadSnippet(lead, matcher.isHit) };
}

/** Results of one index: places are counted on first show and kept (a hub's edges are many, and its place never changes). */
export function createHits(data: RankingData): (entry: Ranked, fieldScores: readonly number[], matcher: Matcher) => SearchHit {
  const places = new Map<number, string>();
  const placeOf = (i: number): string => {
    let place = places.get(i);
    if (place === undefined) places.set(i, (place = describePlace(data.graph, data.corpus.nodes[i] as DocumentNode)));
    return place;
  };
  return (entry, fieldScores, matcher) => {
    const node = data.corpus.nodes[entry.i] as DocumentNode;
    return {
      id: node.id,
      url: node.url,
      kind: node.kind,
      title: node.title,
      stub: node.stub,
      score: Math.round(entry.score * 100) / 100,
      field: SEARCH_FIELDS[fieldScores.indexOf(Math.max(...fieldScores))] as SearchField,
      titleHighlights: highlightWords(node.title, matcher.isHit),
      snippet: snippetOf(data, entry, fieldScores, matcher),
      place: placeOf(entry.i),
    };
  };
}
