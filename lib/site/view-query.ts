import { listNodeKinds } from '../domain/kinds';
import { isNodeIdShaped, nodeUrlShapes } from '../domain/node-id';
import { defaultNeighbourhoodOptions, EDGE_KINDS, MAX_DEPTH, type NeighbourhoodOptions } from '../graph/neighbourhood';
import type { RegionQuery } from '../graph/overview';
import type { NodeId } from '../graph/types';

/*
 * The graph views' query strings, read and checked for the route handlers
 * (app/api/neighbourhood, path, graph): the HTTP side of lib/graph's queries, so
 * that the graph stage knows nothing of URLs.
 */

/** What a view's query string asks for, or what is wrong with it. */
export type ParsedQuery<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** A node id from a query parameter: a canonical URL path such as `/notes/<slug>/`. */
export function parseNodeId(name: string, value: string | null): ParsedQuery<NodeId> {
  if (value === null || value === '') return { ok: false, error: `${name} is required: a node URL such as /notes/<slug>/` };
  if (!isNodeIdShaped(value)) {
    return { ok: false, error: `${name} must be a node URL such as ${nodeUrlShapes()}` };
  }
  return { ok: true, value: value as NodeId };
}

/**
 * A comma-separated list of kinds. Absent means every kind; present but empty
 * means none (a view of the centre alone); an unknown kind is an error.
 */
export function parseKinds<K extends string>(name: string, value: string | null, known: readonly K[]): ParsedQuery<ReadonlySet<K> | undefined> {
  if (value === null) return { ok: true, value: undefined };
  const kinds = new Set<K>();
  for (const part of value.split(',')) {
    const kind = part.trim();
    if (kind === '') continue;
    if (!(known as readonly string[]).includes(kind)) {
      return { ok: false, error: `${name} has an unknown kind ${JSON.stringify(kind.slice(0, 40))}; known kinds are ${known.join(', ')}` };
    }
    kinds.add(kind as K);
  }
  return { ok: true, value: kinds.size === known.length ? undefined : kinds };
}

/** The depth of a view: a whole number from 1 to MAX_DEPTH, 1 when absent. */
export function parseDepth(value: string | null): ParsedQuery<number> {
  if (value === null || value === '') return { ok: true, value: defaultNeighbourhoodOptions.depth };
  const depth = Number(value);
  if (!/^\d+$/.test(value) || depth < 1 || depth > MAX_DEPTH) return { ok: false, error: `depth must be a whole number from 1 to ${MAX_DEPTH}` };
  return { ok: true, value: depth };
}

export interface NeighbourhoodQuery {
  readonly id: NodeId;
  readonly options: Partial<NeighbourhoodOptions>;
}

/** `?id=&depth=&nodeKinds=&edgeKinds=` as the neighbourhood route takes them. */
export function parseNeighbourhoodQuery(params: URLSearchParams): ParsedQuery<NeighbourhoodQuery> {
  const id = parseNodeId('id', params.get('id'));
  if (!id.ok) return id;
  const depth = parseDepth(params.get('depth'));
  if (!depth.ok) return depth;
  const nodeKinds = parseKinds('nodeKinds', params.get('nodeKinds'), listNodeKinds());
  if (!nodeKinds.ok) return nodeKinds;
  const edgeKinds = parseKinds('edgeKinds', params.get('edgeKinds'), EDGE_KINDS);
  if (!edgeKinds.ok) return edgeKinds;
  return {
    ok: true,
    value: {
      id: id.value,
      options: { depth: depth.value, ...(nodeKinds.value ? { nodeKinds: nodeKinds.value } : {}), ...(edgeKinds.value ? { edgeKinds: edgeKinds.value } : {}) },
    },
  };
}

/**
 * `?focus=&from=&to=&depth=&nodeKinds=&edgeKinds=` as GET /api/graph/ takes them:
 * undefined (the overview) when none of focus, from and to is given. A path needs
 * both ends. Depth is 1 when absent.
 */
export function parseRegionQuery(params: URLSearchParams): ParsedQuery<RegionQuery | undefined> {
  const named = (name: string) => {
    const value = params.get(name);
    return value === null ? ({ ok: true, value: undefined } as const) : parseNodeId(name, value);
  };
  const focus = named('focus');
  if (!focus.ok) return focus;
  const from = named('from');
  if (!from.ok) return from;
  const to = named('to');
  if (!to.ok) return to;
  if ((from.value === undefined) !== (to.value === undefined)) return { ok: false, error: 'from and to go together: a path needs both ends' };
  const depthText = params.get('depth');
  const depth = depthText === null || depthText === '' ? 1 : Number(depthText);
  if (!/^\d*$/.test(depthText ?? '') || depth < 1 || depth > MAX_DEPTH) return { ok: false, error: `depth must be a whole number from 1 to ${MAX_DEPTH}` };
  const nodeKinds = parseKinds('nodeKinds', params.get('nodeKinds'), listNodeKinds());
  if (!nodeKinds.ok) return nodeKinds;
  const edgeKinds = parseKinds('edgeKinds', params.get('edgeKinds'), EDGE_KINDS);
  if (!edgeKinds.ok) return edgeKinds;
  if (!focus.value && !from.value) return { ok: true, value: undefined };
  return {
    ok: true,
    value: {
      depth,
      ...(focus.value ? { focus: focus.value } : {}),
      ...(from.value && to.value ? { from: from.value, to: to.value } : {}),
      ...(nodeKinds.value ? { nodeKinds: nodeKinds.value } : {}),
      ...(edgeKinds.value ? { edgeKinds: edgeKinds.value } : {}),
    },
  };
}
