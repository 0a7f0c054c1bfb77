import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  countOf,
  inReadingOrder,
  kindEntries,
  kindEntryOfRoute,
  kindLabel,
  kindOfFolder,
  kindOfRoute,
  listDocumentKinds,
  listNodeKinds,
  listSearchKinds,
  RESERVED_ROUTES,
  routeOf,
} from '../../lib/domain/kinds';
import { nodeUrl } from '../../lib/domain/slug';
import type { Slug } from '../../lib/graph/types';

describe('the registry of kinds', () => {
  it('derives every list of kinds from one table', () => {
    expect(listNodeKinds()).toEqual(['note', 'inquiry', 'paper', 'tag']);
    expect(listDocumentKinds()).toEqual(['note', 'inquiry', 'paper']);
    expect(listSearchKinds()).toEqual(['note', 'inquiry', 'paper']);
  });

  it.each([
    ['notes', 'note', 'notes'],
    ['inquiries', 'inquiry', 'inquiring-lines'],
    ['papers', 'paper', 'papers'],
  ])('reads content/%s/ as %s, served under /%s/', (folder, kind, route) => {
    expect(kindOfFolder(folder)).toBe(kind);
    expect(kindOfRoute(route)).toBe(kind);
    expect(routeOf(kind)).toBe(route);
    expect(nodeUrl(kind as 'note', 'x' as Slug)).toBe(`/${route}/x/`);
  });

  it('declares topics a kind computed over the graph: its own route, labels and colour, no folder, no nodes, not searched', () => {
    const topic = kindEntryOfRoute('topics');
    expect(topic).toMatchObject({ kind: 'topic', label: { one: 'Topic', many: 'Topics' }, searchable: false, computed: true });
    expect(topic?.folder).toBeUndefined();
    expect(routeOf('topic')).toBe('topics');
    // No node id starts with /topics/: the graph's filters and node lookups never see the kind.
    expect(kindOfRoute('topics')).toBeUndefined();
    expect(listNodeKinds()).not.toContain('topic');
    expect(countOf(2, 'topic')).toBe('2 topics');
  });

  it.each([['tags'], ['topics'], ['Notes'], ['inquiring-lines'], ['']])('has no kind for the content folder %j', (folder) => {
    expect(kindOfFolder(folder)).toBeUndefined();
  });

  it('names kinds and counts them as the pages do', () => {
    expect(kindLabel('inquiry')).toBe('Inquiring line');
    expect([countOf(1, 'inquiry'), countOf(38, 'inquiry'), countOf(0, 'paper')]).toEqual(['1 inquiring line', '38 inquiring lines', '0 papers']);
  });

  it('lists kinds in reading order where a reader is led in: the questions first', () => {
    expect(inReadingOrder(listNodeKinds().map((kind) => ({ kind }))).map((k) => k.kind)).toEqual(['inquiry', 'note', 'paper', 'tag']);
  });

  it('gives no kind a route the site keeps for itself', () => {
    for (const entry of kindEntries()) expect(RESERVED_ROUTES.has(entry.route)).toBe(false);
  });
});

describe("docs/architecture.md's table of kinds", () => {
  it('says what the registry says', () => {
    const doc = readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8');
    const table = doc.slice(doc.indexOf('| kind | folder |')).split('\n\n')[0] ?? '';
    const rows = table
      .split('\n')
      .slice(2)
      .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
    expect(rows).toEqual(
      kindEntries().map((e) => [
        e.kind,
        e.folder === undefined ? (e.computed ? '(computed)' : '(made from `tags:`)') : `\`${e.folder}/\``,
        `\`/${e.route}/<slug>/\``,
        `${e.label.one}, ${e.label.many}`,
        e.colour.light,
        e.colour.dark,
        e.shape,
        e.searchable ? 'yes' : 'no',
      ]),
    );
  });
});
