import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../lib/content/parse';
import { buildGraph } from '../../lib/graph/build';
import type { Diagnostic, DocumentKind, Graph, ParsedDocument } from '../../lib/graph/types';
import { updateDocument } from '../../lib/graph/update';
import { importedSeeds } from '../import/seed-inputs';

const kindOf = (path: string): DocumentKind => (path.startsWith('papers/') ? 'paper' : path.startsWith('inquiries/') ? 'inquiry' : 'note');

function parse(path: string, text: string): { doc: ParsedDocument; diagnostics: readonly Diagnostic[] } {
  const { doc, diagnostics } = parseDocument({ path, kind: kindOf(path), text });
  if (!doc) throw new Error(`${path} did not parse`);
  return { doc, diagnostics };
}

function build(files: ReadonlyMap<string, { doc: ParsedDocument; diagnostics: readonly Diagnostic[] }>): Graph {
  const all = [...files.values()];
  return buildGraph({ documents: all.map((f) => f.doc), diagnostics: all.flatMap((f) => f.diagnostics) });
}

/** What a reader or a route can see of a graph: maps as sorted entries, problems as a set. */
function seen(graph: Graph) {
  const sorted = <V>(map: ReadonlyMap<string, V>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    nodes: [...graph.nodes],
    edges: graph.edges,
    outgoing: sorted(graph.outgoing).filter(([, list]) => list.length > 0),
    incoming: sorted(graph.incoming).filter(([, list]) => list.length > 0),
    names: sorted(graph.names),
    diagnostics: graph.diagnostics.map((d) => JSON.stringify(d)).sort(),
    fileCount: graph.fileCount,
  };
}

/** Edits `path` to `text`; returns the patched graph (or undefined) and the graph built from scratch. */
function edit(files: Map<string, { doc: ParsedDocument; diagnostics: readonly Diagnostic[] }>, path: string, text: string) {
  const before = build(files);
  const old = files.get(path);
  if (!old) throw new Error(`no ${path}`);
  const next = parse(path, text);
  const after = new Map(files).set(path, next);
  const patched = updateDocument(before, { before: old.doc, beforeDiagnostics: old.diagnostics, after: next.doc, afterDiagnostics: next.diagnostics }, (p) => after.get(p)?.doc);
  return { patched, rebuilt: build(after) };
}

const corpus: Record<string, string> = {
  'notes/a.md': '---\ntitle: Does attention favour repetition?\naliases: [repetition bias]\ntags: [attention, bias]\npapers: [Sycophancy causes]\n---\nSee [[B]] and [[Nowhere yet]].\n',
  'notes/b.md': '---\ntitle: B\ntags: [attention]\nrelated:\n  - title: Does attention favour repetition?\n    label: the broader frame\n---\nBody of B.\n',
  'notes/c.md': '---\ntitle: C\ntags: [bias, attention]\n---\nLinks [[repetition bias]].\n',
  'inquiries/i.md': '---\ntitle: Why repeat?\nsources:\n  - title: B\n  - title: C\n---\nThis explores [[B]].\n',
  'papers/p.md': "---\nver: rpa2\ntitle: 'Sycophancy causes'\narxiv_id: '2411.15287'\ntags: [attention, llm]\n---\nA paper.\n",
  'papers/q.md': "---\nver: rpa2\ntitle: 'Quiet paper'\narxiv_id: '2411.00001'\ntags: [llm, attention, bias]\n---\nAnother paper.\n",
};

function files(): Map<string, { doc: ParsedDocument; diagnostics: readonly Diagnostic[] }> {
  return new Map(Object.entries(corpus).map(([path, text]) => [path, parse(path, text)]));
}

