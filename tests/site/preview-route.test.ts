import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../../app/api/preview/route';

const fixture = resolve(fileURLToPath(new URL('../fixtures/site', import.meta.url)));

/** Asks the route handler about an id, as the preview cards do. */
async function preview(id?: string) {
  const url = new URL('http://trellis.test/api/preview/');
  if (id !== undefined) url.searchParams.set('id', id);
  const response = await GET(new Request(url));
  return { status: response.status, cache: response.headers.get('cache-control'), body: (await response.json()) as unknown };
}

describe('GET /api/preview/', () => {
  // getGraph() builds the graph of TRELLIS_CONTENT_DIR once and keeps it while the folder stays the same.
  beforeAll(() => {
    process.env.TRELLIS_CONTENT_DIR = fixture;
  });

  it('tells a card the kind, title and summary of a note', async () => {
    expect(await preview('/notes/sycophancy-is-not-fixed-by-better-reasoning-training/')).toEqual({
      status: 200,
      cache: 'public, max-age=300',
      body: {
        id: '/notes/sycophancy-is-not-fixed-by-better-reasoning-training/',
        kind: 'note',
        title: 'Can better reasoning training reduce model sycophancy?',
        summary: 'Reasoning-optimised models are no harder to talk into agreeing than standard ones.',
        stub: false,
      },
    });
  });

  it('marks a document the collection cites but does not hold, with what its citers say', async () => {
    expect((await preview('/notes/does-preference-training-reward-agreement/')).body).toEqual({
      id: '/notes/does-preference-training-reward-agreement/',
      kind: 'note',
      title: 'Does preference training reward agreement?',
      summary: 'Raters prefer answers that agree with them.',
      stub: true,
    });
  });

  it('gives a paper its core contribution and a tag no summary', async () => {
    expect((await preview('/papers/2401.10100/')).body).toMatchObject({
      kind: 'paper',
      title: 'Logical fallacies and model persuasion',
      summary: 'A benchmark that measures how often a language model is talked out of a correct answer by an argument built on a logical fallacy.',
    });
    expect((await preview('/tags/sycophancy/')).body).toEqual({ id: '/tags/sycophancy/', kind: 'tag', title: 'sycophancy', summary: null, stub: false });
  });

  it('answers 404 for an id that names no node', async () => {
    const missing = await preview('/notes/no-such-note/');
    expect(missing.status).toBe(404);
    expect(missing.cache).toBe('no-store');
    expect(missing.body).toEqual({ error: 'no node at /notes/no-such-note/' });
  });

  it.each([
    ['no id', undefined],
    ['an empty id', ''],
    ['a slug without its folder', 'sycophancy-is-not-fixed-by-better-reasoning-training'],
    ['an id without its trailing slash', '/notes/sycophancy-is-not-fixed-by-better-reasoning-training'],
    ['a folder that is not a kind', '/etc/passwd/'],
    ['a path that climbs', '/notes/../../etc/'],
    ['two segments', '/notes/a/b/'],
    ['an absolute URL', 'https://example.com/notes/a/'],
    ['an id of 10,000 characters', `/notes/${'a'.repeat(10_000)}/`],
  ])('answers 400 for %s', async (_, id) => {
    const bad = await preview(id);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'id must be a node URL such as /notes/<slug>/' });
  });
});
