import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { ProblemBanner } from '../../app/components/ProblemBanner';
import { readCorpus } from '../../lib/corpus';

const graph = readCorpus(fileURLToPath(new URL('../fixtures/vault', import.meta.url)));
const nodeOf = (file: string) => [...graph.nodes.values()].find((n) => n.file === file)!;
const banner = (file: string) => renderToStaticMarkup(createElement(ProblemBanner, { graph, node: nodeOf(file) }));
const saved = process.env.TRELLIS_WATCH;

describe('the problem box of a node page', () => {
  afterEach(() => {
    if (saved === undefined) delete process.env.TRELLIS_WATCH;
    else process.env.TRELLIS_WATCH = saved;
  });

  it('names the file, the line and what to do, while content is watched', () => {
    process.env.TRELLIS_WATCH = '1';
    const html = banner('notes/Unclosed.md');
    expect(html).toContain('<strong>A problem in <code>notes/Unclosed.md</code></strong>');
    expect(html).toContain('<li><code>notes/Unclosed.md:1</code> warning: comment (%% or &lt;!--) is never closed, so the rest of the file is hidden; close it with %% or --&gt;</li>');
  });

  it('is not there for a file without problems, nor on a site that does not watch its content', () => {
    process.env.TRELLIS_WATCH = '1';
    expect(banner('notes/Titled.md')).toBe('');
    delete process.env.TRELLIS_WATCH;
    expect(banner('notes/Unclosed.md')).toBe('');
  });
});
