/**
 * Sentences the corpus site prints around a document's own text: section intros
 * and interaction help. They are the site's template, not the document, so the
 * importer does not copy them into content/; the pages print them where the site
 * does, so every sentence of a page export still reaches its page.
 */
export const SITE_TEXT = {
  noteInquiriesIntro:
    'This note is a source for these synthesized inquiries. Follow a line forward into its question, or open it to trace back to all of its sources.',
  noteMapIntro: 'This note in its neighbourhood — explore the map, then jump to a related concept in the list below.',
  mapHelp: 'Click a node to walk · click center to open · click Open in graph to see this note in the full knowledge graph',
  notePapersIntro: 'Papers most semantically related to this note, ranked by cosine similarity in the embedding space.',
} as const;

const TEMPLATE_LINES: ReadonlySet<string> = new Set(Object.values(SITE_TEXT));

/** True for a line of the site's template rather than of the document. */
export function isSiteText(line: string): boolean {
  return TEMPLATE_LINES.has(line.trim());
}
