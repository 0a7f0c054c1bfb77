import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getNeighbourhoodRoute } from '../../app/api/neighbourhood/route';
import { getGraph } from '../../lib/corpus';
import type { Neighbourhood } from '../../lib/graph/neighbourhood';
import type { NodeId } from '../../lib/graph/types';
import { topicColour } from '../../lib/site/topic-colour';
import { getTopics } from '../../lib/topics/store';
import { SEEDS } from '../helpers/seeds';

/* A neighbourhood coloured by topic: each node's leaf topic from /api/neighbourhood/, a colour per topic. */
const content = resolve(fileURLToPath(new URL('../../content', import.meta.url)));

beforeAll(() => {
  process.env.TRELLIS_CONTENT_DIR = content;
});

describe('GET /api/neighbourhood/ with topics', () => {
  it("names each node's leaf topic and labels the topics present", async () => {
    const url = new URL('http://trellis.test/api/neighbourhood/');
    url.searchParams.set('id', SEEDS.note000.id);
    url.searchParams.set('depth', '2');
    const response = await getNeighbourhoodRoute(new Request(url));
    expect(response.status).toBe(200);
    const view = (await response.json()) as Neighbourhood;
    const set = getTopics(getGraph());
    const withTopic = view.nodes.filter((n) => n.topic);
    expect(withTopic.length).toBeGreaterThan(1);
    for (const node of view.nodes) expect(node.topic).toBe(set.topicOf.get(node.id as NodeId));
    // The key's labels: exactly the topics present, each as the topic set names it.
    const present = new Set(withTopic.map((n) => n.topic as string));
    expect(Object.keys(view.topics ?? {}).sort()).toEqual([...present].sort());
    for (const slug of present) expect(view.topics?.[slug]).toBe(set.topics.get(slug as never)?.label);
    // A leaf topic: no topic named has subtopics.
    for (const slug of present) expect(set.topics.get(slug as never)?.children).toEqual([]);
  });
});

describe('topicColour', () => {
  // cytoscape reads hsl() with commas only (its colour parser); a space-separated one would be ignored.
  const CYTOSCAPE_HSL = /^hsl\(\d{1,3}, \d{1,3}%, \d{1,3}%\)$/;

  it('gives a slug the same colour every time, in a form cytoscape reads', () => {
    expect(topicColour('sycophancy-pushback')).toBe(topicColour('sycophancy-pushback'));
    for (const slug of ['a', 'sycophancy-pushback', 'protein-folding', '研究']) expect(topicColour(slug)).toMatch(CYTOSCAPE_HSL);
  });

  it('spreads topics over many colours', () => {
    const colours = new Set(Array.from({ length: 40 }, (_, i) => topicColour(`topic-${i}`)));
    expect(colours.size).toBeGreaterThanOrEqual(30);
  });
});
