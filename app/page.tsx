import Link from 'next/link';
import { connection } from 'next/server';
import { NodeLink } from '@/app/components/NodeLink';
import { getGraph } from '@/lib/corpus';
import { countByKind, incomingEdges, nodesOfKind, outgoingEdges } from '@/lib/graph/queries';
import type { DocumentKind, Graph, NodeKind, TrellisNode } from '@/lib/graph/types';
import { countOf, kindEntries, listDocumentKinds, routeOf } from '@/lib/domain/kinds';
import { getTopics, topicsAvailability } from '@/lib/topics/store';

/** How many entry points of each sort the home page offers. */
const LIMITS = { inquiries: 20, notes: 10, papers: 10, stubs: 10, tags: 30 };

/** Ranked once per graph and edge kind: the home page must not sort 50,000 papers per request. */
const ranked = new WeakMap<Graph, Map<string, { node: TrellisNode; count: number }[]>>();

/**
 * The most-cited nodes of a kind by one incoming edge kind, ties by title. `key` names
 * the selection of `nodes` for the cache; `uncited` keeps nodes nothing cites yet.
 */
function mostCited(graph: Graph, key: string, nodes: TrellisNode[], edge: 'source' | 'related-paper' | 'tag', limit: number, uncited = false) {
  let perGraph = ranked.get(graph);
  if (!perGraph) ranked.set(graph, (perGraph = new Map()));
  let top = perGraph.get(key);
  if (!top) {
    top = nodes
      .map((node) => ({ node, count: incomingEdges(graph, node.id, edge).length }))
      .filter((n) => uncited || n.count > 0)
      .sort((a, b) => b.count - a.count || a.node.title.localeCompare(b.node.title))
      .slice(0, limit);
    perGraph.set(key, top);
  }
  return top;
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
  const inquiries = nodesOfKind(graph, 'inquiry').filter((n) => !n.stub).slice(0, LIMITS.inquiries);
  const notes = mostCited(graph, 'notes', nodesOfKind(graph, 'note').filter((n) => !n.stub), 'source', LIMITS.notes, true);
  const papers = mostCited(graph, 'papers', nodesOfKind(graph, 'paper').filter((n) => !n.stub), 'related-paper', LIMITS.papers, true);
  const citedNotes = mostCited(graph, 'stub-notes', nodesOfKind(graph, 'note').filter((n) => n.stub), 'source', LIMITS.stubs);
  const citedPapers = mostCited(graph, 'stub-papers', nodesOfKind(graph, 'paper').filter((n) => n.stub), 'related-paper', LIMITS.stubs);
  const tags = mostCited(graph, 'tags', nodesOfKind(graph, 'tag'), 'tag', LIMITS.tags);
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

      <EntrySection
        kind="inquiry"
        title="Inquiring lines"
        entries={inquiries.map((node) => ({
          node,
          place: `${countOf(outgoingEdges(graph, node.id, 'source').length, 'note')} as sources`,
          summary: node.summary,
        }))}
      />
      <EntrySection kind="note" title="Notes" entries={notes.map(({ node, count }) => ({ node, place: count ? `a source of ${countOf(count, 'inquiry')}` : 'no inquiring line uses it yet', summary: node.summary }))} />
      <EntrySection kind="paper" title="Papers" entries={papers.map(({ node, count }) => ({ node, place: count ? `listed by ${countOf(count, 'note')}` : 'no note lists it yet', summary: node.summary }))} />

      {citedNotes.length + citedPapers.length > 0 && (
        <section aria-labelledby="cited-elsewhere" className="cited-elsewhere">
          <h2 id="cited-elsewhere">Cited, but not in the collection</h2>
          <p className="section-intro">What the collection’s documents cite most among the documents it does not hold.</p>
          <ul className="entry-list">
            {[...citedNotes.map((c) => ({ ...c, place: `a source of ${countOf(c.count, 'inquiry')}` })), ...citedPapers.map((c) => ({ ...c, place: `listed by ${countOf(c.count, 'note')}` }))].map(({ node, place }) => (
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
