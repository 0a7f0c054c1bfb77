import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/*
 * A quick look at a content folder from outside, without Trellis's loader: how many
 * files and bytes, how tags are spread, and a paper whose title a bench can edit.
 */

export interface CorpusScan {
  readonly files: number;
  readonly bytes: number;
  /** Markdown files per top-level folder (papers, notes, inquiries…). */
  readonly byFolder: ReadonlyMap<string, number>;
  /** Tags by the number of files carrying them, most common first (the first 20). */
  readonly topTags: readonly (readonly [string, number])[];
  readonly tagCount: number;
  /** Files with a `tags` list, the denominator of a tag's share. */
  readonly tagged: number;
  /** A paper with a one-line title: the file a watch bench edits. */
  readonly editable?: { readonly file: string; readonly arxivId: string };
  /** A note file, for the first note page (generated notes are served at /notes/<file name>/). */
  readonly noteFile?: string;
}

/** The tags of a frontmatter block: a `tags:` list in block or flow style. */
function tagsOf(head: string): string[] {
  const block = /^tags:[ \t]*\n((?:[ \t]*-[ \t].*\n?)*)/m.exec(head)?.[1];
  if (block) return block.split('\n').map((l) => l.replace(/^[ \t]*-[ \t]*/, '').trim().replace(/^['"]|['"]$/g, '')).filter(Boolean);
  const flow = /^tags:[ \t]*\[(.*)\]/m.exec(head)?.[1];
  return flow ? flow.split(',').map((t) => t.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean) : [];
}

function* markdownFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* markdownFiles(path);
    else if (entry.name.endsWith('.md')) yield path;
  }
}

/** Reads every Markdown file of `dir` once; memory holds counters only. */
export function scanCorpus(dir: string): CorpusScan {
  let files = 0;
  let bytes = 0;
  let tagged = 0;
  const byFolder = new Map<string, number>();
  const tags = new Map<string, number>();
  let editable: CorpusScan['editable'];
  let noteFile: string | undefined;
  for (const path of markdownFiles(dir)) {
    const text = readFileSync(path, 'utf8');
    files++;
    bytes += statSync(path).size;
    const folder = relative(dir, path).split('/')[0] ?? '';
    byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
    const end = text.startsWith('---') ? text.indexOf('\n---', 3) : -1;
    const head = end > 0 ? text.slice(0, end + 1) : '';
    const own = new Set(tagsOf(head));
    if (own.size > 0) tagged++;
    for (const tag of own) tags.set(tag, (tags.get(tag) ?? 0) + 1);
    if (!noteFile && folder === 'notes') noteFile = path;
    if (!editable && folder === 'papers') {
      const arxivId = /^arxiv_id:\s*'?([^'\s]+)'?\s*$/m.exec(head)?.[1];
      // A title on one line, not folded: the edit replaces that line only.
      if (arxivId && /^title: .+\n(?![ \t])/m.test(head)) editable = { file: path, arxivId };
    }
  }
  const topTags = [...tags].sort((a, b) => b[1] - a[1]).slice(0, 20);
  return { files, bytes, byFolder, topTags, tagCount: tags.size, tagged, ...(editable ? { editable } : {}), ...(noteFile ? { noteFile } : {}) };
}
