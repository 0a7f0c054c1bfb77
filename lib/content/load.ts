import { isUtf8 } from 'node:buffer';
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { kindEntries, kindOfFolder } from '../domain/kinds';
import type { Diagnostic, DocumentKind, RawDocument } from '../domain/types';

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

/** A Markdown file found in the content folder. */
export interface ContentFile {
  /** Path relative to the content folder, with forward slashes. */
  readonly path: string;
  /** Absolute path on disk. */
  readonly full: string;
}

/**
 * Every Markdown file of a content folder, in load order, with a diagnostic for each
 * thing that cannot be a document without reading it (a missing folder, a symbolic link).
 */
export function listContentFiles(root: string): { files: ContentFile[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const found: string[] = [];
  if (!existsSync(root)) {
    diagnostics.push({ severity: 'error', code: 'no-content', message: `content folder ${root} does not exist` });
  }
  listMarkdown(root, root, found, diagnostics);
  return { files: found.map((full) => ({ path: toContentPath(root, full), full })), diagnostics };
}

/** The kind a content path's folder gives, or the diagnostic saying it has none. */
export function kindOfPath(path: string): DocumentKind | Diagnostic {
  const folder = path.split('/')[0] ?? '';
  const kind = kindOfFolder(folder);
  if (kind && path.includes('/')) return kind;
  return { severity: 'error', code: 'unknown-folder', file: path, message: `not inside ${kindFolderList()}, so its kind is unknown; move it into one of them` };
}

/** "notes/, inquiries/ or papers/": the kinds' content folders (lib/domain/kinds.ts), for messages. */
function kindFolderList(): string {
  const folders = kindEntries().flatMap((e) => (e.folder === undefined ? [] : [`${e.folder}/`]));
  return folders.length > 1 ? `${folders.slice(0, -1).join(', ')} or ${folders.at(-1)}` : (folders[0] ?? '');
}

/**
 * Reads one content file: its text, or a diagnostic naming it when it cannot be a
 * document (outside the kind folders, too large, binary, not UTF-8, empty).
 */
export function loadFile(file: ContentFile, options: LoadOptions = defaultLoadOptions): RawDocument | Diagnostic {
  const kind = kindOfPath(file.path);
  if (typeof kind !== 'string') return kind;
  // One open for both the size check and the read: an oversized file is never read.
  const fd = openSync(file.full, 'r');
  let bytes: Buffer;
  try {
    const size = fstatSync(fd).size;
    if (size > options.maxFileBytes) {
      return { severity: 'error', code: 'too-large', file: file.path, message: `file is ${(size / 1048576).toFixed(1)} MB, over the ${(options.maxFileBytes / 1048576).toFixed(1)} MB limit; not loaded` };
    }
    bytes = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  return decodeFile(file.path, kind, bytes);
}

/** A file's bytes as a raw document, or the diagnostic saying why they are not one. */
export function decodeFile(path: string, kind: DocumentKind, bytes: Buffer): RawDocument | Diagnostic {
  const text = decodeDocument(bytes);
  if (typeof text !== 'string') return { severity: 'error', code: text.code, file: path, message: text.message };
  return { path, kind, text };
}

/**
 * Reads every Markdown file of a content folder. The only module of the pipeline
 * that touches the disk for content (with lib/store/, which keeps what it derives).
 * A file that cannot be a document becomes a diagnostic naming it; nothing is
 * dropped silently.
 */
export function loadContent(root: string, options: LoadOptions = defaultLoadOptions): LoadResult {
  const { files, diagnostics } = listContentFiles(root);
  const documents: RawDocument[] = [];
  for (const file of files) {
    const loaded = loadFile(file, options);
    if ('text' in loaded) documents.push(loaded);
    else diagnostics.push(loaded);
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

/** The topics file of a content folder (lib/topics/authored.ts reads it), or undefined when there is none. */
export function readTopicsFile(root: string, name = 'topics.yml'): string | undefined {
  try {
    const text = decodeDocument(readFileSync(join(root, name)));
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}
