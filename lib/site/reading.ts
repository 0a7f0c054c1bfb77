/*
 * Facts a reader checks before reading: how long a body takes, and where a
 * document that is not in the collection can be found.
 */

/** Words a minute an adult reads an essay at: the usual figure reading-time estimates use. */
const WORDS_PER_MINUTE = 230;

/** Minutes a rendered body takes to read, at least 1; 0 for no words. */
export function readingMinutes(html: string): number {
  const text = html.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
  const words = text.split(/\s+/).filter((w) => /\w/.test(w)).length;
  return words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/** Where a document the collection only cites can be read: its arXiv abstract, else a search for its title. */
export interface WayOut {
  readonly href: string;
  readonly text: string;
}

/** An arXiv id of the new (2401.10100, with an optional version) or old (hep-th/9901001) scheme. */
const ARXIV_ID = /^(\d{4}\.\d{4,5}(v\d+)?|[a-z-]+(\.[A-Z]{2})?\/\d{7}(v\d+)?)$/;

/** Ways out for a stub: the arXiv abstract page of its id, a search of arXiv and of the web for its title. */
export function waysOut(stub: { readonly title: string; readonly arxivId?: string | undefined }): WayOut[] {
  const out: WayOut[] = [];
  if (stub.arxivId && ARXIV_ID.test(stub.arxivId)) out.push({ href: `https://arxiv.org/abs/${stub.arxivId}`, text: `arXiv ${stub.arxivId}, its abstract page` });
  const title = encodeURIComponent(stub.title);
  out.push({ href: `https://arxiv.org/search/?query=${title}&searchtype=title`, text: 'Search arXiv for this title' });
  out.push({ href: `https://scholar.google.com/scholar?q=${title}`, text: 'Search Google Scholar for this title' });
  return out;
}

/** A title cut at the last word that fits `max` characters, with an ellipsis; whole when it fits. */
export function shortenAtWord(title: string, max: number): string {
  if (title.length <= max) return title;
  const cut = title.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
