import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';
import { rawGet } from '../robustness/http';

/*
 * Long lists served a page at a time, by the built app: a tag on every document,
 * a paper every note lists, a kind index past one page. The collection is
 * generated into a temporary folder: 250 papers and 120 notes, all tagged
 * `crowded`, every note listing paper 000.
 */

const PAPERS = 250;
const NOTES = 120;
const pad = (i: number) => String(i).padStart(3, '0');
const PAPER_0 = '/papers/2501.00000/';

let server: RunningServer;
let contentDir: string;

function writeCollection(dir: string): void {
  mkdirSync(join(dir, 'papers'));
  mkdirSync(join(dir, 'notes'));
  for (let i = 0; i < PAPERS; i++) {
    const id = `2501.00${pad(i)}`;
    writeFileSync(join(dir, 'papers', `${id}.md`), `---\nver: rpa2\ntitle: Paper ${pad(i)}\narxiv_id: '${id}'\ntags: [crowded]\n---\n\nSummary ${i}.\n`);
  }
  for (let i = 0; i < NOTES; i++) {
    writeFileSync(join(dir, 'notes', `note-${pad(i)}.md`), `---\ntitle: Note ${pad(i)}\ntags: [crowded]\npapers: [Paper 000]\n---\n\nBody ${i}.\n`);
  }
}

beforeAll(async () => {
  contentDir = mkdtempSync(join(tmpdir(), 'trellis-lists-'));
  writeCollection(contentDir);
  server = await startServer({ contentDir });
});

afterAll(async () => {
  await server?.stop();
  rmSync(contentDir, { recursive: true, force: true });
});

