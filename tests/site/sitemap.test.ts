import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Graph, NodeId, NoteNode, Slug, TrellisNode } from '../../lib/graph/types';
import robots from '../../app/robots';
import { GET as sitemapFile } from '../../app/sitemap/[file]/route';
import { GET as sitemapIndex } from '../../app/sitemap.xml/route';
import { sitemapIndexXml } from '../../lib/site/sitemap';

const fixture = resolve(fileURLToPath(new URL('../fixtures/site', import.meta.url)));

// connection() only works inside a Next.js request; here every call is a request.
vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  connection: async () => {},
}));

// The real getGraph() unless a test hands in a graph of its own.
const corpus = vi.hoisted(() => ({ graph: undefined as Graph | undefined }));
vi.mock('../../lib/corpus', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lib/corpus')>();
  return { ...actual, getGraph: () => corpus.graph ?? actual.getGraph() };
});

/** The file URLs /sitemap.xml names, read back from its XML, and its root element. */
async function indexOf(): Promise<{ root: string | undefined; files: string[] }> {
  const response = await sitemapIndex();
  expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
  const xml = await response.text();
  return { root: /<(\w+) xmlns=/.exec(xml)?.[1], files: [...xml.matchAll(/<sitemap><loc>([^<]*)<\/loc><\/sitemap>/g)].map((m) => m[1] as string) };
}

/** The URLs of sitemap file `name` (`0.xml`), read back from its XML; undefined for a 404. */
async function urlsOf(name: string): Promise<string[] | undefined> {
  const response = await sitemapFile(new Request('http://x/'), { params: Promise.resolve({ file: name }) });
  if (response.status === 404) return undefined;
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
  const xml = await response.text();
  expect(xml).toMatch(/<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/);
  return [...xml.matchAll(/<url><loc>([^<]*)<\/loc><\/url>/g)].map((m) => m[1] as string);
}

/** A graph of `notes` notes and as many stubs, with no edges: all the sitemap reads. */
function syntheticGraph(notes: number): Graph {
  const nodes = new Map<NodeId, TrellisNode>();
  for (let i = 0; i < notes; i++) {
    for (const stub of [false, true]) {
      const slug = `${stub ? 'cited' : 'note'}-${String(i).padStart(6, '0')}` as Slug;
      const url = `/notes/${slug}/` as NodeId;
      const node: NoteNode = { kind: 'note', id: url, url, slug, title: slug, stub, lead: '', hasBody: false, aliases: [], tags: [], citations: [], extra: {}, categories: [] };
      nodes.set(url, node);
    }
  }
  return { bodies: { read: () => '' }, nodes, edges: [], outgoing: new Map(), incoming: new Map(), names: new Map(), diagnostics: [], fileCount: notes };
}

describe('sitemap and robots.txt of tests/fixtures/site', () => {
  beforeAll(() => {
    process.env.TRELLIS_CONTENT_DIR = fixture;
    process.env.TRELLIS_SITE_URL = 'https://trellis.example/';
  });

  it('list home, the kind indexes, every document in the collection and every topic hub, and no stub', async () => {
    expect(await urlsOf('0.xml')).toEqual([
      'https://trellis.example/',
      'https://trellis.example/notes/',
      'https://trellis.example/inquiring-lines/',
      'https://trellis.example/papers/',
      'https://trellis.example/tags/',
      'https://trellis.example/topics/',
      'https://trellis.example/inquiring-lines/why-does-expert-pushback-strengthen-sycophancy/',
      'https://trellis.example/notes/is-sycophancy-a-choice-or-a-mechanical-process/',
      'https://trellis.example/notes/sycophancy-is-not-fixed-by-better-reasoning-training/',
      'https://trellis.example/papers/2401.10100/',
      'https://trellis.example/topics/better-reasoning-logical-fallacies/',
      'https://trellis.example/topics/claimed-expertise-give-way/',
      'https://trellis.example/topics/competing-explanations-mechanical-process/',
    ]);
  });

  it('let every crawler read everything and name the sitemap index, which names the one sitemap file', async () => {
    expect(await robots()).toEqual({
      rules: { userAgent: '*', allow: '/' },
      sitemap: 'https://trellis.example/sitemap.xml',
    });
    expect(await indexOf()).toEqual({ root: 'sitemapindex', files: ['https://trellis.example/sitemap/0.xml'] });
  });
});

describe('sitemap of a collection too big for one file', () => {
  afterEach(() => {
    corpus.graph = undefined;
  });

  it('splits into files of at most 50,000 URLs that together list every document once', async () => {
    process.env.TRELLIS_SITE_URL = 'https://trellis.example/';
    corpus.graph = syntheticGraph(60_000);

    const first = (await urlsOf('0.xml')) ?? [];
    const second = (await urlsOf('1.xml')) ?? [];
    expect(first).toHaveLength(50_000);
    expect(first.slice(0, 2)).toEqual(['https://trellis.example/', 'https://trellis.example/notes/']);
    expect(second.at(-1)).toBe('https://trellis.example/notes/note-059999/');
    const all = [...first, ...second];
    // Home and the five kind indexes; no topic hub while a collection this large has its topics still to compute.
    expect(new Set(all).size).toBe(60_000 + 6);
    expect(all.some((url) => url.includes('/topics/') && !url.endsWith('/topics/'))).toBe(false);
    expect(all.some((url) => url.includes('/cited-'))).toBe(false);

    expect(await indexOf()).toEqual({ root: 'sitemapindex', files: ['https://trellis.example/sitemap/0.xml', 'https://trellis.example/sitemap/1.xml'] });
    expect((await robots()).sitemap).toBe('https://trellis.example/sitemap.xml');
    // A file past the last, or a name that is no file's, is a 404.
    for (const name of ['2.xml', '01.xml', '-1.xml', '0', 'x.xml']) expect(await urlsOf(name), name).toBeUndefined();
  });
});

describe('sitemapIndexXml', () => {
  it('escapes what XML would misread in a URL', () => {
    expect(sitemapIndexXml(['https://x.example/a?b=1&c=<2>'])).toContain('<sitemap><loc>https://x.example/a?b=1&amp;c=&lt;2&gt;</loc></sitemap>');
  });
});
