/*
 * Text and the spans to mark in it, as pieces to render: pages and the palette map
 * each piece to a text node or a <mark>, never to HTML. No imports, so that client
 * components can use it without pulling the index in.
 */

export interface HighlightPiece {
  readonly text: string;
  readonly marked: boolean;
}

/**
 * Cuts `text` at the edges of `spans` (`[start, end)`, UTF-16 offsets). Spans out of
 * range, overlapping or out of order are clipped or skipped, never trusted.
 */
export function splitHighlights(text: string, spans: readonly (readonly [number, number])[]): HighlightPiece[] {
  const pieces: HighlightPiece[] = [];
  let at = 0;
  for (const [rawStart, rawEnd] of spans) {
    const start = Math.max(at, Math.min(text.length, Math.floor(rawStart)));
    const end = Math.min(text.length, Math.floor(rawEnd));
    if (!(end > start)) continue;
    if (start > at) pieces.push({ text: text.slice(at, start), marked: false });
    pieces.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marked: false });
  return pieces;
}
