import { describe, expect, it } from 'vitest';
import { isNodeIdShaped, kindOfNodeId, MAX_NODE_ID_LENGTH } from '../../lib/domain/node-id';

describe('isNodeIdShaped', () => {
  it.each([
    ['/notes/can-better-reasoning-training-reduce-sycophancy/', true],
    ['/inquiring-lines/why-do-models-cave-to-pushback/', true],
    ['/papers/2411.15287/', true],
    ['/tags/sycophancy/', true],
    ['/notes/caf%C3%A9/', true],
    ['/notes/x/', true],
    ['/notes/', false],
    ['/notes//', false],
    ['/notes/a/b/', false],
    ['/notes/a', false],
    ['notes/a/', false],
    ['/graph/', false],
    ['/search/?q=a', false],
    ['/notes/a?focus=b/', false],
    ['/notes/a b/', false],
    ['/notes/a#b/', false],
    ['/notes/../../etc/passwd/', false],
    ['https://example.com/notes/a/', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isNodeIdShaped(value)).toBe(expected);
  });

  it('refuses ids past the length cap', () => {
    const id = (length: number) => `/notes/${'a'.repeat(length - '/notes//'.length)}/`;
    expect(id(MAX_NODE_ID_LENGTH)).toHaveLength(MAX_NODE_ID_LENGTH);
    expect(isNodeIdShaped(id(MAX_NODE_ID_LENGTH))).toBe(true);
    expect(isNodeIdShaped(id(MAX_NODE_ID_LENGTH + 1))).toBe(false);
  });
});

describe('kindOfNodeId', () => {
  it.each([
    ['/notes/a/', 'note'],
    ['/inquiring-lines/a/', 'inquiry'],
    ['/papers/2411.15287/', 'paper'],
    ['/tags/a/', 'tag'],
    ['/graph/', undefined],
    ['/notes/a/b/', undefined],
    ['/', undefined],
  ])('%j → %s', (value, expected) => {
    expect(kindOfNodeId(value)).toBe(expected);
  });
});
