import { indexEdges } from '../graph/build';
import { EDGE_KINDS } from '../graph/neighbourhood';
import type { DerivedCache, DerivedPart, Diagnostic, Edge, Graph, NodeId, TrellisNode } from '../graph/types';

/*
 * The built graph, saved in the derived store beside the search index, so that a
 * restart on unchanged content reads the graph back instead of reading 52,000 records
 * and linking them again (restart at 52k: records 0.6 s and build 2.2–2.6 s, against
 * about 0.7 s for this; docs/benchmarks.md).
 *
 * A snapshot belongs to one content version (the derived store's fingerprint) and one
 * build of the code that made it (`codeVersion`, the Next.js build id the server runs):
 * a deploy that changes how the graph is built never reads a graph the old code built.
 * Without a code version (the CLI, `next dev`, tests) nothing is saved or read.
 *
 * Parts: `meta` (written last, so a save cut short is never read), nodes as JSON in
 * chunks, edges as columns of node positions (Int32) with the few edges that carry a
 * label, order or summary in JSON, names and diagnostics in JSON. Edges and names name
 * nodes by position, so that every id string is held once, as when the graph is built.
 */

export const GRAPH_SNAPSHOT = 'graph';
const FORMAT = 1;
const NODES_PER_PART = 4096;
const NAMES_PER_PART = 32_768;

interface Meta {
  readonly format: number;
  readonly code: string;
  readonly nodes: number;
  readonly nodeParts: number;
  readonly edges: number;
  readonly nameParts: number;
  readonly fileCount: number;
}

