import Link from 'next/link';
import { connection } from 'next/server';
import { NodeLink } from '@/app/components/NodeLink';
import { getGraph } from '@/lib/corpus';
import { countByKind, incomingEdges, nodesOfKind } from '@/lib/graph/queries';
import type { DocumentKind, Graph, NodeKind, TrellisNode } from '@/lib/graph/types';
import { countOf, inReadingOrder, kindEntries, kindEntry, listDocumentKinds, routeOf } from '@/lib/domain/kinds';
import { countLinked, countPhrase, rankingFact } from '@/lib/site/kind-facts';
import { getTopics, topicsAvailability } from '@/lib/topics/store';

/** How many tags and cited stubs the home page offers; each kind's own list says its length in the registry. */
const LIMITS = { stubs: 10, tags: 30 };

type Ranked = { node: TrellisNode; count: number; place: string };

/** Ranked once per graph and list: the home page must not sort 50,000 papers per request. */
const ranked = new WeakMap<Graph, Map<string, Ranked[]>>();

function once(graph: Graph, key: string, rank: () => Ranked[]): Ranked[] {
  let perGraph = ranked.get(graph);
  if (!perGraph) ranked.set(graph, (perGraph = new Map()));
  let list = perGraph.get(key);
  if (!list) perGraph.set(key, (list = rank()));
  return list;
}

/**
 * A kind's list on the home page, as its registry entry asks (`home`): its documents in
 * the collection's order, or the most cited first by its first counted fact, ties by
 * title, each with that fact in words. `stubs` ranks what it cites but does not hold.
 */
function homeList(graph: Graph, kind: string, stubs: boolean): Ranked[] {
  const home = kindEntry(kind).home;
  const fact = rankingFact(kind);
  if (!home) return [];
  return once(graph, `${kind}:${stubs}`, () => {
    const nodes = nodesOfKind(graph, kind as NodeKind).filter((n) => n.stub === stubs);
    const counted = (node: TrellisNode): Ranked => {
      // A stub is ranked by the documents that cite it, whatever the link: that is all it has.
      if (stubs) {
        const n = new Set(node.citations.map((c) => c.by)).size;
        return { node, count: n, place: `cited by ${n.toLocaleString('en')} ${n === 1 ? 'document' : 'documents'}` };
      }
      const n = fact ? countLinked(graph, node, fact) : 0;
      return { node, count: n, place: fact ? countPhrase(fact, n, true) : '' };
    };
    if (home.order === 'reading' && !stubs) return nodes.slice(0, home.limit).map(counted);
    return nodes
      .map(counted)
      .filter((r) => !stubs || r.count > 0)
      .sort((a, b) => b.count - a.count || a.node.title.localeCompare(b.node.title))
      .slice(0, stubs ? LIMITS.stubs : home.limit);
  });
}

/** The tags most documents carry. */
function topTags(graph: Graph): Ranked[] {
  return once(graph, 'tags', () =>
    nodesOfKind(graph, 'tag')
      .map((node) => ({ node, count: incomingEdges(graph, node.id, 'tag').length, place: '' }))
      .filter((r) => r.count > 0)
      .sort((a, b) => b.count - a.count || a.node.title.localeCompare(b.node.title))
      .slice(0, LIMITS.tags),
  );
}

