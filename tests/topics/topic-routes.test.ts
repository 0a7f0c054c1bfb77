import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getGraphRoute } from '../../app/api/graph/route';
import { getGraph } from '../../lib/corpus';
import type { CompactGraph } from '../../lib/graph/layout';
import type { Slug } from '../../lib/graph/types';
import type { TopicMap } from '../../lib/topics/map';
import { inquiriesThrough, neighbouringTopics, topicTrail } from '../../lib/topics/queries';
import { getTopics } from '../../lib/topics/store';
import { SEEDS } from '../helpers/seeds';

/* The topic levels of /api/graph/ and the hub's queries, against content/ (the seeds). */
const content = resolve(fileURLToPath(new URL('../../content', import.meta.url)));

async function call<T>(params: Record<string, string>) {
  const url = new URL('http://trellis.test/api/graph/');
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const response = await getGraphRoute(new Request(url));
  return { status: response.status, body: (await response.json()) as T };
}

beforeAll(() => {
  process.env.TRELLIS_CONTENT_DIR = content;
});

describe('GET /api/graph/?level=topics', () => {
  it('answers one node per topic, sized by its documents, placed, with edges between topics that exist', async () => {
    const { status, body } = await call<TopicMap>({ level: 'topics' });
    expect(status).toBe(200);
    const topics = getTopics(getGraph());
    expect(body.slugs).toEqual([...topics.topics.keys()]);
    expect(body.sizes).toEqual([...topics.topics.values()].map((t) => t.members.length));
    const leaves = body.slugs.filter((_, i) => !body.parents.includes(i));
    expect(leaves.reduce((n, s) => n + (topics.topics.get(s as Slug)?.members.length ?? 0), 0)).toBe(topics.topicOf.size);
    expect(body.positions).toHaveLength(2 * body.slugs.length);
    expect(body.positions.every(Number.isFinite)).toBe(true);
    for (let e = 0; e < body.edges.length; e += 3) {
      expect(body.slugs[body.edges[e] as number]).toBeDefined();
      expect(body.slugs[body.edges[e + 1] as number]).toBeDefined();
      expect(body.edges[e + 2]).toBeGreaterThan(0);
    }
  });

  it("zooms into a topic: its members as a region, and a 404 for a topic that does not exist, a 400 for a bad level", async () => {
    const topics = getTopics(getGraph());
    const [slug, topic] = [...topics.topics][0]!;
    const members = await call<CompactGraph & { topic: { label: string } }>({ topic: slug });
    expect(members.status).toBe(200);
    expect(members.body.ids).toEqual(topic.members);
    expect(members.body.topic.label).toBe(topic.label);
    expect((await call<{ error: string }>({ topic: 'no-such-topic' })).status).toBe(404);
    expect((await call<{ error: string }>({ level: 'galaxies' })).body.error).toMatch(/level/);
  });
});

describe('topic hubs', () => {
  it('names the topic of every seed document, and the inquiring lines that draw on a topic of notes', () => {
    const graph = getGraph();
    const topics = getTopics(graph);
    for (const seed of [SEEDS.note000, SEEDS.line001, SEEDS.line002]) expect(topicTrail(topics, seed.id).length).toBeGreaterThan(0);
    const noteTopic = topics.topics.get(topics.topicOf.get(SEEDS.note000.id)!)!;
    const lines = inquiriesThrough(graph, noteTopic).map((l) => l.node.id);
    // Seed 000 is a source of 38 inquiring lines: those lines run through its topic.
    const citing = (graph.incoming.get(SEEDS.note000.id) ?? []).filter((e) => e.kind === 'source').map((e) => e.source);
    expect(citing.length).toBeGreaterThan(0);
    for (const id of citing) expect(lines).toContain(id);
    for (const { topic, links, similar } of neighbouringTopics(topics, noteTopic.slug)) {
      expect(topic.slug).not.toBe(noteTopic.slug);
      expect(links + similar).toBeGreaterThan(0);
    }
  });
});
