import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { NodeLink } from '@/app/components/NodeLink';
import { getGraph } from '@/lib/corpus';
import type { NodeId } from '@/lib/graph/types';
import { closestNodes } from '@/lib/site/route';

export const metadata: Metadata = { title: 'Not found', robots: { index: false } };

/** The path decoded, or as it came when it is not valid percent-encoding (closestNodes only uses its letters). */
function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The last meaningful words of a path: what the reader was probably looking for. */
function wordsOf(path: string): string {
  return decoded(path).split('/').filter(Boolean).slice(-1)[0]?.replace(/[-_]+/g, ' ') ?? '';
}

export default async function NotFound() {
  const path = (await headers()).get('x-trellis-path') ?? '';
  const graph = getGraph();
  // Next renders this page with every page (the fallback of the layout's boundary), where
  // it is never shown: a path that names a node needs no suggestions.
  const suggestions = path && !graph.nodes.has(decoded(path) as NodeId) ? closestNodes(graph, wordsOf(path)) : [];
  return (
    <>
      <h1>Not found</h1>
      <p>Nothing in the collection lives at this address.</p>
      {suggestions.length > 0 && (
        <section aria-labelledby="suggestions">
          <h2 id="suggestions">Perhaps you meant</h2>
          <ul className="link-list">
            {suggestions.map((node) => (
              <li key={node.id}>
                <NodeLink node={node} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <form action="/search" method="get" role="search" className="search-form">
        <label htmlFor="notfound-search">Search the collection</label>
        <div className="search-row">
          <input id="notfound-search" name="q" type="search" defaultValue={wordsOf(path)} />
          <button type="submit">Search</button>
        </div>
      </form>
      <p>
        <Link href="/">Back to the collection</Link>
      </p>
    </>
  );
}
