'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import type { TopicMap as TopicMapData } from '@/lib/topics/map';
import { readTheme } from './GraphKit';

/*
 * The map of topics on /topics/: one disc per topic, sized by its documents, with
 * the links between topics as lines (GET /api/graph/?level=topics, laid out on the
 * server). It opens on the top-level topics; choosing a topic with subtopics zooms
 * into them (semantic zoom), choosing a leaf opens its hub page. cytoscape loads
 * with the data, after the page; the tree below the map is the same content as text.
 */

type Cy = import('cytoscape').Core;

/** The topics shown under `parent` (-1: the top level), and the edges among them. */
function level(map: TopicMapData, parent: number): { nodes: number[]; edges: [number, number, number][] } {
  const nodes = map.parents.flatMap((p, i) => (p === parent ? [i] : []));
  const inside = new Set(nodes);
  // Edges of the level: the top level's own list, else leaf edges lifted to the children of `parent`.
  const lift = (i: number): number => {
    let at = i;
    while (at >= 0 && !inside.has(at)) at = map.parents[at] ?? -1;
    return at;
  };
  const sums = new Map<string, number>();
  const source = parent === -1 ? map.rootEdges : map.edges;
  for (let e = 0; e < source.length; e += 3) {
    const [a, b] = [lift(source[e] as number), lift(source[e + 1] as number)];
    if (a < 0 || b < 0 || a === b) continue;
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    sums.set(key, (sums.get(key) ?? 0) + (source[e + 2] as number));
  }
  return { nodes, edges: [...sums].map(([key, w]) => [...(key.split(' ').map(Number) as [number, number]), w]) };
}

export function TopicMap() {
  const router = useRouter();
  const [map, setMap] = useState<TopicMapData | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [parent, setParent] = useState(-1);
  const [host, setHost] = useState<HTMLDivElement | null>(null);
  const [cytoscape, setCytoscape] = useState<typeof import('cytoscape') | undefined>();

  useEffect(() => {
    let live = true;
    Promise.all([fetch('/api/graph/?level=topics').then((r) => (r.ok ? (r.json() as Promise<TopicMapData>) : Promise.reject(new Error(`the map is not ready (${r.status})`)))), import('cytoscape')])
      .then(([data, module]) => {
        if (!live) return;
        setMap(data);
        setCytoscape(() => module.default);
      })
      .catch((e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, []);

  const shown = useMemo(() => (map ? level(map, parent) : undefined), [map, parent]);

  useEffect(() => {
    if (!map || !shown || !host || !cytoscape) return;
    const theme = readTheme();
    const largest = Math.max(1, ...shown.nodes.map((i) => map.sizes[i] ?? 1));
    const heaviest = Math.max(1, ...shown.edges.map((e) => e[2]));
    const cy: Cy = cytoscape({
      container: host,
      elements: [
        ...shown.nodes.map((i) => ({
          group: 'nodes' as const,
          data: { id: `t${i}`, label: `${map.labels[i]} (${(map.sizes[i] ?? 0).toLocaleString('en')})`, size: 16 + 64 * Math.sqrt((map.sizes[i] ?? 1) / largest) },
          position: { x: map.positions[2 * i] ?? 0, y: map.positions[2 * i + 1] ?? 0 },
        })),
        ...shown.edges.map(([a, b, w]) => ({ group: 'edges' as const, data: { id: `e${a}-${b}`, source: `t${a}`, target: `t${b}`, width: 0.5 + 5 * Math.sqrt(w / heaviest) } })),
      ],
      style: [
        { selector: 'node', style: { width: 'data(size)', height: 'data(size)', 'background-color': theme.kind.note, 'background-opacity': 0.75, label: 'data(label)', color: theme.text, 'font-size': 13, 'text-valign': 'bottom', 'text-margin-y': 4, 'text-wrap': 'wrap', 'text-max-width': '160px', 'text-background-color': theme.bg, 'text-background-opacity': 0.8 } },
        { selector: 'edge', style: { width: 'data(width)', 'line-color': theme.border, 'curve-style': 'straight', opacity: 0.7 } },
      ],
      layout: { name: 'preset', fit: true, padding: 40 },
      minZoom: 0.05,
      maxZoom: 6,
      autoungrabify: true,
      autounselectify: true,
      boxSelectionEnabled: false,
    });
    cy.on('tap', 'node', (event) => {
      const i = Number(String(event.target.id()).slice(1));
      if (map.parents.includes(i)) setParent(i);
      else router.push(`/topics/${map.slugs[i]}/`);
    });
    return () => cy.destroy();
  }, [map, shown, host, cytoscape, router]);

  if (error) return <p className="empty">The map could not be drawn: {error}. The list below holds every topic.</p>;
  const current = parent >= 0 && map ? map.labels[parent] : undefined;
  return (
    <section className="topic-map" aria-label="Map of topics">
      <p className="topic-map-where">
        {current ? (
          <>
            <button type="button" onClick={() => setParent(map?.parents[parent] ?? -1)}>
              ← Back
            </button>{' '}
            Subtopics of <a href={`/topics/${map?.slugs[parent]}/`}>{current}</a>
          </>
        ) : map ? (
          `${map.total.topics.toLocaleString('en')} topics over ${map.total.documents.toLocaleString('en')} documents: choose a topic to see its subtopics.`
        ) : (
          'Drawing the map…'
        )}
      </p>
      <div ref={setHost} className="topic-map-canvas" role="img" aria-label={current ? `Subtopics of ${current}` : 'The top-level topics and the links between them'} data-topics={shown?.nodes.length ?? 0} />
    </section>
  );
}
