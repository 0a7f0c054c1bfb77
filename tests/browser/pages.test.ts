import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import matter from 'gray-matter';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSiteText } from '../../lib/content/site-text';
import { launchBrowser, schemeOf, screenshot, waitForSettled } from '../helpers/browser';
import { SEED_COUNT, SEED_PAGES, SEEDS } from '../helpers/seeds';
import { startServer, type RunningServer } from '../helpers/server';
import { seedInputs } from '../import/seed-inputs';

/*
 * The reading pages of the seed corpus (content/), as a reader sees them in Chromium.
 */

const NOTE = SEEDS.note000.id;
const LINE_002 = SEEDS.line002.id;
const PAPER = SEEDS.paper003.id;
const STUB = '/notes/is-llm-sycophancy-a-choice-or-a-mechanical-process/';
const TAG = '/tags/sycophancy/';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startServer({ contentDir: 'content' });
  browser = await launchBrowser();
  context = await browser.newContext();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(path: string, ctx: BrowserContext = context): Promise<Page> {
  const page = await ctx.newPage();
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBe(200);
  return page;
}

/** The texts of the links in a page section, found by its heading. */
async function linksIn(page: Page, heading: RegExp): Promise<string[]> {
  return page.getByRole('region', { name: heading }).getByRole('listitem').locator('a').allInnerTexts();
}

