import type { Diagnostic, DocumentNode } from '../graph/types';

/*
 * The authors' own topics. A document names its topic in frontmatter (`topics:`
 * or `category:`, one name or a list; the first is its topic). The topics file,
 * `topics.yml` at the root of the content folder, names, pins, nests and merges
 * topics:
 *
 *     - name: Sycophancy under pushback   # the topic's name (required)
 *       slug: sycophancy                  # its URL, /topics/sycophancy/ (else from the name)
 *       parent: llm-behaviour             # the slug of the topic it is a subtopic of
 *       merge: [flattery, agreement]      # frontmatter topic names that belong to this topic
 *       members:                          # documents pinned to it, by title, slug or arXiv id
 *         - Some note title
 *         - 2411.15287
 *
 * The file is read line by line (a small subset of YAML) so that each problem
 * names its line.
 */

/** Where the topics file lives, relative to the content folder. */
export const TOPICS_FILE = 'topics.yml';

export interface TopicEntry {
  readonly name: string;
  readonly slug?: string;
  readonly parent?: string;
  readonly merge: readonly string[];
  readonly members: readonly { readonly name: string; readonly line: number }[];
  /** 1-based line of the entry's start, and of its `slug` and `parent` fields. */
  readonly line: number;
  readonly slugLine?: number;
  readonly parentLine?: number;
}

export interface TopicsFile {
  readonly entries: readonly TopicEntry[];
  readonly diagnostics: readonly Diagnostic[];
}

const KEYS = new Set(['name', 'slug', 'parent', 'merge', 'members']);

/** A scalar as written: quotes removed. */
function unquote(value: string): string {
  const v = value.trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) return v.slice(1, -1);
  return v;
}

/** `[a, b]` or a single value, as a list. */
function inlineList(value: string): string[] {
  const v = value.trim();
  if (v.startsWith('[') && v.endsWith(']')) return v.slice(1, -1).split(',').map(unquote).filter(Boolean);
  return v ? [unquote(v)] : [];
}

interface Draft {
  name?: string;
  slug?: string;
  parent?: string;
  merge: string[];
  members: { name: string; line: number }[];
  line: number;
  slugLine?: number;
  parentLine?: number;
}

/** Reads the topics file; a line it cannot read is a problem naming the line, and the rest still counts. */
export function parseTopicsFile(text: string, file: string = TOPICS_FILE): TopicsFile {
  const diagnostics: Diagnostic[] = [];
  const problem = (line: number, code: string, message: string, severity: Diagnostic['severity'] = 'error') => diagnostics.push({ severity, code, file, line, message });
  const drafts: Draft[] = [];
  let current: Draft | undefined;
  let listKey: 'merge' | 'members' | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/(^|\s)#.*$/, '').trimEnd();
    if (!content.trim() || /^topics:\s*$/.test(content)) return;
    const item = /^(\s*)-\s+(.*)$/.exec(content);
    if (item && listKey && current && (item[1] as string).length > 2) {
      const value = unquote(item[2] as string);
      if (listKey === 'members') current.members.push({ name: value, line });
      else current.merge.push(value);
      return;
    }
    let field = content;
    if (item && (item[1] as string).length <= 2) {
      current = { merge: [], members: [], line };
      drafts.push(current);
      field = item[2] as string;
    }
    const pair = /^\s*([a-z]+):\s*(.*)$/.exec(field);
    if (!current || !pair || !KEYS.has(pair[1] as string)) {
      problem(line, 'topics-file', `cannot read this line of the topics file: ${JSON.stringify(content.trim())} (expected "- name: …" then slug, parent, merge or members)`);
      return;
    }
    const [key, value] = [pair[1] as keyof Draft, pair[2] as string];
    listKey = undefined;
    if (key === 'merge' || key === 'members') {
      if (!value.trim()) listKey = key;
      else if (key === 'members') current.members.push(...inlineList(value).map((name) => ({ name, line })));
      else current.merge.push(...inlineList(value));
    } else if (key === 'name') current.name = unquote(value);
    else if (key === 'slug') [current.slug, current.slugLine] = [unquote(value), line];
    else if (key === 'parent') [current.parent, current.parentLine] = [unquote(value), line];
  });
  const entries: TopicEntry[] = [];
  for (const draft of drafts) {
    if (!draft.name) {
      problem(draft.line, 'topics-file', 'a topic without a name: each entry needs "name:"');
      continue;
    }
    entries.push({ ...draft, name: draft.name });
  }
  return { entries, diagnostics };
}

/** The topic names a document gives itself in frontmatter (`topics:` or `category:`), first first. */
export function frontmatterTopics(node: DocumentNode): string[] {
  const names: string[] = [];
  for (const field of ['topics', 'topic', 'category']) {
    const value = node.extra[field];
    if (typeof value === 'string') names.push(value);
    else if (Array.isArray(value)) for (const v of value) if (typeof v === 'string' || typeof v === 'number') names.push(String(v));
  }
  return names.map((n) => n.trim()).filter(Boolean);
}