function bytesOf(values: Int32Array | Uint8Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** The parts of a graph's snapshot, made one at a time as the store writes them. */
export function* graphSnapshotParts(graph: Graph, code: string): Generator<DerivedPart> {
  const nodes = [...graph.nodes.values()];
  const position = new Map<NodeId, number>(nodes.map((node, i) => [node.id, i]));
  const nodeParts = Math.ceil(nodes.length / NODES_PER_PART);
  for (let part = 0; part < nodeParts; part++) {
    yield [`nodes:${part}`, JSON.stringify(nodes.slice(part * NODES_PER_PART, (part + 1) * NODES_PER_PART))];
  }
  const { edges } = graph;
  const sources = new Int32Array(edges.length);
  const targets = new Int32Array(edges.length);
  const kinds = new Uint8Array(edges.length);
  const extras: [number, string | null, number | null, string | null][] = [];
  edges.forEach((edge, i) => {
    sources[i] = position.get(edge.source) ?? -1;
    targets[i] = position.get(edge.target) ?? -1;
    const kind = EDGE_KINDS.indexOf(edge.kind);
    if (kind < 0) throw new Error(`graph snapshot: edge kind ${edge.kind} is not in EDGE_KINDS (lib/graph/neighbourhood.ts)`);
    kinds[i] = kind;
    if (edge.label || edge.order || edge.summary) extras.push([i, edge.label ?? null, edge.order ?? null, edge.summary ?? null]);
  });
  yield ['edges:sources', bytesOf(sources)];
  yield ['edges:targets', bytesOf(targets)];
  yield ['edges:kinds', kinds];
  yield ['edges:extras', JSON.stringify(extras)];
  const names = [...graph.names];
  const nameParts = Math.ceil(names.length / NAMES_PER_PART);
  for (let part = 0; part < nameParts; part++) {
    const slice = names.slice(part * NAMES_PER_PART, (part + 1) * NAMES_PER_PART);
    yield [`names:${part}`, JSON.stringify(slice.map(([key, ids]) => [key, ids.map((id) => position.get(id) ?? -1)]))];
  }
  yield ['diagnostics', JSON.stringify(graph.diagnostics)];
  const meta: Meta = { format: FORMAT, code, nodes: nodes.length, nodeParts, edges: edges.length, nameParts, fileCount: graph.fileCount };
  yield ['meta', JSON.stringify(meta)];
}

/** Graphs read back from a snapshot: saving them again would write what is there. */
const restored = new WeakSet<Graph>();

/**
 * The steps that save a graph's snapshot for its content version, unless the code has no version,
 * the graph has no store, or it was itself read from one. Returns whether it saved.
 */
export function* saveGraphSnapshotSteps(graph: Graph, code: string | undefined): Generator<void, boolean> {
  const { derived } = graph;
  if (!code || !derived || restored.has(graph)) return false;
  // A part a step (about 80 MB in all at 52,000 documents): requests are answered between them.
  if (derived.saveSteps) yield* derived.saveSteps(GRAPH_SNAPSHOT, graphSnapshotParts(graph, code));
  else derived.save(GRAPH_SNAPSHOT, graphSnapshotParts(graph, code));
  restored.add(graph);
  return true;
}

function int32(data: string | Uint8Array | undefined): Int32Array | undefined {
  if (!(data instanceof Uint8Array) || data.byteLength % 4 !== 0) return undefined;
  return new Int32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

/**
 * The graph a snapshot holds, read a part per step; undefined when there is no
 * snapshot of this content by this code, or it is incomplete or inconsistent (the
 * caller then builds the graph from the records). `bodies` and `derived` are the
 * store's, as for a built graph.
 */
export function* readGraphSnapshotSteps(derived: DerivedCache, code: string | undefined, bodies: Graph['bodies']): Generator<void, Graph | undefined> {
  if (!code) return undefined;
  const parts = derived.load(GRAPH_SNAPSHOT);
  if (!parts) return undefined;
  const byKey = new Map(parts);
  parts.length = 0;
  const text = (key: string): string | undefined => {
    const data = byKey.get(key);
    byKey.delete(key);
    return typeof data === 'string' ? data : undefined;
  };
  const meta = JSON.parse(text('meta') ?? 'null') as Meta | null;
  if (meta?.format !== FORMAT || meta.code !== code) return undefined;
  yield;
  const nodes: TrellisNode[] = [];
  for (let part = 0; part < meta.nodeParts; part++) {
    const chunk = text(`nodes:${part}`);
    if (chunk === undefined) return undefined;
    for (const node of JSON.parse(chunk) as TrellisNode[]) {
      // One string for both, as the build makes them.
      if (node.url === node.id) (node as { url: string }).url = node.id;
      nodes.push(node);
    }
    yield;
  }
  if (nodes.length !== meta.nodes) return undefined;
  const edges = readEdges(byKey, nodes, meta.edges);
  if (!edges) return undefined;
  yield;
  const names = new Map<string, NodeId[]>();
  for (let part = 0; part < meta.nameParts; part++) {
    const chunk = text(`names:${part}`);
    if (chunk === undefined) return undefined;
    for (const [key, at] of JSON.parse(chunk) as [string, number[]][]) {
      const ids = at.map((i) => nodes[i]?.id);
      if (ids.some((id) => id === undefined)) return undefined;
      names.set(key, ids as NodeId[]);
    }
  }
  const diagnostics = JSON.parse(text('diagnostics') ?? 'null') as Diagnostic[] | null;
  if (!diagnostics) return undefined;
  yield;
  const graph: Graph = {
    bodies,
    derived,
    nodes: new Map(nodes.map((node) => [node.id, node])),
    edges,
    ...indexEdges(edges),
    names,
    diagnostics,
    fileCount: meta.fileCount,
  };
  restored.add(graph);
  return graph;
}

/** The edges of a snapshot, or undefined when its columns do not fit its nodes. */
function readEdges(byKey: Map<string, string | Uint8Array>, nodes: readonly TrellisNode[], count: number): Edge[] | undefined {
  const sources = int32(byKey.get('edges:sources'));
  const targets = int32(byKey.get('edges:targets'));
  const kinds = byKey.get('edges:kinds');
  const extrasText = byKey.get('edges:extras');
  if (!sources || !targets || !(kinds instanceof Uint8Array) || typeof extrasText !== 'string') return undefined;
  if (sources.length !== count || targets.length !== count || kinds.length !== count) return undefined;
  const edges: Edge[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const source = nodes[sources[i] as number]?.id;
    const target = nodes[targets[i] as number]?.id;
    const kind = EDGE_KINDS[kinds[i] as number];
    if (source === undefined || target === undefined || kind === undefined) return undefined;
    edges[i] = { source, target, kind };
  }
  for (const [i, label, order, summary] of JSON.parse(extrasText) as [number, string | null, number | null, string | null][]) {
    const edge = edges[i] as { -readonly [K in keyof Edge]: Edge[K] } | undefined;
    if (!edge) return undefined;
    if (label) edge.label = label;
    if (order) edge.order = order;
    if (summary) edge.summary = summary;
  }
  return edges;
}