const normalise = (s: string) => s.replace(/[*`]/g, '').replace(/\s+/g, ' ').trim();

describe('seed 000, a note', () => {
  it('lists its 38 inquiring lines, 3 related concepts with labels, 8 papers and its original title', async () => {
    const page = await open(NOTE);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(SEEDS.note000.title);

    const lines = await linksIn(page, /^Inquiring lines that use this note as a source/);
    expect(lines).toHaveLength(38);
    expect(lines).toContain('Why does expert pushback strengthen rather than weaken model sycophancy?');
    await expect(page.getByRole('heading', { name: /Inquiring lines that use this note as a source \(38\)/ }).count()).resolves.toBe(1);

    const related = page.getByRole('region', { name: /^Related concepts/ });
    await expect(related.getByRole('heading', { level: 2 }).innerText()).resolves.toMatch(/Related concepts\s*\(3\)/);
    const items = await related.locator('.entry-list > li').allInnerTexts();
    expect(items.map(normalise)).toEqual([
      expect.stringMatching(/^Is LLM sycophancy a choice or a mechanical process\? the broader frame this prescription-failure follows from Two competing/),
      expect.stringMatching(/^Why do LLMs accept logical fallacies more than humans\? the empirical evidence that grounds the prescription failure/),
      expect.stringMatching(/^Does transformer attention architecture inherently favor repeated content\? the mechanism that explains why reasoning training/),
    ]);

    const papers = await linksIn(page, /^Related papers/);
    expect(papers).toHaveLength(8);
    expect(papers[0]).toBe('How susceptible are LLMs to Logical Fallacies?');
    expect(papers[7]).toBe('Eliciting Reasoning in Language Models with Cognitive Tools');

    await expect(page.getByRole('region', { name: 'Original note title' }).innerText()).resolves.toContain(
      'sycophancy cannot be fixed by better reasoning training because there is no reasoning to improve',
    );
    await page.close();
  });
});

describe('seed 002, an inquiring line', () => {
  it('lists its 10 sources in order, and links each inline citation to the source it cites', async () => {
    const page = await open(LINE_002);
    const sources = page.getByRole('region', { name: /^Sources/ });
    await expect(sources.getByRole('heading', { level: 2 }).innerText()).resolves.toMatch(/Sources\s*\(10\)/);
    const links = sources.locator('ol.sources > li > a');
    const titles = await links.allInnerTexts();
    expect(titles).toEqual([
      'Is sycophancy in AI systems a training flaw or intentional design?',
      'Why do language models agree with false claims they know are wrong?',
      'Can models abandon correct beliefs under conversational pressure?',
      'Can language models distinguish expert arguments from common assumptions?',
      'Does validating AI output make models more defensive?',
      'Do LLMs persuade users more often than humans do?',
      'Can better reasoning training actually reduce model sycophancy?',
      'Why do models hide what users want them to say?',
      'Does model confidence predict robustness to prompt changes?',
      'Can models reliably improve themselves without external feedback?',
    ]);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toHaveLength(10);
    expect(hrefs[6]).toBe(NOTE);
    for (const [i, href] of hrefs.entries()) {
      // The essay cites the source where it uses it, with a link to the same page.
      const inline = page.locator(`.prose a[href="${href}"]`);
      await expect(inline.count(), titles[i]).resolves.toBe(1);
      await expect(inline.innerText()).resolves.toBe(titles[i]);
    }
    await page.close();
  });
});

describe('every sentence of each seed', () => {
  it('has a page for each of the five seeds', () => {
    expect(seedInputs()).toHaveLength(SEED_COUNT);
    expect(seedInputs().map((s) => SEED_PAGES.get(s.name))).not.toContain(undefined);
  });

  it.each(seedInputs().map((s) => [s.name, s.text] as const))('%s appears on its page', async (name, text) => {
    const path = SEED_PAGES.get(name);
    if (!path) throw new Error(`tests/helpers/seeds.ts names no page for ${name}`);
    const page = await open(path);
    const shown = normalise(await page.locator('main').innerText());
    const { data, content } = matter(text, {});
    const expected: string[] = [];
    // A paper's frontmatter: every value but the format version is shown.
    for (const [field, value] of Object.entries(data)) if (field !== 'ver') expected.push(...[value].flat().map(String));
    for (const raw of content.split('\n')) {
      const line = raw
        .trim()
        .replace(/^(#+|-|\d+\.)\s+/, '')
        .trim();
      if (!line || line === '-' || /^(INQUIRING LINE|Original note title|Next inquiring lines)$/.test(line)) continue;
      // Count lines become the section headings' counts, checked above.
      if (/^(Sources \d+ notes|Inquiring lines that use this note as a source \d+|Related (concepts|papers) in this collection \d+)$/.test(line)) continue;
      if (isSiteText(line)) expected.push(line);
      else expected.push(...line.split(/(?<=[.?!])\s+(?=\S)/));
    }
    const missing = expected.map(normalise).filter((sentence) => !shown.includes(sentence));
    // Each seed has a title and a body of several sentences: the check checks something.
    expect(expected.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
    await page.close();
  });
});

describe('following the graph', () => {
  it('goes note → inquiring line → source → back', async () => {
    const page = await open(NOTE);
    await page.getByRole('region', { name: /^Inquiring lines that use/ }).getByRole('link', { name: 'Why does expert pushback strengthen rather than weaken model sycophancy?' }).click();
    await page.waitForURL(`${server.url}${LINE_002}`);
    await page.getByRole('region', { name: /^Sources/ }).getByRole('link', { name: 'Does validating AI output make models more defensive?' }).click();
    await page.waitForURL(/\/notes\/does-validating-ai-output-make-models-more-defensive\/$/);
    await expect(page.getByText('Not in the collection', { exact: true }).count()).resolves.toBe(1);
    await page.goBack();
    await page.waitForURL(`${server.url}${LINE_002}`);
    await page.getByRole('region', { name: /^Sources/ }).getByRole('link', { name: 'Can better reasoning training actually reduce model sycophancy?' }).click();
    await page.waitForURL(`${server.url}${NOTE}`);
    await page.close();
  });

  it('a stub page says it is not in the collection and shows who cites it and what they say', async () => {
    const page = await open(STUB);
    const notice = page.getByRole('region', { name: 'Not in the collection' });
    await expect(notice.getByRole('link').allInnerTexts()).resolves.toEqual(['Can better reasoning training actually reduce model sycophancy?']);
    await expect(notice.innerText()).resolves.toContain('the broader frame this prescription-failure follows from');
    await page.close();
  });

  it('a tag page lists what carries the tag', async () => {
    const page = await open(TAG);
    await expect(page.getByRole('region', { name: /^Papers/ }).getByRole('listitem').getByRole('link').allInnerTexts()).resolves.toEqual(['Sycophancy in Large Language Models: Causes and Mitigations']);
    await page.close();
  });

  it('a paper links its arXiv id to its source and its tags to their pages', async () => {
    const page = await open(PAPER);
    const arxivId = PAPER.split('/')[2] ?? '';
    await expect(page.getByRole('link', { name: arxivId, exact: true }).getAttribute('href')).resolves.toBe(`https://arxiv.org/abs/${arxivId}`);
    await expect(page.getByRole('link', { name: '#sycophancy' }).getAttribute('href')).resolves.toBe(TAG);
    await expect(page.getByRole('navigation', { name: 'Contents' }).getByRole('link').first().innerText()).resolves.toBe('Quick Facts');
    await page.close();
  });
});

