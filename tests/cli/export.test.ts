import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportToGraphml, toExportGraph, type ExportGraph } from '../../lib/cli/export';
import { parseDocument } from '../../lib/content/parse';
import { readCorpus } from '../../lib/corpus';
import { buildGraph } from '../../lib/graph/build';
import { smallDir, trellis } from './helpers';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'trellis-export-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface ParsedGraphml {
  edgedefault: string;
  keys: { id: string; for: string; name: string; type: string }[];
  nodes: { id: string; data: Record<string, string> }[];
  edges: { source: string; target: string; data: Record<string, string> }[];
}

// A real XML parser (Python's), so "well-formed" and "escaped properly" mean what Gephi will see.
const READ_GRAPHML = `
import json, sys, xml.dom.minidom
doc = xml.dom.minidom.parse(sys.argv[1])
keys = {k.getAttribute('id'): k for k in doc.getElementsByTagName('key')}
def data(el):
    return {keys[d.getAttribute('key')].getAttribute('attr.name'): ''.join(t.data for t in d.childNodes) for d in el.getElementsByTagName('data')}
graph = doc.getElementsByTagName('graph')[0]
print(json.dumps({
  'edgedefault': graph.getAttribute('edgedefault'),
  'keys': [{'id': i, 'for': k.getAttribute('for'), 'name': k.getAttribute('attr.name'), 'type': k.getAttribute('attr.type')} for i, k in keys.items()],
  'nodes': [{'id': n.getAttribute('id'), 'data': data(n)} for n in doc.getElementsByTagName('node')],
  'edges': [{'source': e.getAttribute('source'), 'target': e.getAttribute('target'), 'data': data(e)} for e in doc.getElementsByTagName('edge')],
}))
`;

