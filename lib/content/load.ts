import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Diagnostic, DocumentKind, RawDocument } from '../graph/types';

/** Where each kind lives inside the content folder. */
export const KIND_FOLDERS: Readonly<Record<string, DocumentKind>> = {
  notes: 'note',
  inquiries: 'inquiry',
  papers: 'paper',
};

export interface LoadOptions {
  /** Files larger than this are reported and not parsed. */
  readonly maxFileBytes: number;
}

export const defaultLoadOptions: LoadOptions = {
  maxFileBytes: 5 * 1024 * 1024,
};

export interface LoadResult {
  readonly documents: readonly RawDocument[];
  readonly diagnostics: readonly Diagnostic[];
  /** Every Markdown file found, readable or not. */
  readonly fileCount: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Markdown files below `dir`, depth first, sorted so that loading is deterministic. Hidden folders (.obsidian, .git) are skipped. */
function listMarkdown(dir: string, root: string, out: string[], diagnostics: Diagnostic[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      // Following links could read outside content/; say so instead.
      diagnostics.push({ severity: 'warning', code: 'symlink', file: toContentPath(root, full), message: 'symbolic links are not followed' });
    } else if (entry.isDirectory()) {
      listMarkdown(full, root, out, diagnostics);
    } else if (entry.isFile() && /\.md$/i.test(entry.name)) {
      out.push(full);
    }
  }
}

function toContentPath(root: string, full: string): string {
  return relative(root, full).split(sep).join('/');
}

/**
 * Reads every Markdown file of a content folder. The only function of the
 * pipeline that touches the disk for content. A file that cannot be a document
 * (too large, binary, not UTF-8, outside the kind folders) becomes a diagnostic
 * naming it; nothing is dropped silently.
 */
export function loadContent(root: string, options: LoadOptions = defaultLoadOptions): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const documents: RawDocument[] = [];
  const files: string[] = [];
  if (!existsSync(root)) {
    diagnostics.push({ severity: 'error', code: 'no-content', message: `content folder ${root} does not exist` });
  }
  listMarkdown(root, root, files, diagnostics);

  for (const full of files) {
    const path = toContentPath(root, full);
    const folder = path.split('/')[0] ?? '';
    const kind = KIND_FOLDERS[folder];
    if (!kind || !path.includes('/')) {
      diagnostics.push({ severity: 'error', code: 'unknown-folder', file: path, message: 'not inside notes/, inquiries/ or papers/, so its kind is unknown; move it into one of them' });
      continue;
    }
    const size = lstatSync(full).size;
    if (size > options.maxFileBytes) {
      diagnostics.push({ severity: 'error', code: 'too-large', file: path, message: `file is ${(size / 1048576).toFixed(1)} MB, over the ${(options.maxFileBytes / 1048576).toFixed(1)} MB limit; not loaded` });
      continue;
    }
    const bytes = readFileSync(full);
    const text = decodeDocument(bytes);
    if (typeof text !== 'string') {
      diagnostics.push({ severity: 'error', code: text.code, file: path, message: text.message });
      continue;
    }
    documents.push({ path, kind, text });
  }
  return { documents, diagnostics, fileCount: files.length };
}

/** Decodes a file's bytes as UTF-8 text, or says why it is not a text document. */
export function decodeDocument(bytes: Uint8Array): string | { code: string; message: string } {
  if (bytes.includes(0)) return { code: 'binary', message: 'file holds NUL bytes: it is binary, not Markdown; not loaded' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { code: 'encoding', message: 'file is not valid UTF-8; re-save it as UTF-8 to load it' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { code: 'empty', message: 'file is empty; not loaded' };
  return text.replace(/\r\n?/g, '\n');
}
