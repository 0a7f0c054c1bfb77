import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { SEEDS } from '../helpers/seeds';
import { startServer, type RunningServer } from '../helpers/server';

/*
 * A page's CSP names its own inline scripts by hash (server/page-csp.mjs). Should
 * markup get into a page's HTML some other way (a sanitiser's bug), its scripts must
 * not run, while the page's own still do. The HTML is altered on its way to the
 * browser, headers untouched, as if the server itself had sent it. That the server
 * hashes only its own scripts, and not one found in the content, is tested on
 * sealPage itself (tests/robustness/page-cache.test.ts).
 */

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

const INJECTED = '<script>window.__pwned=1</script><img src="/x" onerror="window.__pwned=2">';

/** Opens `path` with INJECTED added to its body by the network, and collects CSP violations. */
async function openInjected(path: string): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
  });
  await page.route(`${server.url}${path}`, async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    expect(html).toContain('</body>');
    const headers = { ...response.headers() };
    delete headers['content-encoding'];
    delete headers['content-length'];
    await route.fulfill({ status: response.status(), headers, body: html.replace('</body>', `${INJECTED}</body>`) });
  });
  await page.goto(`${server.url}${path}`);
  return { page, violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations) };
}

describe("a script that is not one of the page's own", () => {
  it.each([SEEDS.note000.id, '/search/?q=sycophancy'])('does not run on %s, and the page still works', async (path) => {
    const { page, violations } = await openInjected(path);
    // The page's own scripts ran: React answers the theme toggle.
    await page.getByRole('button', { name: 'Dark' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // The injected element and handler were refused, and nothing else: every script of the
    // page's own is named in its policy.
    expect((await violations()).sort()).toEqual(['script-src-attr', 'script-src-elem']);
    await page.close();
  });
});