/** Text as a reader sees it: tags and React's comments dropped, spaces collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<!--[\s\S]*?-->|<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** The titles of the node links in a piece of HTML, in order. */
const linkTitles = (html: string) => [...html.matchAll(/<a [^>]*class="node-link[^"]*"[^>]*>([^<]*)<\/a>/g)].map((m) => m[1] as string);

/** The HTML of the page's `<section>` whose heading has this id. */
function section(html: string, id: string): string {
  const start = html.indexOf(`aria-labelledby="${id}"`);
  expect(start, `section ${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

async function page(path: string): Promise<string> {
  const response = await rawGet(server.url, path);
  expect(response.status, path).toBe(200);
  return response.body;
}

/** The text of the pager, and its previous/next addresses. */
function pagerOf(html: string): { text: string; prev?: string; next?: string } {
  const nav = /<nav class="pager"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  const href = (rel: string) => new RegExp(`<a [^>]*href="([^"]*)"[^>]*rel="${rel}"|<a [^>]*rel="${rel}"[^>]*href="([^"]*)"`).exec(nav)?.slice(1).find(Boolean)?.replace(/&amp;/g, '&');
  return { text: textOf(/<span class="pager-position">([\s\S]*?)<\/span>/.exec(nav)?.[1] ?? ''), ...(href('prev') ? { prev: href('prev') } : {}), ...(href('next') ? { next: href('next') } : {}) };
}

const canonicalOf = (html: string) => /<link rel="canonical" href="([^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');

describe('a tag on every document', () => {
  it('shows 100 documents a page, with counts that match the whole list', async () => {
    const first = await page('/tags/crowded/');
    expect(textOf(/<p class="lede">([\s\S]*?)<\/p>/.exec(first)?.[1] ?? '')).toBe('370 documents carry this tag.');
    expect(textOf(/<h2 id="tagged-note">[\s\S]*?<\/h2>/.exec(first)?.[0] ?? '')).toMatch(/^Notes \(120\)/);
    expect(first).not.toContain('id="tagged-paper"');
    expect(linkTitles(section(first, 'tagged-note'))).toEqual(Array.from({ length: 100 }, (_, i) => `Note ${pad(i)}`));
    expect(pagerOf(first)).toEqual({ text: 'Page 1 of 4: documents 1–100 of 370', next: '/tags/crowded/?page=2' });
    expect(canonicalOf(first)).toMatch(/\/tags\/crowded\/$/);
    expect(first).toMatch(/<link rel="next" href="\/tags\/crowded\/\?page=2"/);

    const second = await page('/tags/crowded/?page=2');
    expect(linkTitles(section(second, 'tagged-note'))).toEqual(Array.from({ length: 20 }, (_, i) => `Note ${pad(100 + i)}`));
    expect(textOf(/<h2 id="tagged-paper">[\s\S]*?<\/h2>/.exec(second)?.[0] ?? '')).toMatch(/^Papers \(250\)/);
    expect(linkTitles(section(second, 'tagged-paper'))).toEqual(Array.from({ length: 80 }, (_, i) => `Paper ${pad(i)}`));
    expect(pagerOf(second)).toEqual({ text: 'Page 2 of 4: documents 101–200 of 370', prev: '/tags/crowded/', next: '/tags/crowded/?page=3' });
    expect(canonicalOf(second)).toMatch(/\/tags\/crowded\/\?page=2$/);
  });

  it('lists every document exactly once over its pages', async () => {
    const seen: string[] = [];
    for (let n = 1; n <= 4; n++) {
      const html = await page(n === 1 ? '/tags/crowded/' : `/tags/crowded/?page=${n}`);
      seen.push(...linkTitles(html.slice(html.indexOf('<h1>'), html.indexOf('<nav class="pager"'))));
    }
    expect(seen).toHaveLength(370);
    expect(new Set(seen).size).toBe(370);
    expect(pagerOf(await page('/tags/crowded/?page=4'))).toEqual({ text: 'Page 4 of 4: documents 301–370 of 370', prev: '/tags/crowded/?page=3' });
  });

  it('sends ?page=1 and nonsense to the first page, and a page past the end to the last', async () => {
    const redirects: [string, number, string][] = [
      ['/tags/crowded/?page=1', 308, '/tags/crowded/'],
      ['/tags/crowded/?page=abc', 308, '/tags/crowded/'],
      ['/tags/crowded/?page=0', 308, '/tags/crowded/'],
      ['/tags/crowded/?page=99', 307, '/tags/crowded/?page=4'],
      ['/papers/?page=9', 307, '/papers/?page=3'],
    ];
    for (const [path, status, location] of redirects) {
      const response = await rawGet(server.url, path);
      expect([response.status, response.headers.location], path).toEqual([status, location]);
    }
  });
});

describe('a paper every note lists', () => {
  it('shows the first 50 citing notes and a link to all of them', async () => {
    const html = await page(PAPER_0);
    const citedBy = section(html, 'cited-by');
    expect(textOf(/<h2 id="cited-by">[\s\S]*?<\/h2>/.exec(citedBy)?.[0] ?? '')).toMatch(/^Cited by \(120\)/);
    expect(linkTitles(citedBy)).toEqual(Array.from({ length: 50 }, (_, i) => `Note ${pad(i)}`));
    expect(citedBy).toContain('href="/papers/2501.00000/?list=cited-by"');
    expect(textOf(citedBy)).toContain('Show all 120 citations →');
  });

  it('lists them all, a page at a time, at ?list=cited-by', async () => {
    const first = await page(`${PAPER_0}?list=cited-by`);
    expect(linkTitles(section(first, 'cited-by'))).toEqual(Array.from({ length: 100 }, (_, i) => `Note ${pad(i)}`));
    expect(pagerOf(first)).toEqual({ text: 'Page 1 of 2: citations 1–100 of 120', next: `${PAPER_0}?list=cited-by&page=2` });
    const second = await page(`${PAPER_0}?list=cited-by&page=2`);
    expect(linkTitles(section(second, 'cited-by'))).toEqual(Array.from({ length: 20 }, (_, i) => `Note ${pad(100 + i)}`));
    expect(canonicalOf(second)).toMatch(/\/papers\/2501\.00000\/\?list=cited-by&page=2$/);
    // An unknown list is the paper's own page.
    const unknown = await rawGet(server.url, `${PAPER_0}?list=nonsense`);
    expect([unknown.status, unknown.headers.location]).toEqual([308, PAPER_0]);
  });
});

describe('a kind index past one page', () => {
  it('counts every paper and pages them', async () => {
    const last = await page('/papers/?page=3');
    expect(textOf(/<h1>[\s\S]*?<\/h1>/.exec(last)?.[0] ?? '')).toBe('Papers (250)');
    expect(linkTitles(last.slice(last.indexOf('<ul class="node-list">')))).toEqual(Array.from({ length: 50 }, (_, i) => `Paper ${pad(200 + i)}`));
    expect(pagerOf(last)).toEqual({ text: 'Page 3 of 3: papers 201–250 of 250', prev: '/papers/?page=2' });
  });
});

describe('the sitemap', () => {
  it('is an index at /sitemap.xml naming the one sitemap file, which lists the documents', async () => {
    const index = await page('/sitemap.xml');
    const files = [...index.matchAll(/<sitemap><loc>([^<]*)<\/loc><\/sitemap>/g)].map((m) => new URL(m[1] as string).pathname);
    expect(files).toEqual(['/sitemap/0.xml']);
    const urls = [...(await page('/sitemap/0.xml')).matchAll(/<url><loc>([^<]*)<\/loc><\/url>/g)].map((m) => new URL(m[1] as string).pathname);
    // Home, the five kind indexes (topics among them), every document and every topic's hub (tag pages are left out).
    const topics = ((await (await fetch(`${server.url}/api/graph/?level=topics`)).json()) as { slugs: string[] }).slugs;
    expect(topics.length).toBeGreaterThan(0);
    expect(urls).toHaveLength(1 + 5 + PAPERS + NOTES + topics.length);
    expect(urls).toContain(PAPER_0);
    expect(urls).toEqual(expect.arrayContaining(['/topics/', ...topics.map((slug) => `/topics/${slug}/`)]));
    expect((await rawGet(server.url, '/sitemap/1.xml')).status).toBe(404);
  });
});
