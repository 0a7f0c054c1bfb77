/*
 * Runs once when a Next.js server starts (https://nextjs.org/docs/app/guides/instrumentation).
 * Trellis uses it to do the corpus's costly work before the first reader arrives:
 * the store is brought up to date with the content folder (only changed files are
 * parsed), the graph read from it, and the search and related-papers indexes built,
 * all a few hundred documents at a time, so the server answers meanwhile: a page or
 * search asked before its part is ready gets a 503 saying how far it got (or, on a
 * small collection, finishes the work itself). TRELLIS_WARM=0 turns this off.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.TRELLIS_WARM === '0') return;
  const [{ warmGraph, saveGraphSnapshotOnce }, { warmSearchIndex }, { warmSimilarityIndex }, { warmTopics }, { startMarkdownWorker }, { forcedCollections }] = await Promise.all([
    import('./lib/corpus'),
    import('./lib/search'),
    import('./lib/search/similarity'),
    import('./lib/topics/store'),
    import('./lib/site/markdown-pool'),
    import('./lib/steps'),
  ]);
  // The Markdown worker loads its modules on the other core while the corpus is read.
  startMarkdownWorker();
  // After register() returns, so the server starts listening first. (setTimeout, not
  // setImmediate: `next dev` also compiles this file for the Edge runtime, which has no
  // setImmediate, and says so on every request.)
  setTimeout(() => {
    const started = performance.now();
    warmGraph()
      .then(async (graph) => {
        const read = performance.now();
        const index = await warmSearchIndex(graph);
        const indexed = performance.now();
        // Related papers (TF-IDF vectors): note and paper pages need them.
        await warmSimilarityIndex(graph);
        const collected = forcedCollections();
        console.log(
          `trellis: ${graph.nodes.size.toLocaleString('en')} nodes read in ${Math.round(read - started)} ms; ` +
            `${index.size.toLocaleString('en')} documents indexed for search in ${Math.round(indexed - read)} ms, for related papers in ${Math.round(performance.now() - indexed)} ms` +
            (collected.runs ? ` (garbage collected between steps ${collected.runs} times, ${collected.ms} ms)` : ''),
        );
        // The graph kept for the next start: after the indexes pages and search wait for.
        await saveGraphSnapshotOnce();
        // Topics read the similarity vectors: they come last.
        const topics = performance.now();
        const set = await warmTopics(graph);
        console.log(`trellis: ${set.topics.size.toLocaleString('en')} topics ready in ${Math.round(performance.now() - topics)} ms`);
      })
      // The first request reports it properly (a missing content folder, say); the server stays up.
      .catch((error: unknown) => console.error('trellis: the corpus could not be read at start-up:', error));
  }, 0);
}
