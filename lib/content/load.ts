import { isUtf8 } from 'node:buffer';
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
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
  // Every listed path starts with root: slicing is the same as path.relative, and much cheaper.
  const rel = full.startsWith(root + sep) ? full.slice(root.length + 1) : relative(root, full);
  return sep === '/' ? rel : rel.split(sep).join('/');
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
    // One open for both the size check and the read: an oversized file is never read.
    const fd = openSync(full, 'r');
    let bytes: Buffer;
    try {
      const size = fstatSync(fd).size;
      if (size > options.maxFileBytes) {
        diagnostics.push({ severity: 'error', code: 'too-large', file: path, message: `file is ${(size / 1048576).toFixed(1)} MB, over the ${(options.maxFileBytes / 1048576).toFixed(1)} MB limit; not loaded` });
        continue;
      }
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
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
export function decodeDocument(bytes: Buffer): string | { code: string; message: string } {
  if (bytes.includes(0)) return { code: 'binary', message: 'file holds NUL bytes: it is binary, not Markdown; not loaded' };
  // Validating first lets the fast decoder run: toString() alone would turn bad bytes into U+FFFD.
  if (!isUtf8(bytes)) return { code: 'encoding', message: 'file is not valid UTF-8; re-save it as UTF-8 to load it' };
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { code: 'empty', message: 'file is empty; not loaded' };
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
