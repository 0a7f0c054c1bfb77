import { describe, expect, it } from 'vitest';
import { readingMinutes, shortenAtWord, waysOut } from '../../lib/site/reading';

describe('readingMinutes', () => {
  it.each([
    ['', 0],
    ['<p> </p>', 0],
    ['<p>one two three</p>', 1],
    [`<p>${'word '.repeat(460)}</p>`, 2],
    [`<h2>A</h2><p>${'word&nbsp;'.repeat(1150)}</p>`, 5],
  ])('%# reads in %i minutes', (html, minutes) => {
    expect(readingMinutes(html)).toBe(minutes);
  });
});

describe('waysOut', () => {
  it('links an arXiv id to its abstract, then searches for the title', () => {
    expect(waysOut({ title: 'Cognitive tools', arxivId: '2506.12115' }).map((w) => w.href)).toEqual([
      'https://arxiv.org/abs/2506.12115',
      'https://arxiv.org/search/?query=Cognitive%20tools&searchtype=title',
      'https://scholar.google.com/scholar?q=Cognitive%20tools',
    ]);
  });

  it('searches for the title alone when there is no id, or what stands for one is not an arXiv id', () => {
    expect(waysOut({ title: 'Why & how?' })[0]?.href).toBe('https://arxiv.org/search/?query=Why%20%26%20how%3F&searchtype=title');
    expect(waysOut({ title: 'x', arxivId: 'javascript:alert(1)' }).map((w) => w.href)).not.toContain(expect.stringContaining('javascript'));
  });
});

describe('shortenAtWord', () => {
  it.each([
    ['Short title', 26, 'Short title'],
    ['Why does expert pushback strengthen rather than weaken model sycophancy?', 26, 'Why does expert pushback…'],
    ['Does validating AI output, make models defensive?', 30, 'Does validating AI output…'],
    ['Supercalifragilisticexpialidociousness', 12, 'Supercalifr…'],
  ])('%s → %s', (title, max, expected) => {
    expect(shortenAtWord(title, max)).toBe(expected);
    expect(shortenAtWord(title, max).length).toBeLessThanOrEqual(max);
  });
});
