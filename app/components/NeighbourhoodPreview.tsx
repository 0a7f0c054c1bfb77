import { kindEntry } from '@/lib/domain/kinds';
import { CENTRE_FONT, LABEL_FONT, type NeighbourhoodPreview as Layout, type PreviewLabel, type PreviewNode } from '@/lib/site/neighbourhood-preview';

/*
 * The neighbourhood as a still SVG picture, drawn on the server: what the side column
 * shows until the reader opens the graph. It is decoration (aria-hidden, no links):
 * the page's sections list every neighbour once, and the "Explore the graph" button
 * beside it is the keyboard's one stop. Colours are the theme's CSS variables, so it
 * follows light and dark with no script.
 */

function Label({ label, font, className }: { label: PreviewLabel; font: number; className: string }) {
  return (
    <text className={className} x={label.x} y={label.y} fontSize={font} textAnchor={label.anchor}>
      {label.lines.map((line, i) => (
        <tspan key={i} x={label.x} dy={i === 0 ? 0 : font + 2}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** A node's mark in its kind's shape, as the graph draws it, so that kinds differ by more than colour. */
function Mark({ node }: { node: PreviewNode }) {
  const { x, y, r } = node;
  const p = (points: [number, number][]) => points.map(([px, py]) => `${Math.round((x + px) * 10) / 10},${Math.round((y + py) * 10) / 10}`).join(' ');
  switch (kindEntry(node.kind).shape) {
    case 'diamond':
      return <polygon points={p([[0, -r * 1.2], [r * 1.2, 0], [0, r * 1.2], [-r * 1.2, 0]])} />;
    case 'round-rectangle':
      return <rect x={x - r} y={y - r * 0.85} width={2 * r} height={1.7 * r} rx={r * 0.35} />;
    case 'triangle':
      return <polygon points={p([[0, -r * 1.15], [r * 1.1, r * 0.85], [-r * 1.1, r * 0.85]])} />;
    default:
      return <circle cx={x} cy={y} r={r} />;
  }
}

function Node({ node, centre = false }: { node: PreviewNode; centre?: boolean }) {
  return (
    <g data-kind={node.kind} className={`preview-node${node.stub ? ' stub' : ''}${centre ? ' centre' : ''}`}>
      <title>{node.stub ? `${node.title} (not in the collection)` : node.title}</title>
      <Mark node={node} />
      {node.number !== undefined && (
        <text className="preview-number" x={node.x} y={node.y} textAnchor="middle" dominantBaseline="central" fontSize={node.number > 9 ? 8.5 : 10}>
          {node.number}
        </text>
      )}
      {node.label && <Label label={node.label} font={centre ? CENTRE_FONT : LABEL_FONT} className="preview-label" />}
    </g>
  );
}

export function NeighbourhoodPreview({ layout }: { layout: Layout }) {
  const { width, height, centre, nodes, more, moreAt } = layout;
  return (
    <svg className="neighbourhood-preview" viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
      {/* Every edge in one path: the picture stays a few KB of markup for a hub. */}
      <path className="preview-edges" d={nodes.map((n) => `M${centre.x} ${centre.y}L${n.x} ${n.y}`).join('')} />
      {nodes.map((n) => (
        <Node key={n.id} node={n} />
      ))}
      <Node node={centre} centre />
      {more > 0 && (
        <text className="preview-more" x={moreAt.x} y={moreAt.y} fontSize={LABEL_FONT} textAnchor="middle">
          +{more} more in the graph
        </text>
      )}
    </svg>
  );
}