describe('addresses', () => {
  const status = async (path: string) => {
    const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
    return [response.status, response.headers.get('location')?.replace(server.url, '') ?? null];
  };

  it('redirects other spellings of a URL to the canonical one', async () => {
    expect(await status(NOTE.toUpperCase().replace('/NOTES/', '/notes/'))).toEqual([308, NOTE]);
    expect(await status('/Notes/x/')).toEqual([308, '/notes/x/']);
    expect(await status(NOTE.slice(0, -1))).toEqual([308, NOTE]);
  });

  it('answers an unknown slug with a real 404 that suggests the closest titles', async () => {
    const page = await context.newPage();
    const response = await page.goto(`${server.url}/notes/expert-pushback-sycophancy/`);
    expect(response?.status()).toBe(404);
    const suggestions = page.getByRole('region', { name: 'Perhaps you meant' });
    await expect(suggestions.getByRole('link').first().getAttribute('href')).resolves.toBe(LINE_002);
    await expect(page.getByRole('searchbox').inputValue()).resolves.toBe('expert pushback sycophancy');
    await page.close();
  });

  it('sends that 404 as HTML a reader without JavaScript can read, for every kind of node page', async () => {
    for (const path of ['/notes/expert-pushback-sycophancy/', '/inquiring-lines/no-such-line/', '/papers/9999.99999/', '/tags/no-such-tag/']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      // What a browser shows before any script runs.
      const html = (await response.text()).replace(/<script[\s\S]*?<\/script>/g, '');
      expect(html, path).toMatch(/<h1[^>]*>Not found<\/h1>/);
      expect(html, path).toContain('Nothing in the collection lives at this address.');
      expect(html, path).toMatch(/<form[^>]*action="\/search\/?"/);
    }
    const near = (await (await fetch(`${server.url}/notes/expert-pushback-sycophancy/`)).text()).replace(/<script[\s\S]*?<\/script>/g, '');
    expect(near).toContain('Perhaps you meant');
    expect(near).toContain(`href="${LINE_002}"`);
  });

  it.each(['/notes/..%2F..%2Fetc%2Fpasswd/', '/notes/%2e%2e%2fpackage.json/', '/papers/%00/', `/notes/${'a'.repeat(5000)}/`, '/tags/%E0%A4%A/'])(
    '%s is a 404 or 400, never a 500 and never a file',
    async (path) => {
      const response = await fetch(`${server.url}${path}`);
      expect([400, 404]).toContain(response.status);
      expect(await response.text()).not.toMatch(/root:|"name": "trellis"/);
    },
  );
});

describe('safety', () => {
  it('renders hostile Markdown and frontmatter inert', async () => {
    const hostile = await startServer({ contentDir: 'tests/fixtures/hostile' });
    const page = await browser.newPage();
    const dialogs: string[] = [];
    const outbound: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(hostile.url) && !r.url().startsWith('data:')) outbound.push(r.url());
    });
    try {
      const response = await page.goto(`${hostile.url}/notes/scriptwindow-pwned-1-script-hostile-note/`);
      expect(response?.status()).toBe(200);
      await page.getByText('hover or click me').hover();
      await page.getByText('hover or click me').click();
      await page.getByText('an html javascript link').click();
      await page.getByText('a markdown javascript link').click();
      await page.getByText('an entity-split javascript link').click();
      await waitForSettled(page);
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(outbound).toEqual([]);
      // The title is text, shown as written, not markup.
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('<script>window.__pwned = 1</script> Hostile note');
      await expect(page.locator('main script, main iframe, main [onclick], main [onerror]').count()).resolves.toBe(0);
    } finally {
      await page.close();
      await hostile.stop();
    }
  });
});

describe('accessibility and look', () => {
  /** Each kind of page, and the heading a reader sees on it. */
  const kinds: [string, string, string | RegExp][] = [
    ['home', '/', 'The collection'],
    ['note', NOTE, SEEDS.note000.title],
    ['inquiring-line', LINE_002, SEEDS.line002.title],
    ['paper', PAPER, SEEDS.paper003.title],
    ['stub', STUB, 'Is LLM sycophancy a choice or a mechanical process?'],
    ['tag', TAG, '#sycophancy'],
    ['notes-index', '/notes/', /^Notes\s+\(\d+\)$/],
  ];
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

  it.each(kinds)('axe-core finds no serious or critical violations on the %s page', async (_, path) => {
    // axe is injected as a script of the test's own; the site's CSP would refuse it.
    const ctx = await browser.newContext({ bypassCSP: true });
    const page = await open(path, ctx);
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
      const result = await axe.run(document);
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    await ctx.close();
  });

  it.each(kinds.flatMap(([name, path, heading]) => (['light', 'dark'] as const).map((scheme) => [name, path, scheme, heading] as const)))(
    'shows the %s page (%s) in %s colours, and saves a screenshot of it',
    async (name, path, colorScheme, heading) => {
      const ctx = await browser.newContext({ colorScheme, viewport: { width: 1024, height: 900 } });
      const page = await open(path, ctx);
      const h1 = page.getByRole('heading', { level: 1 });
      expect(await h1.isVisible()).toBe(true);
      const shown = (await h1.innerText()).trim();
      if (heading instanceof RegExp) expect(shown).toMatch(heading);
      else expect(shown).toBe(heading);
      expect(await schemeOf(page)).toBe(colorScheme);
      const saved = await screenshot(page, `page-${name}-${colorScheme}`);
      expect(readFileSync(saved).subarray(1, 4).toString()).toBe('PNG');
      await ctx.close();
    },
  );

  it('reads on a 360 px wide phone without sideways scrolling', async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await open(LINE_002, ctx);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'page-inquiring-line-phone');
    await ctx.close();
  });
});
