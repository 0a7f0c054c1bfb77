import { describe, expect, it } from 'vitest';
import { renderMarkdown, type LinkTarget } from '../../lib/content/markdown';

const targets: Record<string, LinkTarget> = {
  Alpha: { url: '/notes/alpha/', kind: 'note', title: 'Alpha', stub: false },
  Ghost: { url: '/inquiring-lines/ghost/', kind: 'inquiry', title: 'Ghost', stub: true },
};
const render = (md: string) => renderMarkdown(md, { resolve: (t) => targets[t] });

describe('renderMarkdown', () => {
  it('links wikilinks to node URLs, marked by kind and as stubs, with the text the author chose', () => {
    const { html } = render('See [[Alpha]], [[Alpha|the first]], [[Ghost]] and [[Nobody]].');
    expect(html).toContain('<a href="/notes/alpha/" class="wikilink kind-note" data-kind="note">Alpha</a>');
    expect(html).toContain('>the first</a>');
    expect(html).toMatch(/<a href="\/inquiring-lines\/ghost\/" class="wikilink kind-inquiry stub"[^>]*>Ghost<\/a>/);
    expect(html).toContain(' and Nobody.');
  });

  it('leaves wikilinks in code as code', () => {
    expect(render('`[[Alpha]]`\n\n```\n[[Alpha]]\n```').html).not.toContain('<a');
  });

  it('renders GFM tables and gives headings anchors, collected for a table of contents', () => {
    const { html, headings } = render('## Key Results\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n### Mechanism 1');
    expect(html).toContain('<table>');
    expect(html).toContain('<h2 id="key-results">');
    expect(html).toContain('href="#key-results"');
    expect(headings).toEqual([
      { depth: 2, id: 'key-results', text: 'Key Results' },
      { depth: 3, id: 'mechanism-1', text: 'Mechanism 1' },
    ]);
  });

  it.each([
    ['<script>window.pwned = 1</script>', /<script/i],
    ['<img src="x" onerror="alert(1)">', /onerror/i],
    ['<a href="javascript:alert(1)">x</a>', /javascript:/i],
    ['[x](javascript:alert(1))', /javascript:/i],
    ['<iframe src="https://example.com"></iframe>', /<iframe/i],
    ['<svg><script>alert(1)</script></svg>', /<script|<svg/i],
    ['<style>body{display:none}</style>', /<style/i],
    ['<div onclick="alert(1)" style="color:red">x</div>', /onclick|style=/i],
    ['<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', /data:/i],
    ['&lt;script&gt;alert(1)&lt;/script&gt;', /<script/i],
  ])('makes %j inert', (md, forbidden) => {
    expect(render(md).html).not.toMatch(forbidden);
  });
});

describe('renderMarkdown: math', () => {
  it('typesets $…$ and $$…$$ with KaTeX on the server, and a wikilink inside math is math, not a link', () => {
    const { html, math } = render('Bound $[[u4 < 1.55]]$ beats [[Alpha]].\n\n$$\n[[144,12,12]] \\frac{a}{b}\n$$');
    expect(math).toBe(true);
    expect(html).toContain('<span class="katex">');
    expect(html).toContain('<span class="katex-display">');
    expect(html).toContain('<annotation encoding="application/x-tex">[[u4 &#x3C; 1.55]]</annotation>');
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).toContain('>Alpha</a>');
    expect(html).not.toContain('$');
  });

  it('says there is no math when there is none, and leaves dollars in code alone', () => {
    const { html, math } = render('Costs `$5 and $6` in code.');
    expect(math).toBe(false);
    expect(html).toContain('<code>$5 and $6</code>');
  });

  it('refuses the formula commands that would make links or HTML', () => {
    const { html } = render('$\\href{javascript:alert(1)}{x} \\url{https://example.com} \\htmlClass{evil}{y}$');
    expect(html).not.toMatch(/<a |href=|class="evil"/);
  });

  it('gives author HTML none of KaTeX\'s classes or styles', () => {
    const { html, math } = render('<span class="katex" style="position:fixed">x</span>');
    expect(math).toBe(false);
    expect(html).not.toMatch(/class=|style=/);
  });
});

describe('renderMarkdown: callouts', () => {
  it('shows a callout with its type and title, folded into <details> by `-`, open by `+`', () => {
    const { html } = render('> [!info]- Folded about [[Alpha]]\n> hidden body\n\n> [!TIP]+\n> open body\n\n> [!warning] Plain\n> text');
    expect(html).toContain('<details data-callout="info">\n<summary data-callout-title>Folded about <a href="/notes/alpha/"');
    expect(html).toContain('<details data-callout="tip" open>\n<summary data-callout-title>Tip</summary>');
    expect(html).toContain('<div data-callout="warning">\n<div data-callout-title>Plain</div>\n<div data-callout-body>\n<p>text</p>');
    expect(html).not.toMatch(/\[!|<blockquote/);
  });

  it('nests, sits inside a list item, and names an alias by its type', () => {
    const { html } = render('> [!note] Outer\n> > [!faq] Inner\n> > body\n\n- item\n  > [!example] In a list\n  > text');
    expect(html).toMatch(/<div data-callout="note">[\s\S]*<div data-callout="question">[\s\S]*Inner/);
    expect(html).toMatch(/<li>item\n<div data-callout="example">/);
  });

  it('leaves a plain quote a quote, and lets author HTML keep no attribute but the callout ones', () => {
    expect(render('> just a quote').html).toBe('<blockquote>\n<p>just a quote</p>\n</blockquote>');
    expect(render('<details open data-callout="x y" onclick="a()"><summary>s</summary></details>').html).toBe('<details open><summary>s</summary></details>');
  });
});

describe('renderMarkdown: Obsidian block ids and image sizes, as its help pages describe them', () => {
  it('gives a paragraph ending in ^id that anchor, and a table the id written alone on the line after it', () => {
    expect(render('A paragraph. ^my-id').html).toBe('<p id="^my-id">A paragraph.</p>');
    const { html } = render('| a | b |\n|---|---|\n| 1 | 2 |\n\n^table-id\n\nNext.');
    expect(html).toContain('<table id="^table-id">');
    expect(html).not.toContain('^table-id</p>');
    expect(html).not.toMatch(/<p id="\^table-id">/);
  });

  it('reads ![[x.png|100]] and ![[x.png|640x480]] as the image\'s width and height, not as its words', () => {
    expect(render('![[diagram.png|100]]').html).toContain('<img src="/media/diagram.png" alt="diagram.png" width="100">');
    expect(render('![[diagram.png|640x480]]').html).toContain('width="640" height="480"');
    expect(render('![[diagram.png|A diagram]]').html).toContain('alt="A diagram"');
  });
});
