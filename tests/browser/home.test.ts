import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, schemeOf, screenshot } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

/** What a reader sees for one node in a list on the home page. */
interface ListedNode {
  readonly title: string;
  readonly href: string | null;
  readonly shownUrl: string;
  readonly stub: boolean;
}

async function readList(section: Locator): Promise<ListedNode[]> {
  return section.getByRole('listitem').evaluateAll((items) =>
    items.map((item) => {
      const link = item.querySelector('a');
      return {
        title: link?.textContent ?? '',
        href: link?.getAttribute('href') ?? null,
        shownUrl: item.querySelector('code')?.textContent ?? '',
        stub: (item.textContent ?? '').includes('not in collection'),
      };
    }),
  );
}

function listed(title: string, url: string, stub = false): ListedNode {
  return { title, href: url, shownUrl: url, stub };
}

describe('home page of tests/fixtures/site', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ contentDir: 'tests/fixtures/site' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists every node under its kind on the kind indexes, with a count per kind', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));

    const index = async (path: string) => {
      await page.goto(`${server.url}${path}`);
      const heading = (await page.getByRole('heading', { level: 1 }).innerText()).replace(/\s+/g, ' ').trim();
      return { heading, nodes: await readList(page.locator('main')) };
    };
    expect(await index('/notes/')).toEqual({
      heading: 'Notes (3)',
      nodes: [
        listed('Can better reasoning training reduce model sycophancy?', '/notes/sycophancy-is-not-fixed-by-better-reasoning-training/'),
        listed('Is sycophancy a choice or a mechanical process?', '/notes/is-sycophancy-a-choice-or-a-mechanical-process/'),
        listed('Does preference training reward agreement?', '/notes/does-preference-training-reward-agreement/', true),
      ],
    });
    expect(await index('/inquiring-lines/')).toEqual({
      heading: 'Inquiring lines (2)',
      nodes: [
        listed('Why does expert pushback strengthen sycophancy?', '/inquiring-lines/why-does-expert-pushback-strengthen-sycophancy/'),
        listed('How do models learn what users want to hear?', '/inquiring-lines/how-do-models-learn-what-users-want-to-hear/', true),
      ],
    });
    expect(await index('/papers/')).toEqual({
      heading: 'Papers (1)',
      nodes: [listed('Logical fallacies and model persuasion', '/papers/2401.10100/')],
    });
    expect(await index('/tags/')).toEqual({
      heading: 'Tags (3)',
      nodes: [
        listed('interpretability', '/tags/interpretability/'),
        listed('logical-fallacies', '/tags/logical-fallacies/'),
        listed('sycophancy', '/tags/sycophancy/'),
      ],
    });
    // The pages hydrate without a complaint in the console.
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says on the home page what the collection holds and where to start', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    const holdings = await page.getByRole('region', { name: 'What it holds' }).getByRole('listitem').allInnerTexts();
    expect(holdings.map((h) => h.replace(/\s+/g, ' ').trim())).toEqual([
      'Notes 2 in the collection, 1 cited',
      'Inquiring lines 1 in the collection, 1 cited',
      'Papers 1 in the collection, 0 cited',
      'Tags 3',
      'Topics 3',
    ]);
    const entry = page.getByRole('region', { name: /^Inquiring lines/ });
    await expect(entry.getByRole('link').allInnerTexts()).resolves.toEqual(['Why does expert pushback strengthen sycophancy?']);
    await expect(page.getByRole('search').getByRole('searchbox', { name: 'Search the collection' }).count()).resolves.toBe(1);
    await page.close();
  });

  it('takes the reader to a node’s URL when its title is clicked', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Logical fallacies and model persuasion' }).click();
    await page.waitForURL(`${server.url}/papers/2401.10100/`);
    expect(new URL(page.url()).pathname).toBe('/papers/2401.10100/');

    await page.getByRole('link', { name: 'Trellis' }).click();
    await page.waitForURL(`${server.url}/`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('The collection');
    await page.close();
  });

  it.each(['light', 'dark'] as const)('reads calmly in %s mode', async (colorScheme) => {
    const page = await browser.newPage({ colorScheme, viewport: { width: 1024, height: 768 } });
    await page.goto(`${server.url}/`);
    // Light mode: a light page with dark text; dark mode: the reverse.
    expect(await schemeOf(page)).toBe(colorScheme);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('The collection');
    await screenshot(page, `home-${colorScheme}`);
    await page.close();
  });
});

describe('HTTP', () => {
  let server: RunningServer;
  let emptyServer: RunningServer;
  let emptyDir: string;

  beforeAll(async () => {
    emptyDir = mkdtempSync(join(tmpdir(), 'trellis-empty-'));
    server = await startServer({ contentDir: 'tests/fixtures/site' });
    emptyServer = await startServer({ contentDir: emptyDir });
  });

  afterAll(async () => {
    await server?.stop();
    await emptyServer?.stop();
    rmSync(emptyDir, { recursive: true, force: true });
  });

  it('answers / with 200 and an unknown URL with 404', async () => {
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Logical fallacies and model persuasion');

    const missing = await fetch(`${server.url}/no-such-page/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Not found');
  });

  it('keeps the corpus site’s trailing slash, arXiv ids included', async () => {
    const redirectOf = async (path: string) => {
      const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      return [response.status, response.headers.get('location')?.replace(server.url, '') ?? null];
    };
    expect(await redirectOf('/papers/2401.10100')).toEqual([308, '/papers/2401.10100/']);
    expect(await redirectOf('/notes/some-note')).toEqual([308, '/notes/some-note/']);
    // A page URL that already ends in a slash is answered, never bounced.
    expect((await redirectOf('/papers/2401.10100/'))[0]).not.toBe(308);
    expect((await redirectOf('/notes/some-note/'))[0]).not.toBe(308);
  });

  it('serves the content folder it was started with, not the one it was built with', async () => {
    const html = await (await fetch(`${emptyServer.url}/`)).text();
    expect(html).toContain('holds no documents yet');
    expect(html).not.toContain('Logical fallacies and model persuasion');
  });
});
