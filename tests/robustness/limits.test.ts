import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDocument } from '../../lib/content/load';
import { limitParsingWork, MAX_DELIMITER_RUN, MAX_PARAGRAPH_LENGTH, renderMarkdown } from '../../lib/content/markdown';
import { MAX_FRONTMATTER_VALUES, parseDocument } from '../../lib/content/parse';
import { repoRoot } from '../cli/helpers';
import { SEED_COUNT } from '../import/seed-inputs';

/*
 * Inputs that would make a pure stage of the pipeline take minutes, fill memory or
 * throw, and what a reader gets instead. No test here is timed: each would run for
 * minutes (or overflow the stack) without its limit, far past the test timeout.
 */

const noLinks = { resolve: () => undefined };

/** Text of rendered HTML, tags removed and the few references the renderer writes decoded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&#x26;|&amp;/g, '&')
    .replace(/&#x3C;|&lt;/g, '<')
    .replace(/&#x3E;|&gt;/g, '>');
}

describe('YAML alias bombs', () => {
  /** A frontmatter whose `laughs` field stands for 9^depth strings. */
  function bomb(depth: number): string {
    const names = 'abcdefghijklmnop'.slice(0, depth).split('');
    const lines = [`a: &a [${Array(9).fill('"lol"').join(', ')}]`];
    for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(', ')}]`);
    return `---\ntitle: Laughs\ntags: [kept, before the bomb]\n${lines.join('\n')}\nlaughs: *${names.at(-1)}\nsummary: a scalar after the bomb is kept\n---\nBody.\n`;
  }

  it('drops the fields that stand for billions of values, names them, and keeps the rest of the note', () => {
    const { doc, diagnostics } = parseDocument({ path: 'notes/bomb.md', kind: 'note', text: bomb(12) });
    expect(doc?.title).toBe('Laughs');
    expect(doc?.tags).toEqual(['kept', 'before the bomb']);
    expect(doc?.summary).toBe('a scalar after the bomb is kept');
    expect(doc?.extra.laughs).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'yaml', file: 'notes/bomb.md', message: expect.stringMatching(/alias bomb\?\); fields f, g, h, i, j and 3 more ignored$/) }),
    ]);
    // What is kept is small enough for anything to walk, JSON included.
    expect(JSON.stringify(doc?.extra).length).toBeLessThan(MAX_FRONTMATTER_VALUES * 8);
  });

  it('leaves ordinary anchors and aliases alone', () => {
    const text = '---\ntitle: Anchors\nshared: &s { label: the same label }\nfirst: *s\nsecond: *s\n---\n';
    const { doc, diagnostics } = parseDocument({ path: 'notes/anchors.md', kind: 'note', text });
    expect(diagnostics).toEqual([]);
    expect(doc?.extra.second).toEqual({ label: 'the same label' });
  });
});

describe('Markdown that micromark parses in quadratic time', () => {
  it('renders a one-line paragraph of a megabyte, every word and wikilink of it', () => {
    const sentence = 'The model agrees *even* when [the user] is `wrong`, see [[Target]]. ';
    const count = Math.ceil((1024 * 1024) / sentence.length);
    const { html } = renderMarkdown(sentence.repeat(count), { resolve: () => ({ url: '/notes/target/', kind: 'note', title: 'Target', stub: false }) });
    expect(html.match(/<a href="\/notes\/target\/"/g)).toHaveLength(count);
    expect(html.match(/<em>even<\/em>/g)).toHaveLength(count);
    expect(textOf(html).replace(/\s+/g, ' ').match(/The model agrees even when \[the user\] is wrong, see Target\./g)).toHaveLength(count);
  });

  it('cuts a paragraph longer than the limit at spaces, and only such a paragraph', () => {
    const words = 'word '.repeat(MAX_PARAGRAPH_LENGTH / 5);
    expect(limitParsingWork(`${words}\n\nshort`)).toBe(`${words}\n\nshort`);
    const cut = limitParsingWork(`${words}${words}`).split('\n');
    expect(cut.map((line) => line.length)).toEqual([MAX_PARAGRAPH_LENGTH - 1, 0, MAX_PARAGRAPH_LENGTH]);
    expect(cut.join(' ').replace(/\s+/g, ' ').trim()).toBe(`${words}${words}`.trim());
  });

  it.each([
    ['a run of 20,000 asterisks around a word', `${'*'.repeat(10_000)}x${'*'.repeat(10_000)}`],
    ['300,000 closing brackets', ']'.repeat(300_000)],
    ['300,000 opening brackets', '['.repeat(300_000)],
    ['150,000 wikilink openers', '[['.repeat(150_000)],
  ])('shows %s as written', (_, markdown) => {
    const { html } = renderMarkdown(markdown, noLinks);
    const shown = textOf(html).replace(/\s+/g, '');
    // Compared by length and characters, so that a failure does not print a megabyte.
    expect(shown.length).toBe(markdown.length);
    expect(shown === markdown).toBe(true);
  });

  it('keeps short runs as Markdown syntax: emphasis, wikilinks and thematic breaks', () => {
    const markdown = `**bold** and [[Target]]\n\n${'*'.repeat(MAX_DELIMITER_RUN + 10)}\n`;
    expect(limitParsingWork(markdown)).toBe(markdown);
    const { html } = renderMarkdown(markdown, noLinks);
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<hr>');
  });

  it('shows block quotes nested 100,000 deep as text, without overflowing the stack', () => {
    const { html } = renderMarkdown(`${'>'.repeat(100_000)} the innermost words`, noLinks);
    expect(html).toContain('the innermost words');
    expect((html.match(/<blockquote>/g) ?? []).length).toBeLessThanOrEqual(32);
  });

  it('shows markup nested too deep for the pipeline as escaped text rather than failing', () => {
    const markdown = `${'<div>'.repeat(60_000)}<script>window.__pwned = 1</script>`;
    const { html } = renderMarkdown(markdown, noLinks);
    expect(html).toContain('could not be rendered as Markdown');
    expect(html).not.toMatch(/<(div|script)/);
    expect(html).toContain('&#60;script&#62;window.__pwned = 1&#60;/script&#62;');
  });

  it('changes nothing in the seed corpus', () => {
    let checked = 0;
    for (const folder of ['notes', 'inquiries', 'papers']) {
      const dir = join(repoRoot, 'content', folder);
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
        checked++;
        const text = decodeDocument(readFileSync(join(dir, name)));
        if (typeof text !== 'string') throw new Error(`${folder}/${name} does not load`);
        expect(limitParsingWork(text), `${folder}/${name}`).toBe(text);
      }
    }
    // content/ holds one file per seed.
    expect(checked).toBe(SEED_COUNT);
  });
});
