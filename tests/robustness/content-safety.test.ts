import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../lib/content/markdown';
import { parseDocument } from '../../lib/content/parse';

/*
 * Two holes the bad corpus showed, closed in lib/content, at unit level: media from
 * other sites in rendered Markdown, and YAML indented with tabs.
 */

const noLinks = { resolve: () => undefined };
const html = (markdown: string) => renderMarkdown(markdown, noLinks).html;

describe('media from other sites', () => {
  // The page's CSP loads images from the site only: a remote image would show broken,
  // and the request for it would tell the other site who reads the page.
  it.each([
    ['a Markdown image', '![a chart](http://evil.example/chart.png)', '<a href="http://evil.example/chart.png" class="remote-image">a chart</a>'],
    ['an HTML image over https', '<img src="https://evil.example/pixel.png" alt="pixel">', '<a href="https://evil.example/pixel.png" class="remote-image">pixel</a>'],
    ['a protocol-relative image', '<img src="//evil.example/p.png">', '<a href="//evil.example/p.png" class="remote-image">//evil.example/p.png</a>'],
    ['a backslashed image, which browsers read as //', '<img src="\\\\evil.example\\p.png" alt="p">', 'class="remote-image">p</a>'],
  ])('shows %s as a link to it, named by its alt text', (_, markdown, expected) => {
    const out = html(markdown);
    expect(out).toContain(expected);
    expect(out).not.toContain('<img');
  });

  it('keeps the words of a remote image inside a link, without nesting links', () => {
    expect(html('[![inside](https://evil.example/e.png)](/notes/)')).toBe('<p><a href="/notes/">inside</a></p>');
  });

  it('drops a remote source from a picture and keeps local images as images (a Markdown one served from the content folder)', () => {
    const out = html('<picture><source srcset="x.png 1x, http://evil.example/d.png 2x"><img src="local.png" alt="local"></picture>\n\n![figure](figures/f.png)');
    expect(out).not.toContain('evil.example');
    expect(out).toContain('<img src="local.png" alt="local">');
    expect(out).toContain('<img src="/media/figures/f.png" alt="figure">');
  });
});

describe('YAML indented with tabs', () => {
  it('reports each tab-indented line, which js-yaml would read at another level without a word', () => {
    const text = '---\ntitle: Tabs\nrelated:\n  - title: Another note\n\tlabel: meant for the relation\n---\nBody.\n';
    const { doc, diagnostics } = parseDocument({ path: 'notes/tabs.md', kind: 'note', text });
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'yaml', file: 'notes/tabs.md', line: 5, message: expect.stringMatching(/indented with a tab/) })]);
    // What js-yaml made of it: the label left the relation. The report is what tells the author.
    expect(doc?.kind === 'note' && doc.related).toEqual([{ title: 'Another note' }]);
  });

  it('says nothing about tabs inside values or after a key', () => {
    const text = '---\ntitle:\tTabs after the colon\nsummary: "a\\ttab inside"\n---\n\tAn indented body line is Markdown, not YAML.\n';
    expect(parseDocument({ path: 'notes/ok.md', kind: 'note', text }).diagnostics).toEqual([]);
  });
});
