import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../lib/search/query';
import { cutSnippet } from '../../lib/search/snippet';
import { toIndexText, toPlainText } from '../../lib/text/plain-text';
import { stemWord } from '../../lib/text/stem';
import { isStopword } from '../../lib/text/stopwords';
import { foldedWords } from '../../lib/text/tokenise';

describe('words', () => {
  it.each([
    ['Café au lait', ['cafe', 'au', 'lait']],
    ["the model's answer, can't", ['the', 'models', 'answer', 'cant']],
    ['GPT-3.5 and o1', ['gpt', '3', '5', 'and', 'o1']],
    ['深度学习 model', ['深', '度', '学', '习', 'model']],
    ['Zürich “quoted” naïve', ['zurich', 'quoted', 'naive']],
    ['emoji 😀 between', ['emoji', 'between']],
    ['lone \ud800 surrogate', ['lone', 'surrogate']],
    ["'edge' apostrophes'", ['edge', 'apostrophes']],
  ])('%s', (text, words) => {
    expect(foldedWords(text)).toEqual(words);
  });
});

describe('stems: forms a reader treats as one word meet', () => {
  it.each([
    [['sycophancy', 'sycophantic', 'sycophants', 'sycophant'], 'sycophant'],
    [['persuasion', 'persuade', 'persuasive', 'persuaded', 'persuading', 'persuades'], 'persuad'],
    [['model', 'models', 'modeling'], 'model'],
    [['reasoning', 'reasoned', 'reasons', 'reason'], 'reason'],
    [['generation', 'generate', 'generated', 'generative', 'generations'], 'generat'],
    [['bias', 'biases'], 'bias'],
    [['process', 'processes'], 'process'],
    [['study', 'studies', 'studied'], 'study'],
    [['saving', 'save', 'saves'], 'save'],
  ])('%j → %s', (words, stem) => {
    expect(words.map(stemWord)).toEqual(words.map(() => stem));
  });

  it.each([['latency', 'latent'], ['question', 'quest'], ['analysis', 'analyst']])('keeps %s and %s apart', (a, b) => {
    expect(stemWord(a)).not.toBe(stemWord(b));
  });
});

describe('Markdown as plain text', () => {
  const markdown = [
    '# The heading',
    '',
    'Some *emphasis*, __strong__ and `code` with [[Target note|shown text]], [[Plain target]] and [[Note#Section]].',
    'A [link](https://example.com/a_(b)) and ![an image](pic.png) and <b>html</b> &amp; more.',
    '',
    '- a list item',
    '1. numbered',
    '> quoted',
    '',
    '| a | b |',
    '|---|---|',
    '| c | d |',
    '',
    '```js',
    'const snake_case = 1;',
    '```',
  ].join('\n');

  it('keeps what a reader reads and drops the markup', () => {
    expect(toPlainText(markdown)).toBe(
      'The heading Some emphasis, strong and code with shown text, Plain target and Note. A link and an image and html & more. a list item numbered quoted a b c d const snake_case = 1;',
    );
  });

  it('indexes the same words the plain text holds', () => {
    const indexed = (text: string) => foldedWords(text).filter((w) => !isStopword(w));
    expect(indexed(toIndexText(markdown))).toEqual(indexed(toPlainText(markdown)));
  });
});

describe('queries', () => {
  it('reads quoted phrases, CJK runs and an unfinished last word', () => {
    const q = parseQuery('"generation distribution" sycoph');
    expect(q.phrases.map((p) => [p.words.map((w) => w.folded).join(' '), p.explicit])).toEqual([
      ['generation distribution', true],
      ['generation distribution sycoph', false],
    ]);
    expect(q.prefix).toBe('sycoph');
    expect(parseQuery('"generation distribution"').prefix).toBeUndefined();
    expect(parseQuery('注意力 model').phrases[0]).toMatchObject({ explicit: true, openEnded: false });
  });

  it('cuts at 200 characters without splitting a surrogate pair', () => {
    const q = parseQuery(`${'a'.repeat(199)}😀😀`);
    expect(q.truncated).toBe(true);
    expect(q.text).toBe('a'.repeat(199));
  });
});

describe('snippets', () => {
  const text = `${'Lorem ipsum dolor sit amet. '.repeat(8)}The LOGICOM benchmark finds that models are convinced. ${'Consectetur adipiscing elit. '.repeat(8)}`;

  it('cuts about 160 characters around the first hit, between words, and marks the hit', () => {
    const snippet = cutSnippet(text, (w) => w === 'logicom')!;
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.text.length).toBeLessThanOrEqual(162);
    expect(snippet.highlights.map(([s, e]) => snippet.text.slice(s, e))).toEqual(['LOGICOM']);
    expect(snippet.text).toMatch(/… ?\w/);
  });

  it('gives nothing when the text has no hit', () => {
    expect(cutSnippet(text, (w) => w === 'absent')).toBeUndefined();
  });
});
