import { ImageResponse } from 'next/og';
import { connection } from 'next/server';
import { getGraph } from '@/lib/corpus';
import type { Graph, NodeKind, TrellisNode } from '@/lib/graph/types';
import { SITE_NAME } from '@/lib/site/config';
import { plainTextLead } from '@/lib/text/plain-text';
import { matchRoute } from '@/lib/site/route';
import { kindEntry, kindLabel } from '@/lib/domain/kinds';
import { kindFacts } from '@/lib/site/kind-facts';

/*
 * The share card of a node: the picture a chat or social site shows next to a
 * shared link. One renderer for every kind; the opengraph-image files of the
 * node routes only name their kind.
 */

/** The size every share site expects (1.91:1). */
export const OG_IMAGE_SIZE = { width: 1200, height: 630 } as const;

const PAGE = '#fbfaf7';
const TEXT = '#23221f';
const MUTED = '#66635b';
const BORDER = '#dedad0';

/** What the card says, separated from how it looks so that it can be tested. */
export interface OgCardContent {
  readonly kind: NodeKind;
  readonly kindLabel: string;
  readonly title: string;
  readonly summary: string;
  /** Counts and identifiers, each a short phrase: "cited by 2 inquiring lines". */
  readonly facts: readonly string[];
  readonly stub: boolean;
  readonly siteName: string;
}

/** The card's facts for a node, as its kind's entry lists them (lib/domain/kinds.ts), in the words its page uses. */
export function ogCardFacts(graph: Graph, node: TrellisNode): string[] {
  return kindFacts(graph, node);
}

/** Everything the card of a node shows. */
export function ogCardContent(graph: Graph, node: TrellisNode): OgCardContent {
  // A stub says what its citers say of it; the badge already says it is not in the collection.
  const summary =
    node.summary ??
    (node.kind === 'paper' ? node.coreContribution : undefined) ??
    node.citations.find((c) => c.summary)?.summary ??
    (node.lead ? plainTextLead(node.lead, 300) : '');
  return {
    kind: node.kind,
    kindLabel: kindLabel(node.kind),
    title: drawable(node.title),
    summary: clip(drawable(summary), 260),
    facts: ogCardFacts(graph, node).map(drawable),
    stub: node.stub,
    siteName: SITE_NAME,
  };
}

/** Text cut at a word boundary to at most `max` characters, with an ellipsis when cut. */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…` : text;
}

/**
 * Code points of the font next/og bundles (Geist Regular), read from its cmap.
 * For any other character the renderer would download a font from Google Fonts
 * at request time; a card must never reach the network, so such characters are
 * folded to a drawable form (é → e) or left out. tests/site/og-card.test.ts
 * checks this list against the bundled font.
 */
export const DRAWABLE_RANGES =
  '20-7e a0-ac ae-113 116-12b 12e-137 139-13e 141-148 14a-14d 150-17e 18f 192 1a0-1a1 1af-1b0 1cd-1ce 1e4-1e9 ' +
  '218-21b 237 259 2b9 2bc 2c6-2c8 2d8-2dd 39b 3a9 3bb-3bc 3c0 3c9 400-45f 462-463 46a-46b 472-475 490-493 ' +
  '496-497 49a-49b 4a2-4a3 4ae-4b3 4b6-4b7 4ba-4bb 4c0 4cf 4d8-4d9 4e2-4e3 4e8-4e9 4ee-4ef e3f 1e20-1e21 ' +
  '1e80-1e85 1e9e 1ea0-1ef9 2013-2014 2018-201a 201c-201e 2020-2022 2026 2030 2032-2033 2039-203a 2044 2070 ' +
  '2074-2079 2080-2089 20aa 20ac 20b1 20b4 20b9 20bd 2116-2117 2122 2153-2155 215b-215e 2190-2199 219d ' +
  '21a9-21aa 21b0-21b1 21b3-21b5 21e4-21e5 21e7 2202 2206 220f 2211-2212 221a 221e 222b 2236 2248 2260 ' +
  '2264-2265 2460-2468 24ea 24ff 25b2-25b3 25b6-25b7 25bc-25bd 25c0-25c1 25ca-25cc 25cf 2639-263a 2776-277e ' +
  '3003 301c a78b-a78c fb01-fb02';

const DRAWABLE = new RegExp(
  `^[${DRAWABLE_RANGES.split(' ')
    .map((range) =>
      range
        .split('-')
        .map((hex) => `\\u{${hex}}`)
        .join('-'),
    )
    .join('')}]$`,
  'u',
);

/** Text with every character the bundled font cannot draw folded or dropped. */
export function drawable(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC').replace(/\s+/g, ' ')) {
    if (DRAWABLE.test(char)) out += char;
    else for (const part of char.normalize('NFKD')) if (DRAWABLE.test(part)) out += part;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** The share card as a PNG. */
export function renderOgCard(card: OgCardContent): ImageResponse {
  // The light theme's colour: a PNG cannot read the page's CSS.
  const colour = kindEntry(card.kind).colour.light;
  const titleSize = card.title.length <= 60 ? 68 : card.title.length <= 110 ? 56 : 46;
  return new ImageResponse(
    (
      <div style={{ display: 'flex', width: '100%', height: '100%', background: PAGE, color: TEXT }}>
        <div style={{ display: 'flex', width: 20, height: '100%', background: colour }} />
        <div style={{ display: 'flex', flexDirection: 'column', flexGrow: 1, padding: '56px 72px 48px 64px' }}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 16, fontSize: 26 }}>
            <div style={{ display: 'flex', padding: '4px 20px', border: `3px solid ${colour}`, borderRadius: 999, color: colour, letterSpacing: 1 }}>
              {card.kindLabel.toUpperCase()}
            </div>
            {card.stub && (
              <div style={{ display: 'flex', padding: '4px 20px', border: `3px dashed ${MUTED}`, borderRadius: 999, color: MUTED }}>
                not in collection
              </div>
            )}
          </div>
          <div style={{ display: 'block', lineClamp: 3, marginTop: 32, fontSize: titleSize, lineHeight: 1.15, letterSpacing: -0.5 }}>
            {card.title}
          </div>
          {card.summary && (
            <div style={{ display: 'block', lineClamp: 3, marginTop: 24, fontSize: 30, lineHeight: 1.35, color: MUTED }}>
              {card.summary}
            </div>
          )}
          <div style={{ display: 'flex', flexGrow: 1 }} />
          <div
            style={{
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'space-between',
              paddingTop: 24,
              borderTop: `2px solid ${BORDER}`,
              fontSize: 26,
              color: MUTED,
            }}
          >
            <div style={{ display: 'flex' }}>{card.facts.join('  ·  ')}</div>
            <div style={{ display: 'flex', alignItems: 'center', gap: 12, fontSize: 32, color: TEXT, letterSpacing: 0.5 }}>
              <div style={{ display: 'flex', width: 18, height: 18, borderRadius: 999, background: colour }} />
              {card.siteName}
            </div>
          </div>
        </div>
      </div>
    ),
    OG_IMAGE_SIZE,
  );
}

/**
 * The share card of the node a route segment names, drawn per request from the
 * content folder the server runs with. Anything else is a plain 404, never an error.
 */
export async function ogImageFor(kind: NodeKind, segment: string): Promise<Response> {
  await connection();
  const graph = getGraph();
  const match = matchRoute(graph, kind, segment);
  if (match.status !== 'found') {
    return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  return renderOgCard(ogCardContent(graph, match.node));
}
