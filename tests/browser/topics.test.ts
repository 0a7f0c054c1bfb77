import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopicMap } from '../../lib/topics/map';
import { launchBrowser, screenshot } from '../helpers/browser';
import { SEEDS } from '../helpers/seeds';
import { startServer, type RunningServer } from '../helpers/server';

/*
 * Topics as a reader meets them on the seed corpus (content/): the topic line of a
 * document page, the hub it leads to, the tree and map of /topics/, and the 404 of
 * a topic that does not exist.
 */

const NOTE = SEEDS.note000.id;

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ contentDir: 'content' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBe(200);
  return { page, errors };
}

describe('topics', () => {
  it("a note names its topic; the topic's hub shows its words and size and lists the note and the inquiring lines through it", async () => {
    const { page, errors } = await open(NOTE);
    const topicLink = page.locator('.node-topic a');
    const label = await topicLink.innerText();
    expect(label.length).toBeGreaterThan(3);
    await topicLink.click();
    await page.waitForURL(/\/topics\/[a-z0-9-]+\/$/);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(label);
    await expect(page.locator('.lede').innerText()).resolves.toMatch(/^\d+ documents; its words: .+\.$/);
    await expect(page.getByRole('region', { name: /^Central notes/ }).getByRole('link', { name: SEEDS.note000.title }).count()).resolves.toBe(1);
    // Seed 000 is a source of 38 inquiring lines: the first through its topic cite it, and say how many of the topic's documents they cite.
    const lines = page.getByRole('region', { name: /^Inquiring lines through it/ }).getByRole('listitem');
    await expect(lines.first().innerText()).resolves.toMatch(/\(cites \d+\)$/);
    await expect(page.getByRole('region', { name: /^Documents/ }).getByRole('link', { name: SEEDS.note000.title }).count()).resolves.toBe(1);
    await expect(page.getByRole('region', { name: /^Neighbouring topics/ }).getByRole('link').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'topic-hub');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('/topics/ lists every topic with its size, and draws the map of the top-level topics', async () => {
    const map = (await (await fetch(`${server.url}/api/graph/?level=topics`)).json()) as TopicMap;
    const { page, errors } = await open('/topics/');
    const items = page.locator('.topic-tree > li');
    await expect(items.count()).resolves.toBe(map.parents.filter((p) => p === -1).length);
    const first = await items.first().innerText();
    expect(first).toContain(`${map.labels[0]} (${map.sizes[0]})`);
    const roots = map.slugs.filter((_, i) => map.parents[i] === -1);
    await page.waitForSelector(`.topic-map-canvas[data-shown="topics"][data-nodes="${roots.length}"] canvas`, { timeout: 30_000 });
    await page.waitForFunction((n) => window.__trellisGraph?.topics?.nodeIds().length === n, roots.length);
    await expect(page.evaluate(() => window.__trellisGraph?.topics?.nodeIds())).resolves.toEqual(roots);
    await screenshot(page, 'topics-index');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('labels the map of topics where labels fit, never two overlapping', async () => {
    const { page, errors } = await open('/topics/');
    await page.waitForFunction(() => (window.__trellisGraph?.topics?.labels?.().length ?? 0) > 0, undefined, { timeout: 30_000 });
    const labels = await page.evaluate(() => window.__trellisGraph?.topics?.labels?.() ?? []);
    const overlapping = labels.flatMap((a, i) => labels.slice(i + 1).filter((b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2).map((b) => `${a.id} × ${b.id}`));
    expect(overlapping).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("zooms from a topic on the map into its documents, and from a document to its page", async () => {
    const map = (await (await fetch(`${server.url}/api/graph/?level=topics`)).json()) as TopicMap;
    const { page, errors } = await open('/topics/');
    // The seeds' topics have no subtopics: choosing one shows its documents.
    const slug = map.slugs[0] as string;
    await page.waitForFunction((s) => window.__trellisGraph?.topics?.position(s) !== undefined, slug);
    const at = await page.evaluate((s) => window.__trellisGraph?.topics?.position(s), slug);
    await page.mouse.click(at!.x, at!.y);
    await page.waitForSelector('.topic-map-canvas[data-shown="documents"]');
    const members = (await (await fetch(`${server.url}/api/graph/?topic=${slug}`)).json()) as { ids: string[] };
    await page.waitForFunction((n) => window.__trellisGraph?.topics?.nodeIds().length === n, members.ids.length);
    await expect(page.evaluate(() => window.__trellisGraph?.topics?.nodeIds())).resolves.toEqual(members.ids);
    await expect(page.locator('.topic-map-where').innerText()).resolves.toContain(`Documents of ${map.labels[0]}`);
    await screenshot(page, 'topics-documents');
    const first = members.ids[0] as string;
    const doc = await page.evaluate((id) => window.__trellisGraph?.topics?.position(id), first);
    await page.mouse.click(doc!.x, doc!.y);
    await page.waitForURL(`${server.url}${first}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("searches within a topic from its hub, drops the topic with ×, and colours a note's neighbourhood by topic", async () => {
    const { page, errors } = await open(NOTE);
    const topicLink = page.locator('.node-topic a');
    const label = await topicLink.innerText();
    const slug = /\/topics\/([a-z0-9-]+)\/$/.exec((await topicLink.getAttribute('href')) ?? '')?.[1] as string;
    expect(slug).toBeTruthy();

    // The neighbourhood, by kind first; by topic, the note takes its topic's colour, the one the key shows.
    await page.locator('.neighbourhood').scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: 'Explore the graph' }).click();
    await page.waitForSelector('.neighbourhood-canvas[data-graph-state="ready"][data-colour-by="kind"]', { timeout: 30_000 });
    const byKind = await page.evaluate((id) => window.__trellisGraph?.neighbourhood?.fill?.(id), NOTE);
    await page.getByLabel('Colour by').selectOption('topic');
    await page.waitForSelector('.neighbourhood-canvas[data-colour-by="topic"]');
    const key = page.getByLabel('Topics in the view');
    await expect(key.getByRole('link', { name: label }).count()).resolves.toBe(1);
    const swatch = await key.locator(`li[data-topic="${slug}"] .swatch`).evaluate((el) => getComputedStyle(el).backgroundColor);
    await page.waitForFunction(([id, before]) => window.__trellisGraph?.neighbourhood?.fill?.(id) !== before, [NOTE, byKind] as const);
    const byTopic = await page.evaluate((id) => window.__trellisGraph?.neighbourhood?.fill?.(id), NOTE);
    // cytoscape and the page's CSS each turn the hsl() into rgb, and may round a channel differently.
    const channels = (colour: string | undefined) => (colour?.match(/\d+/g) ?? []).slice(0, 3).map(Number);
    expect(channels(byTopic)).toHaveLength(3);
    for (const [i, c] of channels(byTopic).entries()) expect(Math.abs(c - (channels(swatch)[i] as number))).toBeLessThanOrEqual(1);
    expect(channels(byKind)).toHaveLength(3);
    await screenshot(page, 'neighbourhood-by-topic');

    // The hub's search box searches the topic only.
    await page.goto(`${server.url}/topics/${slug}/`);
    const word = /its words: ([^,.]+)/.exec(await page.locator('.lede').innerText())?.[1] as string;
    expect(word).toBeTruthy();
    await page.getByLabel(`Search in ${label}`).fill(word);
    await page.getByLabel(`Search in ${label}`).press('Enter');
    await page.waitForURL(/\/search\/\?q=.+&topic=/);
    const api = (await (await fetch(`${server.url}/api/search/?${new URLSearchParams({ q: word, topic: slug, limit: '50' }).toString()}`)).json()) as { total: number; results: { url: string }[] };
    expect(api.total).toBeGreaterThan(0);
    await expect(page.locator('#results-heading').innerText()).resolves.toMatch(new RegExp(`^${api.total} documents? match`));
    await expect(page.getByRole('link', { name: label, exact: true }).count()).resolves.toBe(1);
    const shown = await page.locator('ol li h3 a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(shown).toEqual(api.results.slice(0, 20).map((r) => r.url));

    // × searches the whole collection with the same words.
    await page.getByRole('link', { name: `Search the whole collection, not only ${label}` }).click();
    await page.waitForURL((url) => url.pathname === '/search/' && url.searchParams.get('q') === word && !url.searchParams.has('topic'));
    await expect(page.getByRole('link', { name: `Search the whole collection, not only ${label}` }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers a topic that does not exist with a 404 a reader without JavaScript can read', async () => {
    const response = await fetch(`${server.url}/topics/no-such-topic/`);
    expect(response.status).toBe(404);
    const html = (await response.text()).replace(/<script[\s\S]*?<\/script>/g, '');
    expect(html).toMatch(/<h1[^>]*>Not found<\/h1>/);
  });
});
