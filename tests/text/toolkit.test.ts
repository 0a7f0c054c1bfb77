import { describe, expect, it } from 'vitest';
import { foldWords as slugWords } from '../../lib/domain/slug';
import type { TrellisNode } from '../../lib/graph/types';
import { describeNode, nodeMetadata } from '../../lib/site/metadata';
import { tokenize } from '../../lib/search/terms';
import { decodeEntities, foldWord, stripDiacritics } from '../../lib/text/fold';
import { clipText, plainTextLead, toIndexText, toPlainText } from '../../lib/text/plain-text';
import { stemWord } from '../../lib/text/stem';
import { isStopword, STOPWORDS, TOPIC_STOPWORDS } from '../../lib/text/stopwords';
import { foldedWords } from '../../lib/text/tokenise';

/*
 * lib/text: one behaviour per idea, the same for search, similarity, slugs and page
 * descriptions. Each table is input → expected.
 */

describe('fold', () => {
  it.each([
    ['Café', 'cafe'],
    ['ZÜRICH', 'zurich'],
    ["model's", 'models'],
    ['can\u2019t', 'cant'],
    ['naïve', 'naive'],
    ['ﬁnal', 'final'],
    ['plain', 'plain'],
  ])('word %s → %s', (raw, folded) => {
    expect(foldWord(raw)).toBe(folded);
  });

  it.each([
    ['Zürich naïve Ångström', 'Zurich naive Angstrom'],
    ['ascii only', 'ascii only'],
    ['深度 stays', '深度 stays'],
  ])('diacritics of %s', (text, stripped) => {
    expect(stripDiacritics(text)).toBe(stripped);
  });

  it.each([
    ['Q&amp;A', 'Q&A'],
    ['a &lt;b&gt; &quot;c&quot; &apos;d&apos;', 'a <b> "c" \'d\''],
    ['non&nbsp;breaking', 'non breaking'],
    ['&unknown; & alone', '&unknown; & alone'],
  ])('entities of %s', (text, decoded) => {
    expect(decodeEntities(text)).toBe(decoded);
  });
});

describe('tokenise', () => {
  it.each([
    ['Q&amp;A', ['q', 'amp', 'a']],
    ['GPT-4o, 2024', ['gpt', '4o', '2024']],
    ['日本語', ['日', '本', '語']],
  ])('%s', (text, words) => {
    expect(foldedWords(text)).toEqual(words);
  });
});

describe('stop words: one list, and similarity adds the words every paper uses', () => {
  it.each([
    ['the', true, true],
    ['x', true, false],
    ['model', false, true],
    ['sycophancy', false, false],
  ])('%s: search stopword %s, topic stopword %s', (word, search, topic) => {
    expect(isStopword(word)).toBe(search);
    expect(TOPIC_STOPWORDS.has(word)).toBe(topic);
  });

  it('topic stopwords hold every search stopword', () => {
    expect([...STOPWORDS].filter((w) => !TOPIC_STOPWORDS.has(w))).toEqual([]);
  });

  it('similarity takes stems of what is left', () => {
    expect(tokenize('The papers were persuading 42 models')).toEqual([stemWord('persuading')]);
  });
});

describe('Markdown to plain text', () => {
  it.each([
    ['![[Alpha]]', 'Alpha'],
    ['See ![[Alpha|the alpha note]].', 'See the alpha note.'],
    ['[[Beta#Method]] and [[Gamma|]]', 'Beta and Gamma'],
    ['Q&amp;A &lt;tag&gt;', 'Q&A <tag>'],
    ['**bold** and _em_ and snake_case', 'bold and em and snake_case'],
    ['a [link](https://x.example/a_(b)) and ![alt](p.png)', 'a link and alt'],
    ['# Heading\n\n> quote\n\n- item', 'Heading quote item'],
    ['<!-- hidden --><span>shown</span>', 'shown'],
    ['```ts\nconst a = 1;\n```', 'const a = 1;'],
    ['a < b > c', 'a < b > c'],
  ])('%j → %j', (markdown, text) => {
    expect(toPlainText(markdown)).toBe(text);
  });

  it.each([['![[Alpha]] &amp; [x](http://y)', 'Alpha & x']])('indexes the words a reader reads: %j', (markdown, words) => {
    expect(foldedWords(toIndexText(markdown))).toEqual(foldedWords(words));
  });

  it.each([
    ['short text', 20, 'short text'],
    ['one two three four', 12, 'one two…'],
  ])('clips %j to %i characters between words', (text, max, clipped) => {
    expect(clipText(text, max)).toBe(clipped);
  });

  it('a lead is the plain text of a body opening, clipped', () => {
    expect(plainTextLead('# Title\n\nSee ![[Alpha]] &amp; more words here', 24)).toBe('Title See Alpha & more…');
  });
});

describe('page descriptions use the same plain text as search', () => {
  const node = { kind: 'note', stub: false, lead: 'Notes on ![[Alpha]] &amp; [[Beta|the beta]].', url: '/notes/x/', title: 'X' } as unknown as TrellisNode;

  it('decodes entities and shows embeds by their name', () => {
    expect(describeNode(node)).toBe('Notes on Alpha & the beta.');
    expect(nodeMetadata(node).description).toBe('Notes on Alpha & the beta.');
  });
});

describe('slugs fold accents the same way', () => {
  it.each([['Café Zürich', ['cafe', 'zurich']]])('%s', (text, words) => {
    expect(slugWords(text)).toEqual(words);
  });
});
