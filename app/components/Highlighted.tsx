import { splitHighlights } from '@/lib/search/highlight';

/** Text with the given spans marked (<mark>): search hits in titles and snippets, never HTML. */
export function Highlighted({ text, spans }: { text: string; spans: readonly (readonly [number, number])[] }) {
  return (
    <>
      {splitHighlights(text, spans).map((piece, n) => (piece.marked ? <mark key={n}>{piece.text}</mark> : piece.text))}
    </>
  );
}
