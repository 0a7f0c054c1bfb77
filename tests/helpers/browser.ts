/**
 * Chromium for browser tests: the system's /usr/bin/chromium (installed by
 * .ci/run), headless, with nothing that reaches the network on its own.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = fileURLToPath(new URL('../..', import.meta.url));

export const screenshotDir = join(root, 'test-artifacts', 'screenshots');

/**
 * Launches Chromium. Playwright gives every launch a fresh temporary profile
 * (`--user-data-dir` under the OS temp folder) and deletes it on close, so no
 * state carries over between runs.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a full-page PNG as test-artifacts/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The page's computed background and text colours (CSS `rgb(…)`), as a reader sees them. */
export function pageColours(page: Page): Promise<{ background: string; text: string }> {
  return page.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    return { background: style.backgroundColor, text: style.color };
  });
}

/** Relative luminance (0 black … 1 white) of a CSS `rgb(r, g, b)` colour. */
export function luminance(colour: string): number {
  const [r = 0, g = 0, b = 0] = (colour.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * The scheme a page reads in: 'light' (a light background, dark text), 'dark' (the
 * reverse), or, when it is neither, its colours, so that a failure shows them.
 */
export async function schemeOf(page: Page): Promise<string> {
  const { background, text } = await pageColours(page);
  const [back, fore] = [luminance(background), luminance(text)];
  if (back > 0.5 && fore < 0.2) return 'light';
  if (back < 0.1 && fore > 0.5) return 'dark';
  return `background ${background}, text ${text}`;
}

/**
 * Waits for the page to show that it has handled what the test's last actions set off,
 * so that the test may then assert that something did not happen (no dialog, no request
 * elsewhere, no CSP violation) without a fixed sleep. The page runs a task, then two
 * animation frames, then asks its own server for `/api/health/`: Chromium reports
 * requests in the order they start, so once that one is seen every request the actions
 * started has been seen, and the handlers, timers and events they queued before it have run.
 */
export async function waitForSettled(page: Page): Promise<void> {
  const marker = `settled=${Math.random().toString(36).slice(2)}`;
  const seen = page.waitForRequest((request) => request.url().endsWith(marker), { timeout: 30_000 });
  await page.evaluate(async (query) => {
    await new Promise((done) => setTimeout(done, 0));
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    void fetch(`/api/health/?${query}`).catch(() => undefined);
  }, marker);
  await seen;
}
