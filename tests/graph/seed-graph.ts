import { parseDocument } from '../../lib/content/parse';
import { buildGraph } from '../../lib/graph/build';
import type { Graph, ParsedDocument } from '../../lib/graph/types';
import { importedSeeds } from '../import/seed-inputs';

/** The graph the five seeds make, built in memory the way the server builds content/. */
export function seedGraph(): Graph {
  const documents: ParsedDocument[] = [];
  for (const file of importedSeeds().values()) {
    const { doc } = parseDocument({ path: file.path, kind: file.kind, text: file.text });
    if (doc) documents.push(doc);
  }
  return buildGraph({ documents });
}