function parseGraphml(xml: string): ParsedGraphml {
  const file = join(tmp, `graph-${Math.random().toString(36).slice(2)}.graphml`);
  writeFileSync(file, xml);
  const result = spawnSync('python3', ['-c', READ_GRAPHML, file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`GraphML is not well-formed XML:\n${result.stderr}`);
  return JSON.parse(result.stdout) as ParsedGraphml;
}

describe('trellis export --format json', () => {
  const graph = readCorpus(smallDir);
  let exported: ExportGraph;
  beforeAll(async () => {
    const run = await trellis('export', '--content', smallDir, '--format', 'json');
    expect(run.status).toBe(0);
    exported = JSON.parse(run.out.join('\n')) as ExportGraph;
  });

  it('has every node and edge of the graph, tags and stubs included', () => {
    expect(exported.nodes.map((n) => n.id).sort()).toEqual([...graph.nodes.keys()].sort());
    expect(exported.edges).toHaveLength(graph.edges.length);
    expect(exported.nodes.find((n) => n.id === '/tags/sycophancy/')).toEqual({ id: '/tags/sycophancy/', kind: 'tag', title: 'sycophancy', url: '/tags/sycophancy/', stub: false });
    expect(exported.nodes.find((n) => n.title === 'A paper nobody has summarised yet')).toMatchObject({ kind: 'paper', stub: true });
  });

  it('uses URLs as node ids', () => {
    // tests/fixtures/small: 10 nodes, tags and stubs included, joined by 14 edges.
    expect(exported.nodes).toHaveLength(10);
    for (const node of exported.nodes) expect(node.id).toBe(node.url);
    expect(exported.nodes.find((n) => n.title === 'Can better reasoning training reduce model sycophancy?')).toEqual({
      id: '/notes/sycophancy-cannot-be-fixed-by-better-reasoning-training/',
      kind: 'note',
      title: 'Can better reasoning training reduce model sycophancy?',
      url: '/notes/sycophancy-cannot-be-fixed-by-better-reasoning-training/',
      stub: false,
      summary: 'Improving reasoning does not remove the pull towards agreement.',
    });
  });

  it('has only edges between exported nodes', () => {
    const ids = new Set(exported.nodes.map((n) => n.id));
    expect(exported.edges).toHaveLength(14);
    for (const edge of exported.edges) {
      expect(ids.has(edge.source), edge.source).toBe(true);
      expect(ids.has(edge.target), edge.target).toBe(true);
    }
  });

  it('keeps the order of an inquiring line\'s sources and the label of a relation', () => {
    const inquiry = '/inquiring-lines/why-does-expert-pushback-strengthen-model-sycophancy/';
    const sources = exported.edges.filter((e) => e.source === inquiry && e.kind === 'source');
    expect(sources).toEqual([
      { source: inquiry, target: '/notes/is-sycophancy-a-choice-or-a-mechanical-process/', kind: 'source', order: 1 },
      { source: inquiry, target: '/notes/sycophancy-cannot-be-fixed-by-better-reasoning-training/', kind: 'source', order: 2 },
    ]);
    expect(exported.edges).toContainEqual({
      source: '/notes/sycophancy-cannot-be-fixed-by-better-reasoning-training/',
      target: '/notes/is-sycophancy-a-choice-or-a-mechanical-process/',
      kind: 'related',
      label: 'the broader frame this follows from',
    });
  });
});

describe('trellis export --out', () => {
  it('writes the file relative to the working directory and keeps stdout empty', async () => {
    const out = join(tmp, 'nested', 'graph.json');
    const run = await trellis('export', '--content', smallDir, '--out', out);
    expect(run.status).toBe(0);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual([`wrote 10 nodes and 14 edges to ${out}`]);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(toExportGraph(readCorpus(smallDir)));
  });

  it('refuses an unknown format', async () => {
    const run = await trellis('export', '--content', smallDir, '--format', 'gexf');
    expect(run.status).toBe(2);
    expect(run.err[0]).toBe('trellis export: --format must be one of json, graphml, not "gexf"');
  });
});

describe('trellis export --format graphml', () => {
  const graph = readCorpus(smallDir);
  const expected = toExportGraph(graph);
  let parsed: ParsedGraphml;
  beforeAll(async () => {
    const run = await trellis('export', '--content', smallDir, '--format', 'graphml');
    expect(run.status).toBe(0);
    parsed = parseGraphml(run.out.join('\n'));
  });

  it('is a directed graph declaring its node and edge attributes', () => {
    expect(parsed.edgedefault).toBe('directed');
    const declared = parsed.keys.map((k) => `${k.for}:${k.name}:${k.type}`);
    for (const key of ['node:kind:string', 'node:title:string', 'node:url:string', 'node:stub:boolean', 'node:summary:string', 'edge:kind:string', 'edge:label:string', 'edge:order:int']) {
      expect(declared).toContain(key);
    }
  });

  it('holds every node, with titles that survive escaping', () => {
    expect(parsed.nodes.map((n) => n.id)).toEqual(expected.nodes.map((n) => n.id));
    const tag = parsed.nodes.find((n) => n.id === '/tags/rd-notes/');
    expect(tag?.data).toMatchObject({ kind: 'tag', title: 'R&D <notes>', stub: 'false' });
    const stub = parsed.nodes.find((n) => n.id === '/notes/does-agree-amplify-beat-plain-agreement/');
    expect(stub?.data).toMatchObject({ kind: 'note', title: 'Does "agree & amplify" beat <plain> agreement?', stub: 'true', summary: 'A cited idea with no note of its own yet.' });
  });

  it('holds every edge with its kind, order and label', () => {
    expect(parsed.edges.map((e) => ({ source: e.source, target: e.target, kind: e.data.kind }))).toEqual(
      expected.edges.map((e) => ({ source: e.source, target: e.target, kind: e.kind })),
    );
    expect(parsed.edges.filter((e) => e.data.order).map((e) => e.data.order)).toEqual(['1', '2']);
    expect(parsed.edges.find((e) => e.data.kind === 'related' && e.data.label)?.data.label).toBe('the broader frame this follows from');
  });

  it('stays well-formed when a title holds characters XML cannot carry', () => {
    const text = '---\ntitle: "Bell\\u0007 ]]> & \'quotes\' <b>"\nsummary: "two\\nlines\\r\\n"\n---\nBody.\n';
    const { doc } = parseDocument({ path: 'notes/odd.md', kind: 'note', text });
    if (!doc) throw new Error('fixture did not parse');
    const odd = parseGraphml(exportToGraphml(buildGraph({ documents: [doc] })));
    expect(odd.nodes[0]?.data).toMatchObject({ title: 'Bell ]]> & \'quotes\' <b>', summary: 'two\nlines' });
  });
});

describe('the real launcher', () => {
  it('writes --out relative to where it runs', () => {
    const result = spawnSync(process.execPath, [join(import.meta.dirname, '../../bin/trellis.mjs'), 'export', '--content', smallDir, '--format', 'graphml', '--out', 'from-cwd.graphml'], {
      cwd: tmp,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(parseGraphml(readFileSync(join(tmp, 'from-cwd.graphml'), 'utf8')).nodes).toHaveLength(10);
  });
});
