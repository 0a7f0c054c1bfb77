import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../../lib/corpus';
import type { Graph, TrellisNode } from '../../lib/graph/types';
import { launchBrowser, waitForSettled } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';
import { badCorpusDir, copyBadCorpus, type CorpusCopy } from '../robustness/bad-corpus';

/*
 * Every page of tests/fixtures/bad-corpus/ that carries hostile Markdown or
 * frontmatter (script and style tags, event handlers, javascript: and data: URLs,
 * SVG and MathML, attribute break-outs, entities, base/meta/form/object tags, CSS,
 * link titles, autolinks, reference links, comments, RTL overrides), opened in
 * Chromium: nothing runs, nothing is fetched from elsewhere, and what the author
 * wrote is shown as text.
 */

let copy: CorpusCopy;
let server: RunningServer;
let browser: Browser;
let graph: Graph;

beforeAll(async () => {
  copy = copyBadCorpus();
  graph = readCorpus(copy.dir);
  server = await startServer({ contentDir: copy.dir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  copy?.remove();
});

/** Text that is markup, a script URL or a direction override when it is not shown as text. */
const HOSTILE_TEXT = /[<>"]|javascript:|data:|&[#a-z]|\u202e/i;

function isHostile(node: TrellisNode): boolean {
  if (node.file?.includes('hostile-')) return true;
  return [node.title, node.summary ?? '', ...node.aliases, ...node.citations.map((c) => `${c.title} ${c.summary ?? ''}`)].some((text) => HOSTILE_TEXT.test(text));
}

/** The node `id` of the copy the server reads; a test about a node that is not there fails. */
function nodeOf(id: string): TrellisNode {
  const node = graph.nodes.get(id as TrellisNode['id']);
  if (!node) throw new Error(`the bad corpus has no node ${id}`);
  return node;
}

/** The hostile nodes, read from the committed fixture: the tables of describe.each are made before beforeAll runs, and the copy only adds files that are not hostile. */
function hostileNodes(): TrellisNode[] {
  return [...readCorpus(badCorpusDir).nodes.values()].filter(isHostile);
}

/** Pages that list hostile titles without being a node's own page. */
const LISTINGS = ['/', '/notes/', '/inquiring-lines/', '/papers/', '/tags/', '/graph/'];

interface Visit {
  readonly page: Page;
  readonly dialogs: string[];
  /** Requests to any origin but the server's own. */
  readonly outbound: string[];
  /** CSP violations: markup that got past the sanitiser and was only stopped by the policy. */
  readonly violations: () => Promise<string[]>;
}

/** Opens a page with every dialog, outbound request and CSP violation recorded. */
async function visit(path: string, expectedStatus = 200): Promise<Visit> {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  const outbound: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${server.url}/`) && !/^(data|blob):/.test(url)) outbound.push(url);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBe(expectedStatus);
  return { page, dialogs, outbound, violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations) };
}

/**
 * Hovers, focuses and clicks every element of the page's main content, the way a
 * reader might; inline handlers a sanitiser missed would run now. Links are not
 * clicked: the site's own links navigate in the page, and where they lead is
 * checked from their addresses instead. Says how many elements it poked, and
 * fails on a page whose main content is (nearly) empty: there would be nothing to test.
 * Returns once the page has handled what the pokes set off (`waitForSettled`).
 */
async function poke(page: Page): Promise<void> {
  const poked = await page.evaluate(() => {
    document.addEventListener('submit', (e) => e.preventDefault(), true);
    const elements = Array.from(document.querySelectorAll('main *'));
    for (const el of elements) {
      const inLink = el.closest('a') !== null;
      for (const type of ['mouseover', 'mouseenter', 'focus', 'animationstart', 'toggle', 'load', 'error', ...(inLink ? [] : ['click'])]) {
        el.dispatchEvent(new Event(type, { bubbles: true }));
      }
    }
    return elements.length;
  });
  expect(poked, `elements poked in <main> of ${page.url()}`).toBeGreaterThanOrEqual(3);
  await waitForSettled(page);
}

/**
 * What a sanitiser must have removed, found in the live DOM: in the rendered
 * Markdown (.prose) any active or foreign element and any style; anywhere in the
 * page's content, event handlers, script URLs and names that clobber globals.
 */
function findDangerousMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const main = document.querySelector('main');
    if (!main) return ['no main element'];
    const active = 'script, style, iframe, frame, frameset, object, embed, applet, base, meta, link, form, input:not([type="checkbox"]), button, select, textarea, portal, svg, math, video, audio';
    for (const el of Array.from(main.querySelectorAll(`.prose :is(${active}), main :is(script, iframe, object, embed, base, meta, portal)`))) {
      found.push(`<${el.tagName.toLowerCase()}>`);
    }
    for (const el of Array.from(main.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on') || name === 'srcdoc' || name === 'formaction') found.push(`${name} on <${el.tagName.toLowerCase()}>`);
        if (name === 'style' && el.closest('.prose')) found.push(`style on <${el.tagName.toLowerCase()}>`);
        if (['href', 'src', 'action', 'xlink:href', 'poster', 'data', 'srcset', 'background'].includes(name) && /^\s*(javascript|vbscript|data):/i.test(attr.value)) {
          found.push(`${name}="${attr.value.slice(0, 40)}" on <${el.tagName.toLowerCase()}>`);
        }
        // Named access on window: an element called __pwned would "set" the sentinel.
        if ((name === 'id' || name === 'name') && /^__/.test(attr.value)) found.push(`${name}="${attr.value}" clobbers window`);
      }
    }
    for (const el of Array.from(document.querySelectorAll('head base, head meta[http-equiv]'))) found.push(`<${el.tagName.toLowerCase()}> in head`);
    return found;
  });
}

async function sentinels(page: Page): Promise<unknown[]> {
  return page.evaluate(() => [(window as unknown as { __pwned?: unknown }).__pwned, (window as unknown as { __trellisPwned?: unknown }).__trellisPwned]);
}

describe('the fixture holds what the test needs', () => {
  it('has hostile notes, an inquiring line, papers, stubs and tags with hostile titles', () => {
    const kinds = new Set(hostileNodes().map((n) => (n.stub ? `${n.kind} stub` : n.kind)));
    expect([...kinds].sort()).toEqual(['inquiry', 'inquiry stub', 'note', 'note stub', 'paper', 'paper stub', 'tag']);
    expect(hostileNodes().length).toBeGreaterThanOrEqual(25);
  });
});

describe.each(hostileNodes().map((n) => [n.url, n.id] as const))('%s', (url, id) => {
  it('runs no script, fetches nothing from elsewhere, and keeps no dangerous markup', async () => {
    const { page, dialogs, outbound, violations } = await visit(url);
    await poke(page);
    expect(await sentinels(page)).toEqual([undefined, undefined]);
    expect(dialogs).toEqual([]);
    expect(outbound).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(await findDangerousMarkup(page)).toEqual([]);
    expect(page.url()).toBe(`${server.url}${url}`);
    await page.close();
  });

  it('shows the title as written, as text', async () => {
    const title = nodeOf(id).title.replace(/\s+/g, ' ').trim();
    expect(title).not.toBe('');
    const { page } = await visit(url);
    const heading = await page.getByRole('heading', { level: 1 }).innerText();
    expect(heading.replace(/\s+/g, ' ').trim()).toContain(title);
    await page.close();
  });

  it('answers its share card, preview and neighbourhood as an image and JSON', async () => {
    const node = nodeOf(id);
    if (node.kind !== 'tag') {
      const card = await fetch(`${server.url}${url}opengraph-image`);
      expect(card.status).toBe(200);
      expect(card.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await card.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    }
    for (const api of [`/api/preview/?id=${encodeURIComponent(id)}`, `/api/neighbourhood/?id=${encodeURIComponent(id)}`]) {
      const response = await fetch(`${server.url}${api}`);
      expect(response.status, api).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      const body = (await response.json()) as { title?: string; nodes?: { id: string; title: string }[] };
      const title = body.title ?? body.nodes?.find((n) => n.id === id)?.title;
      // JSON carries the title as data, exactly as written: escaping is the page's job.
      expect(title, api).toBe(node.title);
    }
  });
});

describe('pages that list hostile titles', () => {
  it.each(LISTINGS)('%s runs no script and fetches nothing from elsewhere', async (path) => {
    const { page, dialogs, outbound, violations } = await visit(path);
    await poke(page);
    expect(await sentinels(page)).toEqual([undefined, undefined]);
    expect(dialogs).toEqual([]);
    expect(outbound).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(await findDangerousMarkup(page)).toEqual([]);
    await page.close();
  });

  it('shows a hostile address on the 404 page as text', async () => {
    const path = `/notes/${encodeURIComponent('"><img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>')}/`;
    const { page, dialogs, outbound, violations } = await visit(path, 404);
    await poke(page);
    expect(await sentinels(page)).toEqual([undefined, undefined]);
    expect(dialogs).toEqual([]);
    expect(outbound).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(await findDangerousMarkup(page)).toEqual([]);
    await page.close();
  });

  it('answers a hostile search as JSON, never as a page', async () => {
    const q = '<script>window.__pwned=1</script> onerror';
    const response = await fetch(`${server.url}/api/search/?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    // The query comes back as data, as typed, and is searched as words: the hostile notes that hold them are found.
    const body = (await response.json()) as { query: string; results: { id: string }[] };
    expect(body.query).toBe(q);
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.map((r) => r.id)).toEqual(expect.arrayContaining([expect.stringMatching(/^\/(notes|inquiring-lines|papers)\//)]));
  });
});

describe('what the gray-matter and js-yaml engines could run', () => {
  it('ran nothing while the server read the corpus: its pages show the files as text', async () => {
    // yaml-js-engine.md opens with `---js`, which gray-matter would eval; Trellis reads it as body.
    const { page } = await visit('/notes/yaml-js-engine/');
    await expect(page.locator('main').innerText()).resolves.toContain("globalThis.__trellisPwned = 'gray-matter-js-engine'");
    await page.close();
    // The safe loader refused !!js/function, so yaml-unsafe-tag.md loaded without its frontmatter.
    const tagged = await visit('/notes/yaml-unsafe-tag/');
    await expect(tagged.page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('yaml-unsafe-tag');
    await tagged.page.close();
  });
});
