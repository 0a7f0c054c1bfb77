import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, schemeOf, screenshot, screenshotDir } from '../helpers/browser';
import { SEED_COUNTS, SEEDS } from '../helpers/seeds';
import { startServer, type RunningServer } from '../helpers/server';

/*
 * The graph views on the seed corpus (content/): the neighbourhood view of a node
 * page and /graph. The canvases expose what they draw through a read-only probe
 * (window.__trellisGraph, app/components/client/GraphKit.tsx); clicks are real
 * mouse clicks at the place a node is drawn.
 */

const { id: NOTE, title: NOTE_TITLE } = SEEDS.note000;
const { id: LINE_001, title: LINE_001_TITLE } = SEEDS.line001;
const { id: LINE_002, title: LINE_002_TITLE } = SEEDS.line002;

/** A string found in cytoscape's code and nowhere else on the site. */
const CYTOSCAPE_MARKER = 'webglTexSize';

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

/** A page that records errors, so each test can say the page ran without one. */
async function open(path: string, { origin, ...options }: { colorScheme?: 'light' | 'dark'; javaScriptEnabled?: boolean; origin?: string; viewport?: { width: number; height: number } } = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${origin ?? server.url}${path}`);
  return { page, errors, close: () => context.close() };
}

/** Scrolls the neighbourhood view into sight, asks for the graph as a reader does, and waits until it has drawn `centre`. */
async function showNeighbourhood(page: Page, centre: string): Promise<void> {
  await page.locator('.neighbourhood').evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await page.getByRole('button', { name: 'Explore the graph' }).click();
  await waitForCentre(page, centre);
}

/** The scripts the page has fetched so far, by URL. */
const scriptsLoaded = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('resource').filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script').map((e) => e.name));

function waitForCentre(page: Page, centre: string) {
  return page.waitForSelector(`.neighbourhood-canvas[data-graph-state="ready"][data-centre="${centre}"]`, { timeout: 30_000 });
}

const canvasNodes = (page: Page, name = 'neighbourhood') =>
  page.evaluate((n) => window.__trellisGraph?.[n]?.nodeIds() ?? [], name).then((ids) => [...ids].sort());

/** The nodes the page's own sections link to (the essay apart), in document order, repeats kept. */
const sectionLinks = (page: Page) => page.locator('.reading-main section a.node-link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));

/** The nodes the list beside the canvas names, each once. */
const listedNodes = (page: Page) =>
  page
    .locator('.neighbourhood-list li[data-node]')
    .evaluateAll((items) => items.map((li) => li.getAttribute('data-node') ?? ''))
    .then((ids) => [...new Set(ids)].sort());

/**
 * How many pixels of each kind's colour (the page's --kind-* variables, as the
 * canvas reads them) the canvas layers under `selector` hold: what a reader sees
 * drawn, in the colours of the page's theme.
 */
function kindPixels(page: Page, selector: string): Promise<Record<'note' | 'inquiry' | 'paper' | 'tag', number>> {
  return page.evaluate((sel) => {
    const css = getComputedStyle(document.documentElement);
    const kinds = ['note', 'inquiry', 'paper', 'tag'] as const;
    const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    /** A CSS colour as the canvas stores it: "r,g,b". */
    const rgbOf = (colour: string) => {
      if (!probe) return '';
      probe.fillStyle = colour;
      probe.fillRect(0, 0, 1, 1);
      return Array.from(probe.getImageData(0, 0, 1, 1).data.slice(0, 3)).join(',');
    };
    const wanted = new Map(kinds.map((k) => [rgbOf(css.getPropertyValue(`--kind-${k}`).trim()), k]));
    const counts = { note: 0, inquiry: 0, paper: 0, tag: 0 };
    for (const canvas of Array.from(document.querySelectorAll<HTMLCanvasElement>(`${sel} canvas`))) {
      // The layers are 2D canvases: GraphKit draws with WebGL only on a GPU, and the tests launch Chromium without one.
      const context = canvas.getContext('2d');
      if (!context || !canvas.width || !canvas.height) continue;
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < data.length; i += 4) {
        if ((data[i + 3] ?? 0) < 250) continue;
        const kind = wanted.get(`${data[i]},${data[i + 1]},${data[i + 2]}`);
        if (kind) counts[kind]++;
      }
    }
    return counts;
  }, selector);
}

/** The canvas element's size on the page, in CSS pixels. */
async function sizeOf(page: Page, selector: string): Promise<[number, number]> {
  const box = await page.locator(selector).boundingBox();
  return [Math.round(box?.width ?? 0), Math.round(box?.height ?? 0)];
}

/**
 * Waits until a graph's view stops moving: the same zoom, and a node at the same place
 * on screen, over five animation frames in a row (a fit or focus animation has ended).
 */
function waitForStillView(page: Page, name = 'collection'): Promise<unknown> {
  return page.waitForFunction(
    (n) => {
      const probe = window.__trellisGraph?.[n];
      const id = probe?.nodeIds()[0];
      const at = id === undefined ? undefined : probe?.position(id);
      if (!probe || !at) return false;
      const view = `${probe.zoom()} ${at.x} ${at.y}`;
      const still = window as unknown as { __lastView?: string; __stillFrames?: number };
      still.__stillFrames = still.__lastView === view ? (still.__stillFrames ?? 0) + 1 : 0;
      still.__lastView = view;
      return still.__stillFrames >= 5;
    },
    name,
    { polling: 'raf', timeout: 30_000 },
  );
}

/** A label's box on screen, as the renderer measures it (GraphKit.tsx, `labelBoxes`). */
type DrawnLabel = { id: string; x1: number; y1: number; x2: number; y2: number };

const drawnLabels = (page: Page, name = 'collection'): Promise<DrawnLabel[]> => page.evaluate((n) => window.__trellisGraph?.[n]?.labels?.() ?? [], name);

/** The pairs of drawn labels whose boxes overlap, by id: none, when labels are placed. */
/** The collection's nodes whose centres are on the canvas, as the label placer counts them. */
async function nodesInView(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const probe = window.__trellisGraph?.collection;
    const box = document.querySelector('.collection-canvas')?.getBoundingClientRect();
    if (!probe || !box) return [];
    return probe.nodeIds().filter((id) => {
      const at = probe.position(id);
      return at !== undefined && at.x >= box.left && at.x <= box.right && at.y >= box.top && at.y <= box.bottom;
    });
  });
}

function overlappingLabels(labels: readonly DrawnLabel[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const [a, b] = [labels[i]!, labels[j]!];
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) pairs.push(`${a.id} × ${b.id}`);
    }
  }
  return pairs;
}

/** The longest label placement so far, in ms (the 'trellis:graph:labels' measures): a figure to print, not to assert. */
const longestLabelPass = (page: Page) => page.evaluate(() => Math.max(0, ...performance.getEntriesByName('trellis:graph:labels').map((e) => e.duration)));

async function clickNode(page: Page, id: string, name = 'neighbourhood'): Promise<void> {
  // The canvas may reach below the window: bring it into sight first, then ask where the node is.
  await page.locator(name === 'neighbourhood' ? '.neighbourhood-canvas' : '.collection-canvas').evaluate((element) => element.scrollIntoView({ block: 'center' }));
  // Let the scroll and any running layout step settle before asking where the node is drawn.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const at = await page.evaluate(([n, node]) => window.__trellisGraph?.[n as string]?.position(node as string), [name, id]);
  if (!at) throw new Error(`${id} is not drawn`);
  await page.mouse.click(at.x, at.y);
}

describe('the neighbourhood view on seed 000’s page', () => {
  it('beside the text at 1280 px, shows a still picture and loads no cytoscape until the reader asks, then draws the note among its neighbours in the same place', async () => {
    const { page, errors, close } = await open(NOTE, { viewport: { width: 1280, height: 900 } });
    await page.waitForLoadState('networkidle');
    // Before: the picture drawn by the server, in sight beside the text; the page's scripts, none of them cytoscape.
    const still = page.locator('.reading-side .neighbourhood-still');
    const pictured = await still.boundingBox();
    expect(pictured?.y ?? Infinity).toBeLessThan(900);
    await expect(still.locator('.preview-node.centre title').textContent()).resolves.toBe(NOTE_TITLE);
    // A hub: 24 of its 49 neighbours drawn, the rest counted.
    await expect(still.locator('.preview-node:not(.centre)').count()).resolves.toBe(24);
    await expect(still.locator('.preview-more').textContent()).resolves.toBe('+25 more in the graph');
    const fetchText = async (url: string) => (await fetch(url)).text();
    for (const url of await scriptsLoaded(page)) expect(await fetchText(url), url).not.toContain(CYTOSCAPE_MARKER);
    await expect(page.locator('.neighbourhood-list').count()).resolves.toBe(0);
    await page.locator('.neighbourhood').screenshot({ path: join(screenshotDir, 'graph-neighbourhood-preview.png') });

    // The reader asks: cytoscape comes, and the canvas takes the picture's place, at its size.
    await page.getByRole('button', { name: 'Explore the graph' }).click();
    await waitForCentre(page, NOTE);
    const after = await Promise.all((await scriptsLoaded(page)).map(fetchText));
    expect(after.some((text) => text.includes(CYTOSCAPE_MARKER))).toBe(true);
    expect(await page.locator('.neighbourhood-canvas').boundingBox()).toEqual(pictured);

    const drawn = await canvasNodes(page);
    const byKind = (prefix: string) => drawn.filter((id) => id.startsWith(prefix)).length;
    expect(drawn).toContain(NOTE);
    expect(drawn).toContain(LINE_001);
    expect(drawn).toContain(LINE_002);
    expect([byKind('/inquiring-lines/'), byKind('/notes/') - 1, byKind('/papers/')]).toEqual([38, 3, 8]);
    // The page's sections link every neighbour drawn, the centre apart.
    const linked = await sectionLinks(page);
    expect(drawn.filter((id) => id !== NOTE && !linked.includes(id))).toEqual([]);
    // The canvas says in words what it shows.
    await expect(page.locator('.neighbourhood-canvas').getAttribute('aria-label')).resolves.toMatch(
      /^Graph of the neighbourhood of Can better reasoning training actually reduce model sycophancy\?: 49 neighbours: 38 inquiring lines, 3 notes, 8 papers/,
    );
    expect(errors).toEqual([]);
    await close();
  });

  it('on a narrow screen, loads no cytoscape when the view scrolls into sight', async () => {
    // Narrower than the side column needs: the view follows the lists, out of sight at first.
    const { page, close } = await open(NOTE, { viewport: { width: 800, height: 900 } });
    await page.locator('.neighbourhood').evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await page.waitForLoadState('networkidle');
    await expect(page.locator('.neighbourhood-still .neighbourhood-preview').isVisible()).resolves.toBe(true);
    for (const url of await scriptsLoaded(page)) expect(await (await fetch(url)).text(), url).not.toContain(CYTOSCAPE_MARKER);
    await close();
  });

  it('walks to an inquiring line when it is clicked: the view re-centres, the list and the URL follow, and a reload keeps it', async () => {
    const { page, errors, close } = await open(NOTE);
    await showNeighbourhood(page, NOTE);
    await clickNode(page, LINE_001);
    await waitForCentre(page, LINE_001);

    expect(new URL(page.url()).searchParams.get('focus')).toBe(LINE_001);
    expect(new URL(page.url()).pathname).toBe(NOTE);
    await expect(page.locator('.neighbour-list-title').innerText()).resolves.toBe(`Around ${LINE_001_TITLE}`);
    const drawn = await canvasNodes(page);
    expect(drawn).toContain(NOTE);
    expect(await listedNodes(page)).toEqual(drawn.filter((id) => id !== LINE_001));
    await expect(page.locator('.neighbourhood-list').getByRole('heading', { name: /^Sources/ }).innerText()).resolves.toMatch(/Sources\s*\(\d+\)/);

    // The URL is the state: a reload opens the view on the same node at once.
    await page.reload();
    await waitForCentre(page, LINE_001);
    await expect(page.locator('.neighbour-list-title').innerText()).resolves.toBe(`Around ${LINE_001_TITLE}`);

    // Back returns to the note.
    await page.goBack();
    expect(new URL(page.url()).searchParams.get('focus')).toBeNull();
    expect(errors).toEqual([]);
    await close();
  });

  it('opens the centre’s page when the centre is clicked', async () => {
    const { page, close } = await open(`${NOTE}?focus=${encodeURIComponent(LINE_002)}`);
    await waitForCentre(page, LINE_002);
    // A click that lands while the view is still settling is missed, as a reader's would
    // be; the reader clicks again, and so does the test (at most three times).
    for (let attempt = 1; ; attempt++) {
      await clickNode(page, LINE_002);
      try {
        await page.waitForURL(`${server.url}${LINE_002}`, { timeout: 5000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(LINE_002_TITLE);
    await close();
  });

  it('opens and walks with the keyboard: Enter on “Explore the graph” gives the canvas the focus, arrow keys move between neighbours and say which, Enter walks', async () => {
    const { page, close } = await open(NOTE);
    await page.getByRole('button', { name: 'Explore the graph' }).focus();
    await page.keyboard.press('Enter');
    await waitForCentre(page, NOTE);
    await expect(page.evaluate(() => document.activeElement?.classList.contains('neighbourhood-canvas'))).resolves.toBe(true);
    await page.keyboard.press('ArrowRight');
    const said = await page.locator('.neighbourhood-stage .graph-sr-only').innerText();
    expect(said).toMatch(/^(Note|Inquiring line|Paper|Tag): .+\. 1 of 49\. Enter walks to it\.$/);
    const [, title = ''] = /^[^:]+: (.+?)(, not in the collection)?\. 1 of 49/.exec(said) ?? [];
    await page.keyboard.press('Enter');
    await page.waitForFunction((t) => document.querySelector('.neighbour-list-title')?.textContent === `Around ${t}`, title);
    await page.waitForSelector('.neighbourhood-canvas[data-graph-state="ready"]');
    expect(new URL(page.url()).searchParams.get('focus')).not.toBeNull();
    await close();
  });

  it('hides what a filter says, on the canvas and in the list', async () => {
    const { page, errors, close } = await open(NOTE);
    await showNeighbourhood(page, NOTE);
    await page.getByText('Filters').click();

    await page.getByRole('group', { name: 'Show' }).getByLabel('inquiring lines').uncheck();
    await page.waitForFunction(() => !window.__trellisGraph?.neighbourhood?.nodeIds().some((id) => id.startsWith('/inquiring-lines/')));
    await page.waitForSelector('.neighbourhood-canvas[data-graph-state="ready"]');
    expect((await canvasNodes(page)).filter((id) => id !== NOTE).map((id) => id.split('/')[1])).toEqual([...Array(3).fill('notes'), ...Array(8).fill('papers')]);
    expect(await listedNodes(page)).toEqual((await canvasNodes(page)).filter((id) => id !== NOTE));

    await page.getByRole('group', { name: 'Follow' }).getByLabel('related papers').uncheck();
    await page.waitForFunction(() => !window.__trellisGraph?.neighbourhood?.nodeIds().some((id) => id.startsWith('/papers/')));
    await expect(page.locator('.neighbourhood-list [data-relation="related-paper:out"]').count()).resolves.toBe(0);

    // Reset brings everything back.
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.waitForFunction(() => window.__trellisGraph?.neighbourhood?.nodeIds().length === 50);
    expect(errors).toEqual([]);
    await close();
  });

  it('without JavaScript, the page’s sections link every neighbour, each once', async () => {
    const { page, close } = await open(NOTE, { javaScriptEnabled: false });
    const around = (await (await fetch(`${server.url}/api/neighbourhood/?id=${encodeURIComponent(NOTE)}`)).json()) as { nodes: { id: string }[] };
    const neighbours = around.nodes.map((n) => n.id).filter((id) => id !== NOTE);
    expect(neighbours).toHaveLength(49);
    const linked = await sectionLinks(page);
    expect(neighbours.filter((id) => !linked.includes(id))).toEqual([]);
    // No list repeats another: each node is linked from one section only.
    expect(linked.filter((id, i) => linked.indexOf(id) !== i)).toEqual([]);
    await expect(page.locator('.neighbourhood-list').count()).resolves.toBe(0);
    await expect(page.getByRole('region', { name: /^Related concepts/ }).innerText()).resolves.toContain('the broader frame this prescription-failure follows from');
    await expect(page.getByRole('link', { name: 'Open in graph' }).getAttribute('href')).resolves.toBe(`/graph/?focus=${encodeURIComponent(NOTE)}`);
    // The still picture is there without a script: decoration, no link of its own.
    await expect(page.locator('.neighbourhood-preview').getAttribute('aria-hidden')).resolves.toBe('true');
    await expect(page.locator('.neighbourhood-preview a').count()).resolves.toBe(0);
    await close();
  });

  it('is on inquiring-line and paper pages too, as “In the graph”', async () => {
    for (const path of [LINE_002, SEEDS.paper004.id]) {
      const { page, close } = await open(path);
      await expect(page.getByRole('region', { name: 'In the graph' }).locator('.neighbourhood-stage').count()).resolves.toBe(1);
      await showNeighbourhood(page, path);
      await close();
    }
  });

  it('names each node of a small neighbourhood, an inquiring line’s sources by their number and in their order', async () => {
    const { page, errors, close } = await open(LINE_002);
    const sources = await page.locator('ol.sources > li > a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', title: a.textContent ?? '' })));
    expect(sources).toHaveLength(10);
    // The still picture numbers them too, in their order, each with its whole title on hover.
    const pictured = await page.locator('.neighbourhood-preview .preview-node:not(.centre)').evaluateAll((gs) => gs.map((g) => ({ number: g.querySelector('.preview-number')?.textContent, title: g.querySelector('title')?.textContent })));
    expect(pictured.map((p) => p.number)).toEqual(sources.map((_, i) => String(i + 1)));
    expect(pictured.map((p) => p.title?.replace(/ \(not in the collection\)$/, ''))).toEqual(sources.map((s, i) => `${i + 1}. ${s.title}`));
    await page.locator('.reading-side').screenshot({ path: join(screenshotDir, 'graph-neighbourhood-inquiring-line-preview.png') });
    await showNeighbourhood(page, LINE_002);
    const drawn = await page.evaluate((ids) => {
      const probe = window.__trellisGraph?.neighbourhood;
      const centre = probe?.position(probe.centre() ?? '');
      return ids.map((id) => {
        const at = probe?.position(id);
        // Clockwise from the top, as a clock's hand.
        const angle = at && centre ? (Math.atan2(at.x - centre.x, -(at.y - centre.y)) + 2 * Math.PI) % (2 * Math.PI) : NaN;
        return { label: probe?.label?.(id) ?? '', angle };
      });
    }, sources.map((s) => s.href));
    for (const [i, { label }] of drawn.entries()) {
      const whole = `${i + 1}. ${sources[i]?.title ?? ''}`;
      // The name is the numbered title, or its start cut at a word.
      expect(label === whole || (label.endsWith('…') && whole.startsWith(label.slice(0, -1).trimEnd())), label).toBe(true);
    }
    // Source 1 is first clockwise from the top, and each next one follows it round.
    const angles = drawn.map((d) => d.angle);
    expect(angles).toEqual([...angles].sort((a, b) => a - b));
    // The centre's name is drawn too; a hovered node shows its whole title.
    expect(await page.evaluate((id) => window.__trellisGraph?.neighbourhood?.label?.(id), LINE_002)).not.toBe('');
    expect(errors).toEqual([]);
    await page.locator('.neighbourhood').screenshot({ path: join(screenshotDir, 'graph-neighbourhood-inquiring-line-view.png') });
    await close();
  });

  it.each(['light', 'dark'] as const)('draws in the page’s %s colours', async (colorScheme) => {
    const { page, errors, close } = await open(NOTE, { colorScheme });
    await showNeighbourhood(page, NOTE);
    expect(await schemeOf(page)).toBe(colorScheme);
    const [width, height] = await sizeOf(page, '.neighbourhood-canvas');
    expect(width).toBeGreaterThan(300);
    expect(height).toBeGreaterThan(200);
    expect(await canvasNodes(page)).toHaveLength(50);
    await expect(page.locator('.neighbourhood-list').count()).resolves.toBe(0);
    // Notes, inquiring lines and papers are drawn in this theme's colours for their kinds.
    await expect
      .poll(async () => {
        const { note, inquiry, paper } = await kindPixels(page, '.neighbourhood-canvas');
        return Math.min(note, inquiry, paper);
      })
      .toBeGreaterThan(20);
    expect(errors).toEqual([]);
    await page.locator('#related-concepts').evaluate((element) => element.scrollIntoView());
    await screenshot(page, `graph-neighbourhood-${colorScheme}`);
    // The whole page is long; the view alone is easier to look at.
    await page.locator('.neighbourhood').screenshot({ path: join(screenshotDir, `graph-neighbourhood-${colorScheme}-view.png`) });
    await close();
  });
});

describe('/graph', () => {
  const waitForGraph = (page: Page) => page.waitForSelector('.collection-canvas[data-graph-state="ready"]', { timeout: 60_000 });

  it('opens from “Open in graph” focused on the same node, with its card', async () => {
    const { page, errors, close } = await open(NOTE);
    await page.getByRole('link', { name: 'Open in graph' }).click();
    await page.waitForURL((url) => url.pathname === '/graph/');
    expect(new URL(page.url()).searchParams.get('focus')).toBe(NOTE);
    await waitForGraph(page);
    await expect(page.evaluate(() => window.__trellisGraph?.collection?.centre())).resolves.toBe(NOTE);
    const card = page.locator('.graph-card');
    await expect(card.getByRole('link', { name: NOTE_TITLE }).getAttribute('href')).resolves.toBe(NOTE);
    await expect(card.innerText()).resolves.toContain('49 neighbours');
    expect(errors).toEqual([]);
    await close();
  });

  it('puts the canvas on a phone’s first screen', async () => {
    const { page, close } = await open('/graph/', { viewport: { width: 390, height: 844 } });
    await waitForGraph(page);
    const box = await page.locator('.collection-canvas').boundingBox();
    // Its top half at least is on the first screen, before any scrolling.
    expect((box?.y ?? Infinity) + (box?.height ?? 0) / 2).toBeLessThan(844);
    await screenshot(page, 'graph-collection-phone');
    await close();
  });

  it('draws every node, and its filters hide what they say', async () => {
    const { page, close } = await open('/graph/');
    await waitForGraph(page);
    expect(await canvasNodes(page, 'collection')).toHaveLength(SEED_COUNTS.nodes);
    await expect(page.locator('.graph-notice').innerText()).resolves.toBe(`Showing ${SEED_COUNTS.nodes} of ${SEED_COUNTS.nodes} nodes.`);

    await page.getByRole('group', { name: 'Kinds' }).getByLabel('tags').uncheck();
    await page.waitForFunction((shown) => window.__trellisGraph?.collection?.nodeIds().length === shown, SEED_COUNTS.nodes - SEED_COUNTS.tags);
    expect((await canvasNodes(page, 'collection')).some((id) => id.startsWith('/tags/'))).toBe(false);
    expect(new URL(page.url()).searchParams.get('kinds')).toBe('note,inquiry,paper');

    // A focus and a depth: only what is within one step of seed 000.
    await page.goto(`${server.url}/graph/?focus=${encodeURIComponent(NOTE)}&depth=1&kinds=note,inquiry,paper`);
    await waitForGraph(page);
    await expect(canvasNodes(page, 'collection')).resolves.toHaveLength(50);
    await close();
  });

  it('focuses the node whose title is typed, and zooms to it', async () => {
    const { page, close } = await open('/graph/');
    await waitForGraph(page);
    const zoom = await page.evaluate(() => window.__trellisGraph?.collection?.zoom() ?? 0);
    await page.getByLabel('Find a node').fill(LINE_002_TITLE);
    await page.getByLabel('Find a node').press('Enter');
    await page.waitForFunction((id) => window.__trellisGraph?.collection?.centre() === id, LINE_002);
    expect(new URL(page.url()).searchParams.get('focus')).toBe(LINE_002);
    // Once the view has moved, the node sits in the middle of the canvas.
    await page.waitForFunction(
      (id) => {
        const at = window.__trellisGraph?.collection?.position(id);
        const box = document.querySelector('.collection-canvas')?.getBoundingClientRect();
        return at && box && Math.abs(at.x - (box.left + box.width / 2)) < 5 && Math.abs(at.y - (box.top + box.height / 2)) < 5;
      },
      LINE_002,
    );
    expect(await page.evaluate(() => window.__trellisGraph?.collection?.zoom() ?? 0)).toBeGreaterThanOrEqual(zoom);
    await expect(page.locator('.graph-card h2').innerText()).resolves.toBe(LINE_002_TITLE);
    await close();
  });

  it('shows a clicked node’s summary and a link to its page', async () => {
    const { page, close } = await open(`/graph/?focus=${encodeURIComponent(NOTE)}&depth=1`);
    await waitForGraph(page);
    await waitForStillView(page);
    await clickNode(page, LINE_001, 'collection');
    await page.waitForFunction((id) => window.__trellisGraph?.collection?.centre() === id, LINE_001);
    const card = page.locator('.graph-card');
    await expect(card.locator('h2').innerText()).resolves.toBe(LINE_001_TITLE);
    await expect(card.innerText()).resolves.toContain('This explores why models trained to reason harder');
    await card.getByRole('link', { name: 'Open its page →' }).click();
    await page.waitForURL(`${server.url}${LINE_001}`);
    await close();
  });

  it('labels the most connected nodes where they fit, never two overlapping, and more once zoomed in', async () => {
    const { page, errors, close } = await open('/graph/');
    await waitForGraph(page);
    await waitForStillView(page);
    await page.waitForFunction(() => (window.__trellisGraph?.collection?.labels?.().length ?? 0) > 0);
    const before = await drawnLabels(page);
    const inViewBefore = await nodesInView(page);
    expect(overlappingLabels(before)).toEqual([]);
    // The most connected node of the seeds, seed 000, is labelled first.
    expect(before.map((l) => l.id)).toContain(NOTE);
    const zoom = await page.evaluate(() => window.__trellisGraph?.collection?.zoom() ?? 0);

    // Zoom in with the mouse wheel over the middle of the canvas, as a reader does.
    const box = await page.locator('.collection-canvas').boundingBox();
    await page.mouse.move((box?.x ?? 0) + (box?.width ?? 0) / 2, (box?.y ?? 0) + (box?.height ?? 0) / 2);
    // One notch at a time, each waited for: on a busy machine the canvas takes the wheel late,
    // and notches sent faster than it draws were lost (the view stayed near where it was).
    const zoomNow = () => page.evaluate(() => window.__trellisGraph?.collection?.zoom() ?? 0);
    for (let step = 0; step < 30 && (await zoomNow()) < zoom * 2; step++) {
      const was = await zoomNow();
      await page.mouse.wheel(0, -500);
      await page.waitForFunction((z) => (window.__trellisGraph?.collection?.zoom() ?? 0) > z, was, { timeout: 5000 }).catch(() => undefined);
    }
    expect(await zoomNow()).toBeGreaterThanOrEqual(zoom * 2);
    // Off the canvas, so no node is labelled for being under the pointer.
    await page.mouse.move(0, 0);
    await waitForStillView(page);
    // Zoomed in, fewer nodes are in view, so the count of labels may fall; what must
    // hold is that nodes left unlabelled for want of room now get theirs, and that a
    // larger share of what is in view is labelled.
    const hiddenBefore = inViewBefore.filter((id) => !before.some((l) => l.id === id));
    await page.waitForFunction(
      (ids) => (window.__trellisGraph?.collection?.labels?.() ?? []).some((l) => ids.includes(l.id)),
      hiddenBefore,
    );
    const after = await drawnLabels(page);
    const inViewAfter = await nodesInView(page);
    expect(overlappingLabels(after)).toEqual([]);
    expect(after.length / inViewAfter.length).toBeGreaterThan(before.length / inViewBefore.length);
    console.log(
      `/graph labels: ${before.length} of ${inViewBefore.length} in view at zoom ${zoom.toFixed(2)}, ` +
        `${after.length} of ${inViewAfter.length} zoomed in; longest placement ${(await longestLabelPass(page)).toFixed(1)} ms`,
    );
    await screenshot(page, 'graph-collection-labels-zoomed');
    expect(errors).toEqual([]);
    await close();
  });

  it('finds the path between the two inquiring lines, through seed 000, and shows it on the graph and as text', async () => {
    const { page, errors, close } = await open('/graph/');
    await waitForGraph(page);
    await page.getByLabel('Path from').fill(LINE_001_TITLE);
    await page.getByLabel('to', { exact: true }).fill(LINE_002_TITLE);
    await page.getByRole('button', { name: 'Find path' }).click();
    const steps = page.locator('.graph-path li');
    await page.waitForFunction(() => document.querySelectorAll('.graph-path li').length === 3);
    expect(await steps.evaluateAll((items) => items.map((li) => li.getAttribute('data-node')))).toEqual([LINE_001, NOTE, LINE_002]);
    await expect(steps.first().innerText()).resolves.toBe(`${LINE_001_TITLE} — uses as a source →`);
    await expect(steps.nth(1).innerText()).resolves.toBe(`${NOTE_TITLE} ← uses as a source —`);
    await page.waitForFunction(() => window.__trellisGraph?.collection?.highlighted().length === 3);
    await expect(page.evaluate(() => window.__trellisGraph?.collection?.highlighted())).resolves.toEqual([LINE_001, NOTE, LINE_002]);
    const url = new URL(page.url());
    expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual([LINE_001, LINE_002]);

    // The link reopens the same path; without JavaScript the server lists it.
    const { page: plain, close: closePlain } = await open(`/graph/${url.search}`, { javaScriptEnabled: false });
    await expect(plain.locator('.graph-path li').allInnerTexts()).resolves.toEqual([LINE_001_TITLE, NOTE_TITLE, LINE_002_TITLE]);
    await closePlain();
    expect(errors).toEqual([]);
    await close();
  });

  it.each(['light', 'dark'] as const)('draws the whole collection in %s colours, with its legend', async (colorScheme) => {
    const { page, errors, close } = await open('/graph/', { colorScheme });
    await waitForGraph(page);
    expect(await schemeOf(page)).toBe(colorScheme);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('The graph');
    const [width, height] = await sizeOf(page, '.collection-canvas');
    expect(width).toBeGreaterThan(600);
    expect(height).toBeGreaterThan(300);
    expect(await canvasNodes(page, 'collection')).toHaveLength(SEED_COUNTS.nodes);
    // Every kind is drawn, in this theme's colour for it.
    await expect
      .poll(async () => {
        const { note, inquiry, paper, tag } = await kindPixels(page, '.collection-canvas');
        return Math.min(note, inquiry, paper, tag);
      })
      .toBeGreaterThan(5);
    await page.getByText('Legend').click();
    await expect(page.locator('.graph-legend-list li').allInnerTexts()).resolves.toEqual([
      'Note',
      'Inquiring line',
      'Paper',
      'Tag',
      'Hollow: cited, not in the collection',
      'uses as a source →',
      'related concept →',
      'related paper →',
      'next inquiring line →',
      'mentions →',
      'tagged',
    ]);
    await waitForStillView(page);
    await screenshot(page, `graph-collection-${colorScheme}`);
    // Focused: the view centres on the node at a zoom where labels show.
    await page.goto(`${server.url}/graph/?focus=${encodeURIComponent(NOTE)}`);
    await waitForGraph(page);
    await expect(page.evaluate(() => window.__trellisGraph?.collection?.centre())).resolves.toBe(NOTE);
    await expect(page.locator('.graph-card h2').innerText()).resolves.toBe(NOTE_TITLE);
    await waitForStillView(page);
    await screenshot(page, `graph-collection-focus-${colorScheme}`);
    expect(errors).toEqual([]);
    await close();
  });
});

/*
 * A collection larger than its overview: the seeds served with an overview of 40
 * of their nodes (TRELLIS_GRAPH_OVERVIEW_NODES), as 52,000 documents are served
 * with 3,000. The seeds' two full papers have only tags, no links, so they are
 * left out, as are the stubs cited once. Such a collection opens on the map of
 * topics; `?view=overview` asks for the overview.
 */
describe('/graph of a collection larger than its overview', () => {
  const OVERVIEW = 40;
  const PAPER = SEEDS.paper003;
  /** An inquiring line seed 000 names but the collection does not hold: a stub, cited once. */
  const STUB_TITLE = 'What makes emotional alignment more effective than logic when reasoning errors are exposed?';
  let small: RunningServer;

  beforeAll(async () => {
    small = await startServer({ contentDir: 'content', env: { TRELLIS_GRAPH_OVERVIEW_NODES: String(OVERVIEW) } });
  });
  afterAll(async () => {
    await small?.stop();
  });

  const waitForLevel = (page: Page, level: string) => page.waitForSelector(`.graph-notice[data-level="${level}"]`, { timeout: 60_000 });
  const waitForDrawn = (page: Page) => page.waitForSelector('.collection-canvas[data-graph-state="ready"]', { timeout: 60_000 });
  const notice = (page: Page) => page.locator('.graph-notice').innerText();

  it('shows the most connected nodes and says how many of how many', async () => {
    const { page, errors, close } = await open('/graph/?view=overview', { origin: small.url });
    await waitForLevel(page, 'overview');
    await waitForDrawn(page);
    await expect(notice(page)).resolves.toBe(`Showing the ${OVERVIEW} most connected of ${SEED_COUNTS.nodes} nodes. Find a node to see its neighbourhood.`);
    const drawn = await canvasNodes(page, 'collection');
    expect(drawn).toHaveLength(OVERVIEW);
    expect(drawn).toContain(NOTE);
    expect(drawn).not.toContain(PAPER.id);
    await expect(page.getByRole('combobox', { name: 'Show' }).locator('option').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['the map of topics', 'the overview']));
    await expect(page.getByRole('combobox', { name: 'Show' }).inputValue()).resolves.toBe('0');
    expect(errors).toEqual([]);
    await close();
  });

  it('labels the overview where labels fit, never two overlapping', async () => {
    const { page, errors, close } = await open('/graph/?view=overview', { origin: small.url });
    await waitForLevel(page, 'overview');
    await waitForDrawn(page);
    await page.waitForFunction(() => (window.__trellisGraph?.collection?.labels?.().length ?? 0) > 0);
    expect(overlappingLabels(await drawnLabels(page))).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('finds a node the overview leaves out, shows its neighbourhood, and goes back', async () => {
    const { page, errors, close } = await open('/graph/?view=overview', { origin: small.url });
    await waitForLevel(page, 'overview');
    await page.getByLabel('Find a node').fill(PAPER.title);
    await page.getByLabel('Find a node').press('Enter');
    await waitForLevel(page, 'region');
    await waitForDrawn(page);
    await page.waitForFunction((id) => window.__trellisGraph?.collection?.centre() === id, PAPER.id);
    const url = new URL(page.url());
    expect([url.searchParams.get('focus'), url.searchParams.get('depth')]).toEqual([PAPER.id, '1']);
    // The paper and its twelve tags: the same nodes as its neighbourhood.
    const around = (await (await fetch(`${small.url}/api/neighbourhood/?id=${encodeURIComponent(PAPER.id)}`)).json()) as { nodes: { id: string }[] };
    await expect(canvasNodes(page, 'collection')).resolves.toEqual(around.nodes.map((n) => n.id).sort());
    await expect(notice(page)).resolves.toBe(`Showing 13 nodes within 1 step of ${PAPER.title}, of ${SEED_COUNTS.nodes} in the collection.`);
    await expect(page.locator('.graph-card h2').innerText()).resolves.toBe(PAPER.title);

    await page.getByRole('button', { name: 'Back to the overview' }).click();
    await waitForLevel(page, 'overview');
    await waitForDrawn(page);
    await expect(canvasNodes(page, 'collection')).resolves.toHaveLength(OVERVIEW);
    expect(new URL(page.url()).searchParams.get('focus')).toBeNull();
    expect(errors).toEqual([]);
    await close();
  });

  it('finds and draws a path to a node the overview leaves out', async () => {
    const { page, errors, close } = await open('/graph/?view=overview', { origin: small.url });
    await waitForLevel(page, 'overview');
    await page.getByLabel('Path from').fill(LINE_001_TITLE);
    await page.getByLabel('to', { exact: true }).fill(STUB_TITLE);
    await page.getByRole('button', { name: 'Find path' }).click();
    await waitForLevel(page, 'region');
    await waitForDrawn(page);
    const steps = page.locator('.graph-path li');
    await page.waitForFunction(() => document.querySelectorAll('.graph-path li').length === 3);
    const ids = await steps.evaluateAll((items) => items.map((li) => li.getAttribute('data-node')));
    expect(ids.slice(0, 2)).toEqual([LINE_001, NOTE]);
    // Every step of the path is drawn and highlighted, the end outside the overview too.
    await page.waitForFunction(() => window.__trellisGraph?.collection?.highlighted().length === 3);
    await expect(page.evaluate(() => window.__trellisGraph?.collection?.highlighted())).resolves.toEqual(ids);
    await expect(notice(page)).resolves.toMatch(new RegExp(`^Showing the path and \\d+ nodes within 1 step of it, of ${SEED_COUNTS.nodes} in the collection\\.`));
    expect(errors).toEqual([]);
    await close();
  });

  it('opens on the map of topics, zooms into a topic, focuses a document in the graph, and goes back to the map', async () => {
    const map = (await (await fetch(`${small.url}/api/graph/?level=topics`)).json()) as { slugs: string[]; parents: number[] };
    const roots = map.slugs.filter((_, i) => map.parents[i] === -1);
    // A window tall enough for the whole map under the controls: a click right after scrolling could land before cytoscape sees the scroll.
    const { page, errors, close } = await open('/graph/', { origin: small.url, viewport: { width: 1200, height: 1400 } });
    await waitForLevel(page, 'topics');
    await expect(page.getByRole('combobox', { name: 'Show' }).inputValue()).resolves.toBe('topics');
    await page.waitForFunction((n) => window.__trellisGraph?.topics?.nodeIds().length === n, roots.length);
    await expect(page.evaluate(() => window.__trellisGraph?.topics?.nodeIds())).resolves.toEqual(roots);
    // No overview drawn behind the map.
    await expect(page.locator('.collection-canvas canvas').count()).resolves.toBe(0);

    // The seeds' topics have no subtopics: choosing one shows its documents; choosing a document focuses it here.
    const slug = roots[0] as string;
    await page.waitForFunction((s) => window.__trellisGraph?.topics?.position(s) !== undefined, slug);
    const at = await page.evaluate((s) => window.__trellisGraph?.topics?.position(s), slug);
    await page.mouse.click(at!.x, at!.y);
    await page.waitForSelector('.topic-map-canvas[data-shown="documents"]');
    const members = (await (await fetch(`${small.url}/api/graph/?topic=${slug}`)).json()) as { ids: string[] };
    const first = members.ids[0] as string;
    await page.waitForFunction((id) => window.__trellisGraph?.topics?.position(id) !== undefined, first);
    const doc = await page.evaluate((id) => window.__trellisGraph?.topics?.position(id), first);
    await page.mouse.click(doc!.x, doc!.y);
    await waitForLevel(page, 'region');
    await waitForDrawn(page);
    await page.waitForFunction((id) => window.__trellisGraph?.collection?.centre() === id, first);
    expect(new URL(page.url()).searchParams.get('focus')).toBe(first);

    await page.getByRole('button', { name: 'Back to the map of topics' }).click();
    await waitForLevel(page, 'topics');
    await page.waitForFunction((n) => window.__trellisGraph?.topics?.nodeIds().length === n, roots.length);
    expect(new URL(page.url()).searchParams.get('focus')).toBeNull();
    expect(errors).toEqual([]);
    await close();
  });
});
