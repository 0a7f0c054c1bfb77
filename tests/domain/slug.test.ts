import { describe, expect, it } from 'vitest';
import { foldWords, hashSlug, isSlug, nodeUrl, paperSlug, toLookupKey, toSlug } from '../../lib/domain/slug';

describe('toSlug', () => {
  it.each([
    // The corpus site's own URLs (issue #2): shared links must keep working.
    [
      'sycophancy cannot be fixed by better reasoning training because there is no reasoning to improve',
      'sycophancy-cannot-be-fixed-by-better-reasoning-training-because-there-is-no-reas',
    ],
    [
      'Why do reasoning-optimized models show no resistance advantage on agreement tasks?',
      'why-do-reasoning-optimized-models-show-no-resistance-advantage-on-agreement-task',
    ],
    ["Why can't models say no?", 'why-cant-models-say-no'],
    ['Can’t — won’t', 'cant-wont'],
    ['GPT-3.5 vs. GPT-4: 41% and 69%', 'gpt-35-vs-gpt-4-41-and-69'],
    ['  Spaces   and\ttabs  ', 'spaces-and-tabs'],
    ['and/or under_score', 'and-or-under-score'],
    ['Café naïve Ångström', 'cafe-naive-angstrom'],
    ['Chain-of-Thought -- a mirage?', 'chain-of-thought-a-mirage'],
    ['日本語のタイトル', ''],
    ['🤖🤖', ''],
    ['?!…', ''],
    ['Mixed 日本 text 2024', 'mixed-text-2024'],
  ])('%j → %j', (input, expected) => {
    expect(toSlug(input)).toBe(expected);
  });

  it('cuts at 80 characters without leaving a hyphen at the end', () => {
    const slug = toSlug(`${'a'.repeat(79)} bcd`);
    expect(slug).toBe('a'.repeat(79));
    expect(toSlug('word '.repeat(40)).length).toBeLessThanOrEqual(80);
    expect(toSlug('word '.repeat(40)).endsWith('-')).toBe(false);
  });

  it('always makes well-formed slugs', () => {
    for (const s of ['A -- b', '-lead', 'trail-', 'x'.repeat(200), "it's 3.5"]) {
      const slug = toSlug(s);
      expect(slug === '' || isSlug(slug)).toBe(true);
    }
  });
});

describe('isSlug', () => {
  it.each([
    ['abc-123', true],
    ['2411.15287', true],
    ['cs-0112017', true],
    ['Abc', false],
    ['a--b', false],
    ['-a', false],
    ['a.b', false],
    ['../etc', false],
    ['', false],
    ['a'.repeat(81), false],
  ])('%j → %j', (input, expected) => {
    expect(isSlug(input)).toBe(expected);
  });
});

describe('paper URLs', () => {
  it('use the arXiv id when there is one, else x- and the title', () => {
    expect(nodeUrl('paper', paperSlug('2411.15287', 'Sycophancy') as never)).toBe('/papers/2411.15287/');
    expect(paperSlug('cs/0112017', 'Old paper')).toBe('cs-0112017');
    expect(paperSlug(undefined, 'A paper: with no id')).toBe('x-a-paper-with-no-id');
    expect(paperSlug('not an id', 'Title')).toBe('x-title');
  });
});

describe('toLookupKey', () => {
  it('lets a title, its slug and a differently written link meet', () => {
    const key = toLookupKey('Can better reasoning training actually reduce model sycophancy?');
    expect(toLookupKey('can-better-reasoning-training-actually-reduce-model-sycophancy')).toBe(key);
    expect(toLookupKey('CAN BETTER reasoning training, actually, reduce model sycophancy')).toBe(key);
  });

  it('folds ASCII text in one pass exactly as the full Unicode fold does', () => {
    // A fixed pseudo-random sequence over every ASCII character, control characters included.
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: next() % 40 }, () => String.fromCharCode(next() % 128)).join('');
      expect(toLookupKey(text), JSON.stringify(text)).toBe(foldWords(text).join(' '));
    }
    for (const text of ['  a--b__c//d  ', 'GPT-4o: 3.5× better?', 'Café au lait', "can't", 'x\tY\u000bz', '']) {
      expect(toLookupKey(text), JSON.stringify(text)).toBe(foldWords(text).join(' '));
    }
  });
});

describe('hashSlug', () => {
  it('gives titles with no ASCII words a stable slug of their own', () => {
    expect(hashSlug('日本語')).toBe(hashSlug('日本語'));
    expect(hashSlug('日本語')).not.toBe(hashSlug('中文'));
    expect(isSlug(hashSlug('🤖'))).toBe(true);
  });
});
