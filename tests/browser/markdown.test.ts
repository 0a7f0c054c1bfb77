import { closeSync, cpSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

/*
 * An Obsidian vault (tests/fixtures/vault) as a reader sees it in Chromium, served with
 * TRELLIS_WATCH=1 from a copy, so that a test can save a file as an author would.
 */

const vaultDir = fileURLToPath(new URL('../fixtures/vault', import.meta.url));
let dir: string;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trellis-vault-'));
  cpSync(vaultDir, dir, { recursive: true });
  // A 50 MB image, made here rather than committed.
  const fd = openSync(join(dir, 'notes/huge.png'), 'w');
  writeSync(fd, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  writeSync(fd, Buffer.alloc(1), 0, 1, 50 * 1024 * 1024 - 1);
  closeSync(fd);
  server = await startServer({ contentDir: dir, env: { TRELLIS_WATCH: '1' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBe(200);
  return page;
}

describe('a vault note in the browser', () => {
  it('typesets its math with KaTeX\'s own fonts, loaded from the site', async () => {
    const page = await open('/notes/home/');
    const stylesheet = await page.locator('link[rel="stylesheet"][href^="/katex/"]').getAttribute('href');
    expect(stylesheet).toMatch(/^\/katex\/[\d.]+\/katex\.min\.css$/);
    await page.evaluate(() => document.fonts.ready);
    const font = await page.locator('.katex-display .katex-html').first().evaluate((el) => getComputedStyle(el.closest('.katex')!).fontFamily);
    expect(font).toContain('KaTeX_Main');
    expect(await page.evaluate(() => document.fonts.check('1em KaTeX_Main'))).toBe(true);
    await screenshot(page, 'vault-home');
  });

  it('folds a callout closed until its title is clicked', async () => {
    const page = await open('/notes/home/');
    const body = page.getByText('Hidden until opened.');
    expect(await body.isVisible()).toBe(false);
    await page.locator('details[data-callout="info"] > summary').click();
    expect(await body.isVisible()).toBe(true);
    expect(await page.getByText('Text of the callout.').isVisible()).toBe(true);
  });

  it('shows images kept in the vault, and an embedded section under a link to it', async () => {
    const page = await open('/notes/home/');
    const widths = await page.locator('img').evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth));
    expect(widths).toEqual([4, 4]);
    expect(await page.getByText('A section that').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Deep note › Section' }).click();
    await page.waitForURL(/\/notes\/deep-note\/#section$/);
  });

  it('links no KaTeX stylesheet from a page without math', async () => {
    const page = await open('/notes/deep-note/');
    expect(await page.locator('link[href^="/katex/"]').count()).toBe(0);
  });
});

describe('/media/', () => {
  it.each([
    ['/media/notes/%2e%2e/%2e%2e/etc/passwd', 404],
    ['/media/notes/..%2f..%2fetc%2fpasswd.png', 404],
    ['/media/notes/huge.png', 413],
    ['/media/notes/Home.md', 404],
  ])('refuses %s with %i', async (path, status) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(status);
    expect(await response.text()).not.toContain('root:');
  });
});

describe('writing with TRELLIS_WATCH=1', () => {
  it('a note saved with its frontmatter not closed stays at its URL and says what to fix', async () => {
    writeFileSync(join(dir, 'notes/Titled.md'), '---\ntitle: Introduction to [[dataview|Dataview]]\nA note whose title holds a wikilink.\n');
    const page = await browser.newPage();
    await expect
      .poll(async () => {
        const response = await page.goto(`${server.url}/notes/introduction-to-dataview/`);
        return response?.status() === 200 ? await page.locator('.problem-banner').textContent() : `status ${response?.status()}`;
      })
      .toContain('notes/Titled.md:1 error: frontmatter opened with --- is never closed');
    expect(await page.locator('h1').first().textContent()).toBe('Introduction to Dataview');
  });
});
