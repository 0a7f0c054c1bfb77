import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../lib/corpus';
import { bodyOf } from '../../lib/graph/body';
import { renderRequest } from '../../lib/content/markdown-worker';
import { markdownWorkerEnabled } from '../../lib/site/markdown-pool';
import { renderNodeBody, renderRequestFor, renderThroughRequests } from '../../lib/site/render';

const root = join(import.meta.dirname, '..', '..');
/** Corpora with wikilinks of every form (aliases, headings, blocks, paths, ambiguous and unknown names), embeds, math and callouts. */
const CORPORA = ['content', 'tests/fixtures/vault', 'tests/fixtures/bad-corpus', 'tests/fixtures/site', 'tests/fixtures/hostile'];

describe("a body rendered by the Markdown worker's request", () => {
  it.each(CORPORA)('is the HTML the page thread renders, for every body of %s', async (folder) => {
    const graph = readCorpus(join(root, folder));
    let sent = 0;
    for (const node of graph.nodes.values()) {
      if (!node.hasBody) continue;
      const rendered = await renderThroughRequests(graph, node, async (request) => renderRequest(request));
      // Only a body that may embed another stays on the page's thread.
      if (!rendered) {
        expect(bodyOf(graph, node), node.id).toContain('![');
        continue;
      }
      sent++;
      expect(rendered, node.id).toEqual(renderNodeBody(graph, node));
    }
    expect(sent).toBeGreaterThan(0);
  });

  it('sends the targets of the source resolved, and asks again for a target written with escapes', () => {
    const graph = readCorpus(join(root, 'tests/fixtures/bad-corpus'));
    const node = graph.nodes.get('/notes/etc-passwd/' as never);
    const request = node && renderRequestFor(graph, node);
    expect(request?.links.length).toBeGreaterThan(0);
    for (const [target] of request?.links ?? []) expect(request?.markdown).toContain(target);
    // `[[..\\..\\windows\\win.ini]]`: the parsed text has no backslashes, which the request cannot know.
    const first = request && renderRequest(request);
    expect(first && 'missing' in first ? first.missing : []).toContain('......\\windows\\win.ini');
  });

  it('is used in the production server only, and TRELLIS_MARKDOWN_WORKER=0 turns it off', () => {
    expect(markdownWorkerEnabled({ NODE_ENV: 'production', NEXT_RUNTIME: 'nodejs' })).toBe(true);
    expect(markdownWorkerEnabled({ NODE_ENV: 'production', NEXT_RUNTIME: 'nodejs', TRELLIS_MARKDOWN_WORKER: '0' })).toBe(false);
    expect(markdownWorkerEnabled({ NODE_ENV: 'test' })).toBe(false);
    expect(markdownWorkerEnabled({ NODE_ENV: 'development', NEXT_RUNTIME: 'nodejs' })).toBe(false);
  });
});
