import { mkdtempSync, rmSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getGraph } from '../../lib/corpus';
import { bodyOf } from '../../lib/graph/body';

/** Waits until `check` holds, polling: the watcher reports changes asynchronously. */
async function eventually(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition never held');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('getGraph while content changes (watch mode, as in npm run dev)', () => {
  let dir: string;
  const saved = { dir: process.env.TRELLIS_CONTENT_DIR, watch: process.env.TRELLIS_WATCH };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-watch-'));
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'a.md'), '---\ntitle: First note\n---\nHello.');
    process.env.TRELLIS_CONTENT_DIR = dir;
    process.env.TRELLIS_WATCH = '1';
  });

  afterAll(() => {
    process.env.TRELLIS_CONTENT_DIR = saved.dir;
    process.env.TRELLIS_WATCH = saved.watch;
    rmSync(dir, { recursive: true, force: true });
  });

  const titles = () => [...getGraph().nodes.values()].map((n) => n.title).sort();

  it('builds once and serves the same graph while nothing changes', () => {
    expect(getGraph()).toBe(getGraph());
    expect(titles()).toEqual(['First note']);
  });

  it('shows an added, edited or deleted file on the next call, without a restart', async () => {
    writeFileSync(join(dir, 'notes', 'b.md'), '---\ntitle: Second note\n---\n');
    await eventually(() => titles().includes('Second note'));
    writeFileSync(join(dir, 'notes', 'a.md'), '---\ntitle: First note, edited\n---\n');
    await eventually(() => titles().includes('First note, edited'));
    unlinkSync(join(dir, 'notes', 'b.md'));
    await eventually(() => !titles().includes('Second note'));
    expect(titles()).toEqual(['First note, edited']);
  });

  it('a body edited is patched into the graph: the new text is read, the links kept as they were', async () => {
    const before = getGraph();
    const body = () => {
      const node = [...getGraph().nodes.values()].find((n) => n.title === 'First note, edited');
      return node ? bodyOf(getGraph(), node) : '';
    };
    expect(body()).toBe('');
    writeFileSync(join(dir, 'notes', 'a.md'), '---\ntitle: First note, edited\n---\nRewritten body.\n');
    await eventually(() => body().includes('Rewritten body.'));
    expect(getGraph()).not.toBe(before);
    // Patched rather than rebuilt: the edges are the very ones built before.
    expect(getGraph().edges).toBe(before.edges);
  });

  it('a file saved half-written shows its error and the rest of the site stays up', async () => {
    writeFileSync(join(dir, 'notes', 'c.md'), '---\ntitle: [half written\n');
    await eventually(() => getGraph().diagnostics.some((d) => d.file === 'notes/c.md'));
    expect(titles()).toContain('First note, edited');
    expect(getGraph().diagnostics.find((d) => d.file === 'notes/c.md')?.code).toBe('yaml');
  });
});
