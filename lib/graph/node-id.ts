import { KIND_PATH } from '../content/slug';
import type { NodeId, NodeKind } from './types';

/*
 * The shape of a node id as it arrives in a URL or a query string (`?focus=`, `?id=`):
 * `/<kind's folder>/<slug>/`. A shape check before any lookup, shared by the route
 * handlers and the browser; whether a node has that id is the graph's to say.
 */

/** The longest node id worth looking up; ids are URL paths well under this. */
export const MAX_NODE_ID_LENGTH = 300;

const NODE_ID_PATTERN = new RegExp(`^/(?:${Object.values(KIND_PATH).join('|')})/[^/\\s?#]+/$`);

/** True when `value` has the shape of a node id (it may still name no node). */
export function isNodeIdShaped(value: string): value is NodeId {
  return value.length <= MAX_NODE_ID_LENGTH && NODE_ID_PATTERN.test(value);
}

const KIND_OF_FOLDER = new Map(Object.entries(KIND_PATH).map(([kind, folder]) => [folder, kind as NodeKind]));

/** The kind a node id's folder names (`/papers/…/` → paper), for an id of the right shape. */
export function kindOfNodeId(value: string): NodeKind | undefined {
  return isNodeIdShaped(value) ? KIND_OF_FOLDER.get(value.split('/')[1] ?? '') : undefined;
}
