import Link from 'next/link';
import { connection } from 'next/server';
import { StubMark } from '@/app/components/KindBadge';
import { NodeLink } from '@/app/components/NodeLink';
import { getGraph } from '@/lib/corpus';
import { countByKind, incomingEdges, nodesOfKind, outgoingEdges } from '@/lib/graph/queries';
import type { DocumentKind, Graph, NodeKind, TrellisNode } from '@/lib/graph/types';
import { countOf, kindEntries, listDocumentKinds, routeOf } from '@/lib/domain/kinds';

/** How many entry points of each sort the home page offers. */
const LIMITS = { inquiries: 20, notes: 10, papers: 10, tags: 30 };

/** Ranked once per graph and edge kind: the home page must not sort 50,000 papers per request. */
const ranked = new WeakMap<Graph, Map<string, { node: TrellisNode; count: number }[]>>();

/** The most-cited nodes of a kind by one incoming edge kind, ties by title. */
function mostCited(graph: Graph, nodes: TrellisNode[], edge: 'source' | 'related-paper' | 'tag', limit: number) {
  let perGraph = ranked.get(graph);
  if (!perGraph) ranked.set(graph, (perGraph = new Map()));
  const key = `${nodes[0]?.kind ?? ''}:${edge}:${limit}`;
  let top = perGraph.get(key);
  if (!top) {
    top = nodes
      .map((node) => ({ node, count: incomingEdges(graph, node.id, edge).length }))
      .filter((n) => n.count > 0)
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
            {node.stub && <StubMark />}
            <p className="place">{place}</p>
            {summary && <p>{summary}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default async function HomePage() {
  // The content folder is chosen at start-up (TRELLIS_CONTENT_DIR), so this page
  // renders per request and a build never freezes one folder's graph into it.
  await connection();
  const graph = getGraph();
  const counts = countByKind(graph);
  const inquiries = nodesOfKind(graph, 'inquiry').filter((n) => !n.stub).slice(0, LIMITS.inquiries);
  const notes = mostCited(graph, nodesOfKind(graph, 'note'), 'source', LIMITS.notes);
  const papers = mostCited(graph, nodesOfKind(graph, 'paper'), 'related-paper', LIMITS.papers);
  const tags = mostCited(graph, nodesOfKind(graph, 'tag'), 'tag', LIMITS.tags);
  const documents = listDocumentKinds().reduce((n, kind) => n + counts[kind].files, 0);
  const stubs = listDocumentKinds().reduce((n, kind) => n + counts[kind].stubs, 0);
  const folders = kindEntries().flatMap((e) => (e.folder === undefined ? [] : [e.folder]));

  return (
    <>
      <h1>The collection</h1>
      <p className="lede">
        {documents} documents, and {stubs} more they cite that are not in the collection, joined by {graph.edges.length} links.
      </p>

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
          {kindEntries().map(({ kind, folder, label: { many } }) => (
            <li key={kind} data-kind={kind}>
              <span className="swatch" aria-hidden="true" />
              <Link href={`/${routeOf(kind)}/`} prefetch={false}>
                {many}
              </Link>{' '}
              {/* A kind without a content folder is made by the graph: tags. */}
              {folder === undefined ? (
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
      <EntrySection kind="note" title="Most-cited notes" entries={notes.map(({ node, count }) => ({ node, place: `cited by ${countOf(count, 'inquiry')}` }))} />
      <EntrySection kind="paper" title="Most-cited papers" entries={papers.map(({ node, count }) => ({ node, place: `listed by ${countOf(count, 'note')}` }))} />

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
