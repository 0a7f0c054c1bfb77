import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { drawable, DRAWABLE_RANGES, ogCardContent, ogCardFacts, renderOgCard } from '../../app/components/og-card';
import { getGraph } from '../../lib/corpus';
import type { Graph, NodeId, TrellisNode } from '../../lib/graph/types';

const fixture = resolve(fileURLToPath(new URL('../fixtures/site', import.meta.url)));

function nodeAt(graph: Graph, id: string): TrellisNode {
  const node = graph.nodes.get(id as NodeId);
  if (!node) throw new Error(`no node at ${id} in the fixture`);
  return node;
}

describe('share card of a node in tests/fixtures/site', () => {
  let graph: Graph;
  beforeAll(() => {
    process.env.TRELLIS_CONTENT_DIR = fixture;
    graph = getGraph();
  });

  it('counts what a note is linked to, in the words of its page', () => {
    expect(ogCardFacts(graph, nodeAt(graph, '/notes/sycophancy-is-not-fixed-by-better-reasoning-training/'))).toEqual([
      'cited by 1 inquiring line',
      '1 related concept',
      '1 paper',
    ]);
  });

  it('counts an inquiring line’s sources and names a paper by arXiv id with the notes citing it', () => {
    expect(ogCardFacts(graph, nodeAt(graph, '/inquiring-lines/why-does-expert-pushback-strengthen-sycophancy/'))).toEqual(['2 sources']);
    expect(ogCardFacts(graph, nodeAt(graph, '/papers/2401.10100/'))).toEqual(['arXiv 2401.10100', 'cited by 1 note']);
  });

  it('shows a stub with what its citers say and marks it as not in the collection', () => {
    expect(ogCardContent(graph, nodeAt(graph, '/notes/does-preference-training-reward-agreement/'))).toEqual({
      kind: 'note',
      kindLabel: 'Note',
      title: 'Does preference training reward agreement?',
      summary: 'Raters prefer answers that agree with them.',
      facts: ['cited by 0 inquiring lines', '0 related concepts', '0 papers'],
      stub: true,
      siteName: 'Trellis',
    });
  });
});

describe('text on a share card', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it.each([
    ['Café über naïve', 'Café über naïve'],
    ['Sycophancy — a “choice”?', 'Sycophancy — a “choice”?'],
    ['Ｆｕｌｌｗｉｄｔｈ ＡＩ', 'Fullwidth AI'],
    ['Models 🤖 that agree', 'Models that agree'],
    ['谄媚 sycophancy', 'sycophancy'],
    ['line\nbreaks\tand  spaces', 'line breaks and spaces'],
  ])('keeps what the bundled font can draw: %j → %j', (text, expected) => {
    expect(drawable(text)).toBe(expected);
  });

  it('draws only characters of the font next/og bundles, so a card never downloads a font', () => {
    const require = createRequire(import.meta.url);
    const font = readFileSync(resolve(require.resolve('next/package.json'), '../dist/compiled/@vercel/og/Geist-Regular.ttf'));
    const covered = cmapOf(font);
    const missing: string[] = [];
    let checked = 0;
    for (const range of DRAWABLE_RANGES.split(' ')) {
      const [from = '', to = from] = range.split('-');
      for (let c = parseInt(from, 16); c <= parseInt(to, 16); c++) {
        checked++;
        if (!covered.has(c)) missing.push(c.toString(16));
      }
    }
    // Printable ASCII at least, so the check covers what titles are made of.
    expect(checked).toBeGreaterThanOrEqual(95);
    expect(missing).toEqual([]);
  });

  it('renders a 1200×630 PNG without touching the network, whatever the title', async () => {
    // The renderer loads its own layout engine from a data: URL; anything else would be the network.
    const realFetch = globalThis.fetch;
    const fetches: string[] = [];
    vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.startsWith('data:')) return realFetch(input, init);
      fetches.push(url);
      throw new Error('no network in a share card');
    });
    const response = renderOgCard({
      kind: 'inquiry',
      kindLabel: 'Inquiring line',
      title: drawable('Why does expert pushback 🤖 strengthen sycophancy — 谄媚 — in models?'),
      summary: drawable('A summary long enough to need clamping. '.repeat(20)),
      facts: ['10 sources'],
      stub: true,
      siteName: 'Trellis',
    });
    const png = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    expect(fetches).toEqual([]);
  });
});

/** Every code point a TrueType font maps to a glyph (cmap formats 4 and 12). */
function cmapOf(font: Buffer): Set<number> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const covered = new Set<number>();
  let cmap = 0;
  for (let i = 0; i < view.getUint16(4); i++) {
    if (font.toString('ascii', 12 + i * 16, 16 + i * 16) === 'cmap') cmap = view.getUint32(12 + i * 16 + 8);
  }
  for (let i = 0; i < view.getUint16(cmap + 2); i++) {
    const table = cmap + view.getUint32(cmap + 8 + i * 8);
    const format = view.getUint16(table);
    if (format === 4) {
      const segments = view.getUint16(table + 6) / 2;
      const ends = table + 14;
      const starts = ends + segments * 2 + 2;
      const deltas = starts + segments * 2;
      const offsets = deltas + segments * 2;
      for (let s = 0; s < segments; s++) {
        const start = view.getUint16(starts + s * 2);
        const end = view.getUint16(ends + s * 2);
        const delta = view.getInt16(deltas + s * 2);
        const offset = view.getUint16(offsets + s * 2);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          const index = offset === 0 ? c : view.getUint16(offsets + s * 2 + offset + (c - start) * 2);
          if (index !== 0 && ((index + (offset === 0 ? 0 : delta)) & 0xffff) !== 0) covered.add(c);
          if (offset === 0 && ((c + delta) & 0xffff) === 0) covered.delete(c);
        }
      }
    } else if (format === 12) {
      for (let g = 0; g < view.getUint32(table + 12); g++) {
        const start = view.getUint32(table + 16 + g * 12);
        const end = view.getUint32(table + 20 + g * 12);
        for (let c = start; c <= end; c++) covered.add(c);
      }
    }
  }
  return covered;
}
