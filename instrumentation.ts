/*
 * Runs once when a Next.js server starts (https://nextjs.org/docs/app/guides/instrumentation).
 * Trellis uses it to do the corpus's costly work before the first reader arrives:
 * the graph is read and the search and related-papers indexes built at start-up,
 * not on the first page or search request. The indexes are built a few hundred
 * documents at a time, so the server answers meanwhile; a request that needs one
 * before it is done finishes that build at once (lib/steps.ts).
 * TRELLIS_WARM=0 turns this off (the first request then pays, as in tests that
 * start many servers).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.TRELLIS_WARM === '0') return;
  const [{ getGraph }, { warmSearchIndex }, { warmSimilarityIndex }] = await Promise.all([import('./lib/corpus'), import('./lib/search'), import('./lib/search/similarity')]);
  // After register() returns, so the server starts listening first. (setTimeout, not
  // setImmediate: `next dev` also compiles this file for the Edge runtime, which has no
  // setImmediate, and says so on every request.)
  setTimeout(() => {
    try {
      const started = performance.now();
      const graph = getGraph();
      const read = performance.now();
      warmSearchIndex(graph)
        .then(async (index) => {
          const indexed = performance.now();
          // Related papers (TF-IDF vectors): note and paper pages need them.
          await warmSimilarityIndex(graph);
          console.log(
            `trellis: ${graph.nodes.size.toLocaleString('en')} nodes read in ${Math.round(read - started)} ms; ` +
              `${index.size.toLocaleString('en')} documents indexed for search in ${Math.round(indexed - read)} ms, for related papers in ${Math.round(performance.now() - indexed)} ms`,
          );
        })
        .catch((error: unknown) => console.error('trellis: the indexes could not be built ahead of time:', error));
    } catch (error) {
      // The first request reports it properly (a missing content folder, say); the server stays up.
      console.error('trellis: the corpus could not be read at start-up:', error);
    }
  }, 0);
}
