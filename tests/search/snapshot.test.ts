import { describe, expect, it } from 'vitest';
import { bodyOf } from '../../lib/graph/body';
import { createFieldIndex, fieldTexts, searchableNodes } from '../../lib/search/fields';
import { exportShortFields } from '../../lib/search/snapshot';
import { Vocabulary } from '../../lib/search/vocabulary';
import { toIndexText } from '../../lib/text/plain-text';
import { STOPWORDS } from '../../lib/text/stopwords';
import { seedGraph } from '../graph/seed-graph';

describe('the search index saved in the store (lib/search/snapshot.ts)', () => {
  it('exports the short fields and the register as flexsearch’s whole export does, without the body', () => {
    const graph = seedGraph();
    const vocabulary = new Vocabulary(STOPWORDS);
    const index = createFieldIndex(vocabulary);
    // Bodies through flexsearch too, so that its whole export has a body field to leave out.
    searchableNodes(graph).forEach((node, i) => index.add({ i, ...fieldTexts(node), body: toIndexText(bodyOf(graph, node)) }));

    const whole: [string, string][] = [];
    index.export((key: string, data: string) => void whole.push([key, data]));
    const short: [string, string][] = [];
    exportShortFields(index, (key, data) => void short.push([key, data]));

    expect(whole.some(([key]) => key.startsWith('body.'))).toBe(true);
    expect(short).toEqual(whole.filter(([key]) => !key.startsWith('body.')));
    expect(short.map(([key]) => key)).toContain('title.1.map');
    expect(short.map(([key]) => key)).toContain('1.reg');
  });
});
