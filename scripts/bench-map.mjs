#!/usr/bin/env node
/**
 * The whole-graph map as a reader first meets it (issue 13): opens a page of a running
 * server in headless Chromium (/usr/bin/chromium, or CHROMIUM_PATH) several times and
 * prints, for each load, when the map of topics was first drawn (from navigation start)
 * and the long tasks (over 50 ms) of the main thread while loading, then for 2 s idle and
 * 3 s after choosing the largest topic (semantic zoom into its subtopics).
 *
 *   node scripts/bench-map.mjs http://127.0.0.1:3000 [/graph/] [runs=3]
 *
 * Start the server on the collection first (`npm start`), and let its topics be
 * computed (`/api/health/` lists the task). Prints figures; asserts nothing.
 */
import { chromium } from 'playwright-core';

const [origin, path = '/graph/', runsText = '3'] = process.argv.slice(2);
if (!origin) {
  console.error('usage: node scripts/bench-map.mjs <origin> [path] [runs]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const drawn = [];
const worstAfter = [];
try {
  for (let run = 0; run < Number(runsText); run++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${origin}${path}`, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window.__trellisGraph?.topics?.nodeIds() ?? []).length > 0, null, { timeout: 120_000, polling: 20 });
    const at = await page.evaluate(() => performance.now());
    const nodes = await page.evaluate(() => window.__trellisGraph.topics.nodeIds().length);
    await page.waitForTimeout(2000);
    // Semantic zoom: choose the first (largest) topic and let its subtopics draw.
    const first = await page.evaluate(() => window.__trellisGraph.topics.nodeIds()[0]);
    const point = await page.evaluate((key) => window.__trellisGraph.topics.position(key), first);
    if (point) await page.mouse.click(point.x, point.y);
    await page.waitForTimeout(3000);
    const zoomed = await page.evaluate(() => window.__trellisGraph.topics.nodeIds().length);
    const tasks = await page.evaluate(() => window.__longTasks);
    const after = tasks.filter((t) => t.start >= at);
    const worst = Math.max(0, ...after.map((t) => t.duration));
    drawn.push(at);
    worstAfter.push(worst);
    console.log(
      `run ${run + 1}: map of ${nodes} topics (${zoomed} nodes once the first is chosen) drawn at ${(at / 1000).toFixed(2)} s; long tasks before it: ${tasks.filter((t) => t.start < at).map((t) => Math.round(t.duration)).join(', ') || 'none'}; ` +
        `after it (2 s idle, then a topic chosen and 3 s): ${after.map((t) => Math.round(t.duration)).join(', ') || 'none'}`,
    );
    await page.close();
  }
  console.log(`median: first drawing ${(median(drawn) / 1000).toFixed(2)} s (target ≤ 2 s), longest task after it ${Math.round(median(worstAfter))} ms (target ≤ 200 ms)`);
} finally {
  await browser.close();
}
