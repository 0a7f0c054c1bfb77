import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBJECTS, writeSubjectNotes } from './subjects';
import type { SearchApiError, SearchApiResponse } from '../../lib/search/api';

/*
 * Search narrowed to a topic: GET /api/search?topic=<slug>. A collection of 200 notes
 * on five subjects, with the in-request limit lowered to 100 documents so that it
 * counts as large: the filter answers 503 until the topics are computed.
 */
const NOTES = 200;
let dir: string;

beforeAll(() => {
  dir = writeSubjectNotes('trellis-topic-search-', NOTES);
  process.env.TRELLIS_CONTENT_DIR = dir;
  process.env.TRELLIS_BUILD_IN_REQUEST_LIMIT = '100';
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  delete process.env.TRELLIS_BUILD_IN_REQUEST_LIMIT;
});

async function get(params: Record<string, string>): Promise<{ status: number; body: unknown; headers: Headers }> {
  // Imported after the limit is set: it is read when lib/steps.ts loads.
  const { GET } = await import('../../app/api/search/route');
  const res = GET(new Request(`http://localhost/api/search/?${new URLSearchParams(params).toString()}`));
  return { status: res.status, body: await res.json(), headers: res.headers };
}

describe('GET /api/search?topic=', () => {
  it('answers 503 while topics are computed, then keeps only the topic\'s documents, with counts and paging that follow', async () => {
    const { warmGraph } = await import('../../lib/corpus');
    const { warmSearchIndex, searchNodes } = await import('../../lib/search');
    const { warmTopics } = await import('../../lib/topics/store');
    const graph = await warmGraph();
    await warmSearchIndex(graph);

    // Search is ready, topics are not: the filter says so, the unfiltered search answers.
    const early = await get({ q: 'note', topic: 'anything' });
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(early.body).toMatchObject({ ready: false, pending: 'topics' });
    expect((await get({ q: 'note' })).status).toBe(200);
    // Nor does the neighbourhood wait for them: it comes without topics meanwhile.
    const { GET: getNeighbourhood } = await import('../../app/api/neighbourhood/route');
    const bare = await getNeighbourhood(new Request('http://localhost/api/neighbourhood/?id=/notes/note-0-on-calibration-of-confidence/'));
    expect(bare.status).toBe(200);
    const bareView = (await bare.json()) as { topics?: unknown; nodes: { topic?: string }[] };
    expect(bareView.topics).toBeUndefined();
    expect(bareView.nodes.some((n) => n.topic)).toBe(false);

    const topics = await warmTopics(graph);
    const later = (await (await getNeighbourhood(new Request('http://localhost/api/neighbourhood/?id=/notes/note-0-on-calibration-of-confidence/'))).json()) as { nodes: { topic?: string }[] };
    expect(later.nodes[0]?.topic).toBe(topics.topicOf.get('/notes/note-0-on-calibration-of-confidence/' as never));
    const slug = topics.topicOf.get('/notes/note-0-on-calibration-of-confidence/' as never) as string;
    const topic = topics.topics.get(slug as never);
    expect(topic).toBeDefined();
    const members = new Set<string>(topic?.members ?? []);
    expect(members.size).toBeGreaterThan(0);
    expect(members.size).toBeLessThan(NOTES);

    const all = (await get({ q: 'note' })).body as SearchApiResponse;
    expect(all.total).toBe(NOTES);
    expect(all.topic).toBeNull();

    const within = await get({ q: 'note', topic: slug, limit: '50' });
    expect(within.status).toBe(200);
    const body = within.body as SearchApiResponse;
    expect(body.topic).toEqual({ slug, label: topic?.label });
    expect(body.total).toBe(members.size);
    expect(body.counts.note).toBe(members.size);
    expect(body.results.length).toBe(Math.min(50, members.size));
    for (const hit of body.results) expect(members.has(hit.id)).toBe(true);

    // Page by page, the filtered results are exactly the topic's documents, none twice.
    const seen: string[] = [];
    for (let offset = 0; offset < members.size; offset += 7) {
      seen.push(...searchNodes(graph, 'note', { within: members as never, limit: 7, offset }).results.map((r) => r.id));
    }
    expect(seen.length).toBe(members.size);
    expect(new Set(seen)).toEqual(members);

    // A word only another topic's notes hold finds nothing here, though it finds notes elsewhere.
    const word = SUBJECTS.map((s) => s.split(' ')[0] as string).find((w) => ![...members].some((id) => id.includes(w))) as string;
    expect(word).toBeDefined();
    expect(((await get({ q: word })).body as SearchApiResponse).total).toBeGreaterThan(0);
    const none = (await get({ q: word, topic: slug })).body as SearchApiResponse;
    expect(none.total).toBe(0);
    expect(none.counts.note).toBe(0);
    expect(none.results).toEqual([]);
  });

  it('refuses a topic that names none, in words, with status 400', async () => {
    const unknown = await get({ q: 'note', topic: 'no-such-topic' });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('cache-control')).toBe('no-store');
    const error = unknown.body as SearchApiError;
    expect(error.parameter).toBe('topic');
    expect(error.error).toContain('"no-such-topic"');
    expect(error.error).toContain('/topics/');

    const long = await get({ q: 'note', topic: 'x'.repeat(300) });
    expect(long.status).toBe(400);
    expect((long.body as SearchApiError).parameter).toBe('topic');

    // Empty is the whole collection, as for kind.
    expect(((await get({ q: 'note', topic: '' })).body as SearchApiResponse).total).toBe(NOTES);
  });
});
