import { join } from 'node:path';
import type { Diagnostic } from '../domain/types';

/**
 * One diagnostic as a line an editor can jump from:
 * `content/notes/x.md:3: error [yaml] message (field: tags)`.
 * `contentDir` is prefixed as given, so paths read relative to where the command ran.
 */
export function formatDiagnostic(d: Diagnostic, contentDir: string): string {
  const where = d.file === undefined ? contentDir : `${join(contentDir, d.file)}${d.line ? `:${d.line}` : ''}`;
  const field = d.field ? ` (field: ${d.field})` : '';
  return `${where}: ${d.severity} [${d.code}] ${d.message}${field}`;
}
