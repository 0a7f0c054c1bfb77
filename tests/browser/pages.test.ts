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
    // All three are stubs: each title carries the one stub mark.
    expect(items.map(normalise)).toEqual([
      expect.stringMatching(/^Is LLM sycophancy a choice or a mechanical process\? not in collection the broader frame this prescription-failure follows from Two competing/),
      expect.stringMatching(/^Why do LLMs accept logical fallacies more than humans\? not in collection the empirical evidence that grounds the prescription failure/),
      expect.stringMatching(/^Does transformer attention architecture inherently favor repeated content\? not in collection the mechanism that explains why reasoning training/),
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
    await expect(notice.locator('.citations').getByRole('link').allInnerTexts()).resolves.toEqual(['Can better reasoning training actually reduce model sycophancy?']);
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

describe('reading', () => {
  /** The hrefs of the node links in the page's sections (the essay apart), repeats kept. */
  const sectionLinks = (page: Page) => page.locator('.reading-main section a.node-link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const repeats = (hrefs: string[]) => hrefs.filter((h, i) => hrefs.indexOf(h) !== i);

  it.each([NOTE, LINE_002, SEEDS.line001.id, PAPER])('%s lists each node once, and the keyboard passes each link once', async (path) => {
    const page = await open(path);
    expect(repeats(await sectionLinks(page))).toEqual([]);
    // Every link and control the Tab key stops at, outside the essay, is a different one.
    const stops = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('a[href], button, select, input, summary, [tabindex="0"]'))
        .filter((e) => !e.closest('.prose') && e.offsetParent !== null && !(e as HTMLButtonElement).disabled)
        .map((e) => `${e.tagName} ${e.getAttribute('href') ?? e.textContent?.trim() ?? ''}`),
    );
    expect(repeats(stops.filter((s) => s.startsWith('A /') && !s.includes('#')))).toEqual([]);
    await page.close();
  });

  it('opens with a skip link that takes the keyboard to the text', async () => {
    const page = await open(NOTE);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('content');
    await page.close();
  });

  it('shows an inquiring line’s essay, then its numbered sources, then the rest; the graph beside the text on a wide screen, after the lists on a phone', async () => {
    const wide = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await open(LINE_002, wide);
    const order = await page.locator('main h1, main .prose, main h2').evaluateAll((els) => els.map((e) => (e.classList.contains('prose') ? 'essay' : (e.textContent ?? '').replace(/\s*\(\d+\)|#$/g, '').trim())));
    expect(order.slice(0, 4)).toEqual([SEEDS.line002.title, 'essay', 'Sources', 'Next inquiring lines']);
    expect(order.at(-1)).toBe('In the graph');
    const text = await page.locator('.reading-main').boundingBox();
    const side = await page.locator('.reading-side').boundingBox();
    expect(side && text && side.x >= text.x + text.width).toBe(true);
    // Beside the text: on the first screen.
    expect(side?.y ?? Infinity).toBeLessThan(900);
    // About 60 to 75 characters to a line of the essay.
    const perLine = await page.locator('.prose p').first().evaluate((p) => {
      const style = getComputedStyle(p);
      const context = document.createElement('canvas').getContext('2d');
      if (!context) return 0;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const sample = p.textContent ?? '';
      return Math.round(p.clientWidth / (context.measureText(sample).width / sample.length));
    });
    expect(perLine).toBeGreaterThanOrEqual(60);
    expect(perLine).toBeLessThanOrEqual(75);
    // The text is in the reading font, served by the site itself.
    await expect(page.evaluate(() => document.fonts.ready.then((fonts) => [...fonts].some((f) => f.status === 'loaded' && /Source Serif|reading/i.test(f.family))))).resolves.toBe(true);
    await wide.close();

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const small = await open(LINE_002, phone);
    const lastList = await small.getByRole('region', { name: /^Next inquiring lines/ }).boundingBox();
    const graph = await small.locator('.reading-side').boundingBox();
    expect((graph?.y ?? 0) > (lastList?.y ?? Infinity)).toBe(true);
    // A touch screen gets no keyboard shortcut hint.
    await expect(small.locator('header.site-header').innerText()).resolves.not.toMatch(/Ctrl|⌘/);
    await phone.close();
  });

  it('gives every stub page, whatever its kind, who cites it, what they say, a way out, and a graph that moves nothing', async () => {
    const around = (await (await fetch(`${server.url}/api/neighbourhood/?id=${encodeURIComponent(NOTE)}`)).json()) as { nodes: { id: string; kind: string; stub: boolean }[] };
    const stubs = ['note', 'inquiry', 'paper'].map((kind) => around.nodes.find((n) => n.stub && n.kind === kind)?.id);
    expect(stubs).not.toContain(undefined);
    for (const path of stubs as string[]) {
      const page = await open(path);
      await page.evaluate(() => {
        (window as { __shift?: number }).__shift = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) (window as { __shift?: number }).__shift! += (e as unknown as { value: number }).value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await expect(page.locator('.badge.stub-mark').first().innerText(), path).resolves.toBe('not in collection');
      const notice = page.getByRole('region', { name: 'Not in the collection' });
      await expect(notice.locator('.citations a.node-link').count(), path).resolves.toBeGreaterThan(0);
      // What they say of it, where they say something, is the notice's, as the note stub's test above checks.
      const out = await notice.locator('.ways-out a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      // A paper known by its arXiv id links to its abstract; anything else, to a search for its title.
      expect(out[0], path).toMatch(/^\/papers\/\d{4}\.\d{4,5}/.test(path) ? /^https:\/\/arxiv\.org\/abs\// : /^https:\/\/arxiv\.org\/search\/\?query=/);
      // The lists are the notice's: no "Cited by" section repeating it.
      expect(repeats(await page.locator('main a.node-link').evaluateAll((as) => as.filter((a) => !a.closest('.neighbourhood')).map((a) => a.getAttribute('href') ?? ''))), path).toEqual([]);
      await page.locator('.neighbourhood').scrollIntoViewIfNeeded();
      await page.getByRole('button', { name: 'Explore the graph' }).click();
      await page.waitForSelector('.neighbourhood-canvas[data-graph-state="ready"]', { timeout: 30_000 });
      await expect(page.evaluate(() => (window as { __shift?: number }).__shift), path).resolves.toBe(0);
      await page.close();
    }
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

  const axeCases: [string, string, boolean][] = [
    ...kinds.map(([name, path]) => [name, path, false] as [string, string, boolean]),
    ['note, palette open', NOTE, true],
    ['search', '/search/?q=sycophancy', false],
  ];

  it.each(axeCases)('axe-core finds no serious or critical violations on the %s page', async (_, path, palette) => {
    // axe is injected as a script of the test's own; the site's CSP would refuse it.
    const ctx = await browser.newContext({ bypassCSP: true });
    const page = await open(path, ctx);
    if (palette) {
      await page.keyboard.press('Control+k');
      await page.getByRole('dialog').getByRole('combobox').fill('sycophancy');
      await page.getByRole('option').first().waitFor();
    }
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
      const result = await axe.run(document);
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    await ctx.close();
  });

  const screens = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;
  it.each(kinds.flatMap(([name, path, heading]) => (['light', 'dark'] as const).flatMap((scheme) => (['desktop', 'phone'] as const).map((screen) => [name, path, scheme, screen, heading] as const))))(
    'shows the %s page (%s) in %s colours on a %s, and saves a screenshot of it',
    async (name, path, colorScheme, screen, heading) => {
      const ctx = await browser.newContext({ colorScheme, viewport: screens[screen], ...(screen === 'phone' ? { hasTouch: true, isMobile: true } : {}) });
      const page = await open(path, ctx);
      const h1 = page.getByRole('heading', { level: 1 });
      expect(await h1.isVisible()).toBe(true);
      const shown = (await h1.innerText()).trim();
      if (heading instanceof RegExp) expect(shown).toMatch(heading);
      else expect(shown).toBe(heading);
      expect(await schemeOf(page)).toBe(colorScheme);
      const saved = await screenshot(page, `page-${name}-${colorScheme}${screen === 'phone' ? '-phone' : ''}`);
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
