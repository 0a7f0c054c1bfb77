import { kindEntries, kindOfRoute } from './kinds';
import type { NodeId, NodeKind } from './types';

/*
 * The shape of a node id as it arrives in a URL or a query string (`?focus=`, `?id=`):
 * `/<kind's folder>/<slug>/`. A shape check before any lookup, shared by the route
 * handlers and the browser; whether a node has that id is the graph's to say.
 */

/** The longest node id worth looking up; ids are URL paths well under this. */
export const MAX_NODE_ID_LENGTH = 300;

// `/<segment>/<slug>/`; the segment must be a kind's route (checked against the registry).
const NODE_ID_PATTERN = /^\/([a-z0-9-]+)\/[^/\s?#]+\/$/;

/** True when `value` has the shape of a node id (it may still name no node). */
export function isNodeIdShaped(value: string): value is NodeId {
  return kindOfNodeId(value) !== undefined;
}

/** The kind a node id's folder names (`/papers/…/` → paper), for an id of the right shape. */
export function kindOfNodeId(value: string): NodeKind | undefined {
  if (value.length > MAX_NODE_ID_LENGTH) return undefined;
  const route = NODE_ID_PATTERN.exec(value)?.[1];
  return route === undefined ? undefined : kindOfRoute(route);
}

/** "/notes/<slug>/, /inquiring-lines/<slug>/, /papers/<slug>/ or /tags/<slug>/": the shapes of a node URL, for messages. */
export function nodeUrlShapes(): string {
  const shapes = kindEntries()
    .filter((e) => !e.computed)
    .map((e) => `/${e.route}/<slug>/`);
  return shapes.length > 1 ? `${shapes.slice(0, -1).join(', ')} or ${shapes.at(-1)}` : (shapes[0] ?? '');
}
