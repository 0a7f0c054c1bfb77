import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSubjectNotes } from './subjects';

/*
 * Topics of a collection too large to compute inside a request: the map answers
 * 503 with Retry-After and progress, and a document's page says "still indexing",
 * until the topics are computed; then both are served. The limit is lowered to 100
 * documents so that 200 notes are "large".
 */
const NOTES = 200;
let dir: string;

beforeAll(() => {
  dir = writeSubjectNotes('trellis-topics-ready-', NOTES);
  process.env.TRELLIS_CONTENT_DIR = dir;
  process.env.TRELLIS_BUILD_IN_REQUEST_LIMIT = '100';
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  delete process.env.TRELLIS_BUILD_IN_REQUEST_LIMIT;
});

describe('topics of a large collection', () => {
  it('answer 503 while they are computed, then serve the map and name each note\'s topic', async () => {
    // Imported after the limit is set: it is read when lib/steps.ts loads.
    const { warmGraph } = await import('../../lib/corpus');
    const { GET } = await import('../../app/api/graph/route');
    const { topicsAvailability, warmTopics } = await import('../../lib/topics/store');
    const graph = await warmGraph();

    const early = await GET(new Request('http://localhost/api/graph/?level=topics'));
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await early.json()).toMatchObject({ ready: false, pending: 'topics' });
    expect(topicsAvailability(graph).busy).toBe(true);

    const topics = await warmTopics(graph);
    expect(topicsAvailability(graph)).toEqual({ busy: false });
    const map = await GET(new Request('http://localhost/api/graph/?level=topics'));
    expect(map.status).toBe(200);
    expect((await map.json()).total).toEqual({ topics: topics.topics.size, documents: NOTES });
    // The two subjects land in different topics.
    const [a, b] = ['/notes/note-0-on-calibration-of-confidence/', '/notes/note-1-on-sycophancy-under-pushback/'].map((id) => topics.topicOf.get(id as never));
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
  });
});
