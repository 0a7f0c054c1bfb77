import { describe, expect, it } from 'vitest';
import { closestNodes, matchRoute } from '../../lib/site/route';
import { seedGraph } from '../graph/seed-graph';
import { SEEDS } from '../helpers/seeds';

const graph = seedGraph();
/** Seed 000: its URL keeps the corpus site's slug, made from its original declarative title. */
const SEED_000 = SEEDS.note000.id;

describe('matchRoute', () => {
  it('finds a node by its URL segment, redirects another case, and misses the rest', () => {
    const found = matchRoute(graph, 'note', SEED_000.split('/')[2] as string);
    expect(found.status === 'found' && found.node.id).toBe(SEED_000);
    expect(matchRoute(graph, 'note', 'Sycophancy-Cannot-Be-Fixed-By-Better-Reasoning-Training-Because-There-Is-No-Reas')).toEqual({ status: 'redirect', url: SEED_000 });
    expect(matchRoute(graph, 'note', '..%2F..%2Fetc%2Fpasswd').status).toBe('missing');
    expect(matchRoute(graph, 'note', '%E0%A4%A').status).toBe('missing');
    expect(matchRoute(graph, 'note', 'x'.repeat(201)).status).toBe('missing');
  });
});

describe('closestNodes (the 404 page’s suggestions)', () => {
  it('ranks the titles sharing most of the words first', () => {
    const [first] = closestNodes(graph, 'better reasoning training sycophancy');
    expect(first?.id).toBe(SEED_000);
  });

  it('gives at most `limit` nodes, each sharing a word, best first and ties by title', () => {
    const all = closestNodes(graph, 'sycophancy', 1000);
    expect(all.length).toBeGreaterThan(5);
    for (const node of all) expect(`${node.title} ${node.slug}`.toLowerCase()).toContain('sycophan');
    expect(closestNodes(graph, 'sycophancy', 3)).toEqual(all.slice(0, 3));
    expect(closestNodes(graph, 'sycophancy')).toEqual(all.slice(0, 5));
  });

  it('ignores words of two letters or fewer, and finds nothing for nothing', () => {
    expect(closestNodes(graph, 'of to a')).toEqual([]);
    expect(closestNodes(graph, '')).toEqual([]);
    expect(closestNodes(graph, 'zzzzqqq')).toEqual([]);
    expect(closestNodes(graph, 'sycophancy', 0)).toEqual([]);
  });
});
