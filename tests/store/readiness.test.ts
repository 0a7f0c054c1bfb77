import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * A server starting on a collection too large to read inside a request answers at
 * once: 503 with Retry-After and its progress, never a request left waiting. The
 * limit is lowered to 100 documents so that 300 notes are "large".
 */
const NOTES = 300;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trellis-ready-'));
  mkdirSync(join(dir, 'notes'));
  for (let i = 0; i < NOTES; i++) writeFileSync(join(dir, 'notes', `n${String(i).padStart(3, '0')}.md`), `---\ntitle: Note number ${i} about calibration\n---\nBody ${i} on calibration.\n`);
  process.env.TRELLIS_CONTENT_DIR = dir;
  process.env.TRELLIS_BUILD_IN_REQUEST_LIMIT = '100';
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  delete process.env.TRELLIS_BUILD_IN_REQUEST_LIMIT;
});

describe('start-up on a large collection', () => {
  it('answers 503 with Retry-After and progress while reading, then serves; search waits for its own index', async () => {
    // Imported after the limit is set: it is read when lib/steps.ts loads.
    const { corpusBusy, warmGraph } = await import('../../lib/corpus');
    const { GET: health } = await import('../../app/api/health/route');
    const { GET: search } = await import('../../app/api/search/route');
    const { notReadyPage } = await import('../../lib/site/readiness');
    const { warmSearchIndex } = await import('../../lib/search');

    const opening = warmGraph();
    // A health check during start-up joins the same opening rather than driving it twice.
    expect(warmGraph()).toBe(opening);
    const busy = corpusBusy();
    expect(busy).toMatchObject({ busy: true });
    if (!busy.busy) return;
    expect(busy.percent).toBeGreaterThanOrEqual(0);
    expect(busy.percent).toBeLessThan(100);

    const early = await search(new Request('http://localhost/api/search/?q=calibration'));
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await early.json()).toMatchObject({ ready: false, pending: 'corpus' });
    const waiting = await health();
    expect(waiting.status).toBe(503);
    expect(await waiting.json()).toMatchObject({ ready: false });
    const page = notReadyPage(busy.percent);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain(`Still indexing (${busy.percent}%)`);

    const graph = await opening;
    expect(corpusBusy()).toEqual({ busy: false });
    const ready = await health();
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, counts: { documents: NOTES, files: NOTES } });

    // The graph is read; the search index is not built yet and is too large to build in a request.
    const indexing = await search(new Request('http://localhost/api/search/?q=calibration'));
    expect(indexing.status).toBe(503);
    expect(await indexing.json()).toMatchObject({ ready: false, pending: 'search' });
    await warmSearchIndex(graph);
    const answered = await search(new Request('http://localhost/api/search/?q=calibration'));
    expect(answered.status).toBe(200);
    expect((await answered.json()).total).toBe(NOTES);
  });

  it('hands the warm-up the graph when a request finished reading it first', async () => {
    // Another folder: a corpus of its own, not yet read.
    const other = mkdtempSync(join(tmpdir(), 'trellis-ready-'));
    cpSync(dir, other, { recursive: true });
    writeFileSync(join(other, 'notes', 'zz-new.md'), '---\ntitle: A note added later\n---\nBody.\n');
    process.env.TRELLIS_CONTENT_DIR = other;
    const { getGraph, warmGraph } = await import('../../lib/corpus');
    const warming = warmGraph();
    const now = getGraph();
    expect(await warming).toBe(now);
    expect([...now.nodes.values()].some((n) => n.title === 'A note added later')).toBe(true);
    rmSync(other, { recursive: true, force: true });
  });
});

