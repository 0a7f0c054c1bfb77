import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../lib/cli/main';

/** Waits until `check` holds, polling: the watcher reports saves asynchronously. */
async function eventually(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition never held');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('trellis check --watch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-check-watch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports once, then the problems of each file as it is saved, until stopped', async () => {
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes/a.md'), '---\ntitle: A\n---\nFine.');
    const out: string[] = [];
    const stop = new AbortController();
    const running = runCli(['check', '--content', dir, '--watch'], { out: (l) => out.push(l), err: (l) => out.push(l), signal: stop.signal });
    await eventually(() => out.includes(`watching ${dir} for changes; Ctrl-C to stop`));
    expect(out[0]).toMatch(/^1 file \(1 loaded/);

    writeFileSync(join(dir, 'notes/a.md'), '---\ntitle: A\nLinks to [[Nowhere]]');
    await eventually(() => out.some((l) => l.includes('[yaml]')));
    expect(out).toContain(`${join(dir, 'notes/a.md')}:1: error [yaml] frontmatter opened with --- is never closed, so the whole file is read as body; end it with a line holding only ---`);

    writeFileSync(join(dir, 'notes/a.md'), '---\ntitle: A\n---\nFixed.');
    await eventually(() => out.includes(`${join(dir, 'notes/a.md')}: no problems`));

    stop.abort();
    expect(await running).toBe(0);
  });

  it('refuses --watch with --format json', async () => {
    const err: string[] = [];
    expect(await runCli(['check', '--content', dir, '--watch', '--format', 'json'], { out: () => {}, err: (l) => err.push(l) })).toBe(2);
    expect(err[0]).toBe('trellis check: --watch prints text; it cannot be used with --format json');
  });
});