describe('updateDocument: one edited file patched into the graph', () => {
  const patchedCases: [string, string, string][] = [
    ['a body edited', 'notes/b.md', corpus['notes/b.md']!.replace('Body of B.', 'Body of B, rewritten at length.')],
    ['a summary added', 'papers/q.md', corpus['papers/q.md']!.replace("tags:", "summary: A quiet result.\ntags:")],
    ['a paper retitled that nobody cites', 'papers/q.md', corpus['papers/q.md']!.replace('Quiet paper', 'A louder paper')],
    ['a tag dropped by a later carrier', 'papers/q.md', corpus['papers/q.md']!.replace('[llm, attention, bias]', '[llm, attention]')],
    ['a tag the collection has, added', 'notes/b.md', corpus['notes/b.md']!.replace('tags: [attention]', 'tags: [attention, bias]')],
    ['tags reordered', 'papers/q.md', corpus['papers/q.md']!.replace('[llm, attention, bias]', '[bias, llm, attention]')],
    ['a line added above the links', 'notes/c.md', corpus['notes/c.md']!.replace('Links', 'A new first line.\n\nLinks')],
  ];
  it.each(patchedCases)('%s: patched, and the same graph a full build makes', (_name, path, text) => {
    const { patched, rebuilt } = edit(files(), path, text);
    expect(patched).toBeDefined();
    expect(seen(patched as Graph)).toEqual(seen(rebuilt));
  });

  const rebuiltCases: [string, string, string][] = [
    ['a note retitled under a name others link by', 'notes/b.md', corpus['notes/b.md']!.replace('title: B', 'title: Bee')],
    ['an alias others link by, removed', 'notes/a.md', corpus['notes/a.md']!.replace('aliases: [repetition bias]', 'aliases: []')],
    ['a new link', 'notes/b.md', corpus['notes/b.md']!.replace('Body of B.', 'Body of [[C]].')],
    ['a new title a stub already answers to', 'papers/q.md', corpus['papers/q.md']!.replace('Quiet paper', 'Nowhere yet')],
    ['a new URL', 'notes/c.md', corpus['notes/c.md']!.replace('title: C', 'title: See')],
    ['a source list reordered', 'inquiries/i.md', corpus['inquiries/i.md']!.replace('  - title: B\n  - title: C', '  - title: C\n  - title: B')],
    ['a tag whose first carrier it would become', 'notes/b.md', corpus['notes/b.md']!.replace('tags: [attention]', 'tags: [attention, llm]')],
    ['a brand-new tag', 'notes/c.md', corpus['notes/c.md']!.replace('[bias, attention]', '[bias, attention, novel]')],
    ['the first carrier dropping its tag', 'notes/a.md', corpus['notes/a.md']!.replace('[attention, bias]', '[bias]')],
    ['a line shifted under a reported link', 'notes/a.md', corpus['notes/a.md']!.replace('See', 'One more line.\n\nSee')],
  ];
  it.each(rebuiltCases)('%s: left to a full build', (_name, path, text) => {
    const { patched } = edit(files(), path, text);
    expect(patched).toBeUndefined();
  });

  it('never differs from a full build over every seed document edited', () => {
    const seeds = new Map([...importedSeeds().values()].map((file) => [file.path, parse(file.path, file.text)]));
    const texts = new Map([...importedSeeds().values()].map((file) => [file.path, file.text]));
    let patchedCount = 0;
    for (const [path, text] of texts) {
      const variants = [
        text.replace(/\n---\n/, '\n---\nAn added opening line.\n\n'),
        text.replace(/^title: .*$/m, (line) => `${line} (revised)`),
        text.replace(/^tags: \[/m, 'tags: [reasoning, '),
      ];
      for (const variant of variants) {
        if (variant === text) continue;
        const { patched, rebuilt } = edit(seeds, path, variant);
        if (patched) {
          patchedCount++;
          expect(seen(patched), `${path} edited`).toEqual(seen(rebuilt));
        }
      }
    }
    // Body edits at least are patched: the property above is not vacuous.
    expect(patchedCount).toBeGreaterThanOrEqual(texts.size);
  });
});
