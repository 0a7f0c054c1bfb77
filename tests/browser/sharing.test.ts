import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, luminance, pageColours, screenshot, screenshotDir } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

/*
 * Sharing a page of tests/fixtures/site, and reading it in the theme of one's
 * choice: what a chat app sees of a shared link, the copy-link button, the theme
 * toggle and the preview cards, in Chromium.
 */

/** The public address the server is told it has; links and cards must use it. */
const SITE = 'https://trellis.example';
const NOTE = '/notes/sycophancy-is-not-fixed-by-better-reasoning-training/';
const NOTE_TITLE = 'Can better reasoning training reduce model sycophancy?';
const RELATED_TITLE = 'Is sycophancy a choice or a mechanical process?';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  process.env.TRELLIS_SITE_URL = SITE;
  server = await startServer({ contentDir: 'tests/fixtures/site' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  delete process.env.TRELLIS_SITE_URL;
});

/** A page with every console error and uncaught exception (CSP violations included) collected. */
async function open(context: BrowserContext, path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBe(200);
  return { page, errors };
}

/** The computed background of the page, as a reader sees it. */
async function background(page: Page): Promise<string> {
  return (await pageColours(page)).background;
}

describe('a shared link to a note', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext();
  });
  afterAll(() => context?.close());

  it('tells a chat app its title, summary and share card, at the public address', async () => {
    const { page } = await open(context, NOTE);
    const meta = (selector: string) => page.locator(selector).getAttribute('content');

    expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(`${SITE}${NOTE}`);
    expect(await meta('meta[property="og:title"]')).toBe(NOTE_TITLE);
    expect(await meta('meta[property="og:description"]')).toMatch(/^Reasoning.optimised models are no harder to talk into agreeing/);
    expect(await meta('meta[property="og:url"]')).toBe(`${SITE}${NOTE}`);
    expect(await meta('meta[name="twitter:card"]')).toBe('summary_large_image');

    const image = await meta('meta[property="og:image"]');
    expect(image).toMatch(new RegExp(`^${SITE}${NOTE}opengraph-image`));
    expect(await meta('meta[name="twitter:image"]')).toBe(image);
    expect([await meta('meta[property="og:image:width"]'), await meta('meta[property="og:image:height"]')]).toEqual(['1200', '630']);

    // The card itself, fetched from this server where the public address would be.
    const response = await fetch(image!.replace(SITE, server.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await response.arrayBuffer());
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    mkdirSync(screenshotDir, { recursive: true });
    writeFileSync(join(screenshotDir, 'og-note.png'), png);
    await page.close();
  });

  it('has share cards for every kind of document, and answers 404 for a card of nothing', async () => {
    /** Status, type, and for a PNG its width and height. */
    const status = async (path: string) => {
      const response = await fetch(`${server.url}${path}`);
      const type = response.headers.get('content-type');
      const body = Buffer.from(await response.arrayBuffer());
      return type === 'image/png' ? [response.status, type, body.readUInt32BE(16), body.readUInt32BE(20)] : [response.status, type];
    };
    expect(await status('/papers/2401.10100/opengraph-image/')).toEqual([200, 'image/png', 1200, 630]);
    expect(await status('/inquiring-lines/why-does-expert-pushback-strengthen-sycophancy/opengraph-image/')).toEqual([200, 'image/png', 1200, 630]);
    // A stub gets a card too: it is cited, so it is shared.
    expect(await status('/inquiring-lines/how-do-models-learn-what-users-want-to-hear/opengraph-image/')).toEqual([200, 'image/png', 1200, 630]);
    // A card of nothing is a text 404, not an image.
    expect(await status('/notes/no-such-note/opengraph-image/')).toEqual([404, expect.stringMatching(/^text\//)]);
    expect(await status('/papers/9999.99999/opengraph-image/')).toEqual([404, expect.stringMatching(/^text\//)]);
  });

  it('is listed in the sitemap that robots.txt names', async () => {
    const robots = await (await fetch(`${server.url}/robots.txt`)).text();
    expect(robots).toContain('Allow: /');
    expect(robots).toContain(`Sitemap: ${SITE}/sitemap.xml`);
    const index = await (await fetch(`${server.url}/sitemap.xml`)).text();
    expect(index).toContain(`<sitemap><loc>${SITE}/sitemap/0.xml</loc></sitemap>`);
    const sitemap = await (await fetch(`${server.url}/sitemap/0.xml`)).text();
    expect(sitemap).toContain(`<loc>${SITE}${NOTE}</loc>`);
    // A stub is cited by the collection but not in it: not for search engines.
    expect(sitemap).not.toContain('/notes/does-preference-training-reward-agreement/');
  });
});

describe('Copy link', () => {
  it('puts the page’s public address on the clipboard and says so', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const { page, errors } = await open(context, NOTE);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Link copied' }).count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${SITE}${NOTE}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the address selected in a field where the clipboard cannot be used', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
    const { page } = await open(context, NOTE);
    await page.getByRole('button', { name: 'Copy link' }).click();
    const field = page.getByRole('textbox', { name: 'Link to this page' });
    await field.waitFor();
    expect(await field.inputValue()).toBe(`${SITE}${NOTE}`);
    const selected = await field.evaluate((input: HTMLInputElement) => [
      document.activeElement === input,
      input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0),
    ]);
    expect(selected).toEqual([true, `${SITE}${NOTE}`]);
    await context.close();
  });
});

describe('theme toggle', () => {
  it('switches the page to the chosen theme at once, and keeps it on the next visit', async () => {
    const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1024, height: 768 } });
    const { page, errors } = await open(context, NOTE);
    const toggle = page.getByRole('group', { name: 'Colour theme' });
    expect(await toggle.getByRole('button', { name: 'System' }).getAttribute('aria-pressed')).toBe('true');
    expect(luminance(await background(page))).toBeGreaterThan(0.5);
    await screenshot(page, 'note-light');

    await toggle.getByRole('button', { name: 'Dark' }).click();
    expect(luminance(await background(page))).toBeLessThan(0.1);
    expect(await toggle.getByRole('button', { name: 'Dark' }).getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'note-dark');

    // The next page arrives dark from the server: no light flash, no script needed.
    const html = await (await page.request.get(`${server.url}${NOTE}`)).text();
    expect(html).toMatch(/<html[^>]*data-theme="dark"/);
    await page.reload();
    expect(luminance(await background(page))).toBeLessThan(0.1);
    expect(await page.getByRole('button', { name: 'Dark' }).getAttribute('aria-pressed')).toBe('true');

    // Light wins over a dark system, and System hands the choice back.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('button', { name: 'Light' }).click();
    expect(luminance(await background(page))).toBeGreaterThan(0.5);
    await page.getByRole('button', { name: 'System' }).click();
    expect(luminance(await background(page))).toBeLessThan(0.1);
    await page.reload();
    expect(await page.locator('html').getAttribute('data-theme')).toBeNull();
    expect(await page.getByRole('button', { name: 'System' }).getAttribute('aria-pressed')).toBe('true');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('preview cards', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  });
  afterAll(() => context?.close());

  it('show the kind, title and summary of a linked node while the pointer rests on the link', async () => {
    const { page, errors } = await open(context, NOTE);
    const link = page.getByRole('region', { name: /^Related concepts/ }).locator('.entry-list').getByRole('link', { name: RELATED_TITLE });
    await link.hover();
    const card = page.getByRole('tooltip');
    await card.waitFor();
    expect((await card.innerText()).split(/\n+/)).toEqual(['Note', RELATED_TITLE, 'Two competing explanations of why models agree with their users.']);
    expect(await link.getAttribute('aria-describedby')).toBe(await card.getAttribute('id'));

    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    expect(await link.getAttribute('aria-describedby')).toBeNull();

    // Back again, for a picture of the card where it shows (a full-page shot resizes
    // the window, and a resize puts the card away).
    await page.mouse.move(0, 0);
    await link.hover();
    await card.waitFor();
    const box = await card.boundingBox();
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({
      path: join(screenshotDir, 'preview-card.png'),
      clip: { x: 0, y: Math.max(0, (box?.y ?? 0) - 120), width: 1024, height: 420 },
    });
    await page.close();
    expect(errors).toEqual([]);
  });

  it('show a wikilink’s target, and mark a document that is not in the collection', async () => {
    const { page } = await open(context, NOTE);
    await page.locator('.prose a.wikilink').first().hover();
    await expect.poll(() => page.getByRole('tooltip').locator('.preview-card-title').innerText()).toBe(RELATED_TITLE);
    await page.mouse.move(0, 0);
    await page.getByRole('tooltip').waitFor({ state: 'detached' });
    await page.close();

    const other = await open(context, '/notes/is-sycophancy-a-choice-or-a-mechanical-process/');
    await other.page.getByRole('region', { name: /^Related concepts/ }).locator('.entry-list').getByRole('link', { name: 'Does preference training reward agreement?' }).hover();
    // The card marks the stub as everywhere else: the kind's badge, then the stub mark.
    await expect.poll(() => other.page.getByRole('tooltip').locator('.badge').allInnerTexts()).toEqual(['Note', 'not in collection']);
    await other.page.close();
  });

  it('follow the keyboard without taking focus from the link', async () => {
    const { page } = await open(context, NOTE);
    const link = page.getByRole('region', { name: /^Related concepts/ }).locator('.entry-list').getByRole('link', { name: RELATED_TITLE });
    await link.focus();
    await page.getByRole('tooltip').waitFor();
    expect(await link.evaluate((element) => document.activeElement === element)).toBe(true);
    await link.blur();
    await page.getByRole('tooltip').waitFor({ state: 'detached' });
    await page.close();
  });
});
