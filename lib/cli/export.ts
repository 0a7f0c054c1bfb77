import type { EdgeKind, Graph, NodeId, NodeKind } from '../graph/types';

/*
 * The graph as other tools read it. Pure: a graph in, a string out. The JSON is
 * Trellis's own exchange format; the GraphML opens in Gephi, yEd and networkx.
 */

/** A node as exported: its id is its URL, so an export links back to the site. */
export interface ExportNode {
  readonly id: NodeId;
  readonly kind: NodeKind;
  readonly title: string;
  readonly url: string;
  /** Cited by the collection but without a file of its own. */
  readonly stub: boolean;
  readonly summary?: string;
}

export interface ExportEdge {
  readonly source: NodeId;
  readonly target: NodeId;
  readonly kind: EdgeKind;
  readonly label?: string;
  readonly order?: number;
}

export interface ExportGraph {
  readonly nodes: readonly ExportNode[];
  readonly edges: readonly ExportEdge[];
}

/** The exported view of a graph: every node (tags and stubs included) and every edge, in graph order. */
export function toExportGraph(graph: Graph): ExportGraph {
  const nodes = [...graph.nodes.values()].map(
    (n): ExportNode => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      url: n.url,
      stub: n.stub,
      ...(n.summary ? { summary: n.summary } : {}),
    }),
  );
  const edges = graph.edges.map(
    (e): ExportEdge => ({
      source: e.source,
      target: e.target,
      kind: e.kind,
      ...(e.label ? { label: e.label } : {}),
      ...(e.order !== undefined ? { order: e.order } : {}),
    }),
  );
  return { nodes, edges };
}

/** `{ nodes, edges }` as indented JSON. */
export function exportToJson(graph: Graph): string {
  return JSON.stringify(toExportGraph(graph), null, 2);
}

// Characters XML 1.0 cannot hold at all, not even escaped (controls, lone surrogates, U+FFFE/FFFF).
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text made safe for XML content or a double-quoted attribute. In attributes,
 * tabs and line breaks are written as references, since parsers turn them into spaces.
 */
export function escapeXml(text: string, inAttribute = false): string {
  const escaped = text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
  return inAttribute
    ? escaped.replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;')
    : escaped;
}

interface GraphmlKey {
  readonly id: string;
  readonly for: 'node' | 'edge';
  readonly name: string;
  readonly type: 'string' | 'boolean' | 'int';
}

// `label` repeats the title because Gephi shows a node attribute named "label" as the node's label.
const NODE_KEYS = [
  { id: 'n-label', for: 'node', name: 'label', type: 'string' },
  { id: 'n-kind', for: 'node', name: 'kind', type: 'string' },
  { id: 'n-title', for: 'node', name: 'title', type: 'string' },
  { id: 'n-url', for: 'node', name: 'url', type: 'string' },
  { id: 'n-stub', for: 'node', name: 'stub', type: 'boolean' },
  { id: 'n-summary', for: 'node', name: 'summary', type: 'string' },
] as const satisfies readonly GraphmlKey[];

const EDGE_KEYS = [
  { id: 'e-kind', for: 'edge', name: 'kind', type: 'string' },
  { id: 'e-label', for: 'edge', name: 'label', type: 'string' },
  { id: 'e-order', for: 'edge', name: 'order', type: 'int' },
] as const satisfies readonly GraphmlKey[];

type DataValues = Readonly<Record<string, string | number | boolean | undefined>>;

function dataElements(values: DataValues, keys: readonly GraphmlKey[]): string[] {
  return keys.flatMap((key) => {
    const value = values[key.name];
    return value === undefined ? [] : [`      <data key="${key.id}">${escapeXml(String(value))}</data>`];
  });
}

/** A directed GraphML document with typed attributes for every node and edge field. */
export function exportToGraphml(graph: Graph): string {
  const { nodes, edges } = toExportGraph(graph);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...[...NODE_KEYS, ...EDGE_KEYS].map((k) => `  <key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>`),
    '  <graph id="trellis" edgedefault="directed">',
  ];
  for (const node of nodes) {
    lines.push(`    <node id="${escapeXml(node.id, true)}">`, ...dataElements({ label: node.title, kind: node.kind, title: node.title, url: node.url, stub: node.stub, summary: node.summary }, NODE_KEYS), '    </node>');
  }
  edges.forEach((edge, i) => {
    lines.push(
      `    <edge id="e${i}" source="${escapeXml(edge.source, true)}" target="${escapeXml(edge.target, true)}">`,
      ...dataElements({ kind: edge.kind, label: edge.label, order: edge.order }, EDGE_KEYS),
      '    </edge>',
    );
  });
  lines.push('  </graph>', '</graphml>');
  return lines.join('\n');
}