/** A list of ways in, in one kind's colour, each with its place in the graph. */
function EntrySection({ kind, title, entries }: { kind: NodeKind; title: string; entries: { node: TrellisNode; place: string; summary?: string }[] }) {
  if (entries.length === 0) return null;
  const id = `entry-${kind}`;
  return (
    <section aria-labelledby={id} data-kind={kind}>
      <h2 id={id}>
        <span className="swatch" aria-hidden="true" />
        {title} <span className="count">({entries.length})</span>
      </h2>
      <ul className="entry-list">
        {entries.map(({ node, place, summary }) => (
          <li key={node.id}>
            <NodeLink node={node} />
            <p className="place">{place}</p>
            {summary && <p>{summary}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "5 documents: 1 note, 2 inquiring lines and 2 papers. They cite 62 more that it does not hold." */
function holdingsSentence(documents: number, stubs: number, counts: ReturnType<typeof countByKind>): string {
  if (documents === 0) return 'The collection is empty.';
  const parts = listDocumentKinds()
    .filter((k) => counts[k].files > 0)
    .map((k) => countOf(counts[k].files, k));
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
  const held = `${documents.toLocaleString('en')} document${documents === 1 ? '' : 's'}: ${list}.`;
  return stubs ? `${held} They cite ${stubs.toLocaleString('en')} more that the collection does not hold.` : held;
}

export default async function HomePage() {
  // The content folder is chosen at start-up (TRELLIS_CONTENT_DIR), so this page
  // renders per request and a build never freezes one folder's graph into it.
  await connection();
  const graph = getGraph();
  const counts = countByKind(graph);
  // The collection first: its own documents; what it only cites comes after, apart.
  const listed = inReadingOrder(kindEntries().filter((e) => e.home));
  const cited = listed.flatMap((e) => homeList(graph, e.kind, true));
  const tags = topTags(graph);
  const documents = listDocumentKinds().reduce((n, kind) => n + counts[kind].files, 0);
  const stubs = listDocumentKinds().reduce((n, kind) => n + counts[kind].stubs, 0);
  const folders = kindEntries().flatMap((e) => (e.folder === undefined ? [] : [e.folder]));
  // Topics are computed, not read: a large collection's may still be on their way.
  const topics = topicsAvailability(graph);
  const topicCount = topics.busy ? `still indexing (${topics.percent}%)` : String(getTopics(graph).topics.size);

  return (
    <>
      <h1>The collection</h1>
      <p className="lede">{holdingsSentence(documents, stubs, counts)}</p>

      <form action="/search" method="get" role="search" className="search-form">
        <label htmlFor="home-search">Search the collection</label>
        <div className="search-row">
          <input id="home-search" name="q" type="search" placeholder="persuasion bombing, LOGICOM, face-saving…" />
          <button type="submit">Search</button>
        </div>
      </form>

      {documents === 0 && (
        <p className="empty">
          The content folder holds no documents yet. Add Markdown files under{' '}
          {folders.map((folder, i) => (
            <span key={folder}>
              {i === 0 ? '' : i === folders.length - 1 ? ' or ' : ', '}
              <code>{folder}/</code>
            </span>
          ))}
          , as docs/content-format.md describes.
        </p>
      )}

      <section aria-labelledby="holdings">
        <h2 id="holdings">What it holds</h2>
        <ul className="holdings">
          {kindEntries().map(({ kind, folder, computed, label: { many } }) => (
            <li key={kind} data-kind={kind}>
              <span className="swatch" aria-hidden="true" />
              <Link href={`/${routeOf(kind)}/`} prefetch={false}>
                {many}
              </Link>{' '}
              {/* A kind without a content folder is made by the graph (tags) or computed over it (topics). */}
              {computed ? (
                <span className="count">{topicCount}</span>
              ) : folder === undefined ? (
                <span className="count">{counts.tags}</span>
              ) : (
                <span className="count">
                  {counts[kind as DocumentKind].files} in the collection, {counts[kind as DocumentKind].stubs} cited
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>

      {listed.map((entry) => (
        <EntrySection
          key={entry.kind}
          kind={entry.kind as NodeKind}
          title={entry.label.many}
          entries={homeList(graph, entry.kind, false).map(({ node, place }) => ({ node, place, summary: node.summary }))}
        />
      ))}

      {cited.length > 0 && (
        <section aria-labelledby="cited-elsewhere" className="cited-elsewhere">
          <h2 id="cited-elsewhere">Cited, but not in the collection</h2>
          <p className="section-intro">What the collection’s documents cite most among the documents it does not hold.</p>
          <ul className="entry-list">
            {cited.map(({ node, place }) => (
              <li key={node.id}>
                <NodeLink node={node} />
                <p className="place">{place}</p>
              </li>
            ))}
          </ul>
        </section>
      )}

      {tags.length > 0 && (
        <section aria-labelledby="entry-tags" data-kind="tag">
          <h2 id="entry-tags">
            <span className="swatch" aria-hidden="true" />
            Tags <span className="count">({tags.length})</span>
          </h2>
          <ul className="tag-cloud">
            {tags.map(({ node, count }) => (
              <li key={node.id}>
                <NodeLink node={node}>#{node.title}</NodeLink> <span className="count">{count}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
