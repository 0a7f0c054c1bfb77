import type { Graph, TrellisNode } from '@/lib/graph/types';
import { problemsOfNode } from '@/lib/site/problems';

/**
 * While content is watched (`npm run dev`, TRELLIS_WATCH=1): the problems of the file
 * this page comes from, each with its line and what to do, as `trellis check` says
 * them. Nothing on a deployed site.
 */
export function ProblemBanner({ graph, node }: { graph: Graph; node: TrellisNode }) {
  const problems = problemsOfNode(graph, node);
  if (problems.length === 0) return null;
  const errors = problems.filter((d) => d.severity === 'error').length;
  return (
    <aside className="problem-banner" role="alert" data-severity={errors > 0 ? 'error' : 'warning'}>
      <p>
        <strong>
          {problems.length === 1 ? 'A problem' : `${problems.length} problems`} in <code>{node.file}</code>
        </strong>{' '}
        (shown while content is watched; readers of the deployed site do not see this box)
      </p>
      <ul>
        {problems.map((d, i) => (
          <li key={i}>
            <code>
              {node.file}
              {d.line ? `:${d.line}` : ''}
            </code>{' '}
            {d.severity}: {d.message}
            {d.field ? ` (field: ${d.field})` : ''}
          </li>
        ))}
      </ul>
    </aside>
  );
}
