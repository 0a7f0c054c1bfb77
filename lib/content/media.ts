import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Images kept in the content folder beside the notes (`![[diagram.png]]`,
 * `![](attachments/diagram.png)`), served at /media/<path in the content folder>.
 * Nothing outside the folder can be named, nothing hidden, no symbolic link is
 * followed, and a file is served only when its first bytes say it is an image.
 */

/** The URL folder media are served under. */
export const MEDIA_PATH = '/media/';

/** The largest image served; a larger one is refused with 413. */
export const MAX_MEDIA_BYTES = 10 * 1024 * 1024;

/** File names Markdown may embed as images. */
export const IMAGE_EXTENSION = /\.(?:png|jpe?g|gif|webp|avif)$/i;

/**
 * A path inside the content folder, `/`-separated, from a (decoded) path written
 * relative to `base` (a folder of the content folder); undefined when it would leave
 * the folder, names a hidden file or folder, or is not a plain path (a URL, a query,
 * a NUL).
 */
export function contentRelativePath(base: string, decoded: string): string | undefined {
  if (/[\0\\?#]/.test(decoded) || /^[a-z][a-z\d+.-]*:/i.test(decoded)) return undefined;
  const parts = decoded.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const part of decoded.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
      continue;
    }
    if (part.startsWith('.')) return undefined;
    parts.push(part);
  }
  return parts.length > 0 ? parts.join('/') : undefined;
}

/** A Markdown image, `![alt](path)`, its path up to a space or `)`. */
const MARKDOWN_IMAGE = /!\[[^\]\n]*\]\(\s*<?([^)\s>]+)/g;

/**
 * The images of a body (code and math already blanked) that will not show, each with
 * its 0-based line and why: a path out of the content folder, or a file that is not
 * an image Trellis serves. Remote images and site paths are not looked at.
 */
export function unshownImages(masked: string, folder: string): { line: number; path: string; why: string }[] {
  const found: { line: number; path: string; why: string }[] = [];
  if (!masked.includes('![')) return found;
  masked.split('\n').forEach((text, line) => {
    for (const match of text.matchAll(MARKDOWN_IMAGE)) {
      const path = match[1] ?? '';
      if (/^(?:[a-z][a-z\d+.-]*:|[\\/])/i.test(path)) continue;
      let decoded = path;
      try {
        decoded = decodeURI(path);
      } catch {
        // Kept as written: the check below reports it.
      }
      if (!contentRelativePath(folder, decoded)) found.push({ line, path, why: 'its path leads outside the content folder' });
      else if (!IMAGE_EXTENSION.test(decoded)) found.push({ line, path, why: 'only PNG, JPEG, GIF, WebP and AVIF files are shown' });
    }
  });
  return found;
}

/** The URL of an image at a content path. */
export function mediaUrl(path: string): string {
  return MEDIA_PATH + path.split('/').map(encodeURIComponent).join('/');
}

/** The content type of an image, from its first bytes; undefined for anything else (SVG included: it can hold scripts). */
export function sniffImageType(head: Uint8Array): string | undefined {
  const starts = (bytes: readonly number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (starts([0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66], 4)) return 'image/avif';
  return undefined;
}

export type MediaResult =
  | { readonly status: 200; readonly type: string; readonly body: Buffer }
  | { readonly status: 404 | 413 | 415; readonly reason: string };

/** How long a listing of the folder's images is trusted: images added since are found after this. */
const INDEX_TTL_MS = 10_000;
const imageIndexes = new Map<string, { at: number; byName: Map<string, string[]> }>();

/** The path of every image in the folder whose name is `name`, shortest path first (Obsidian's choice when several share it). */
function findByName(root: string, name: string): readonly string[] {
  let index = imageIndexes.get(root);
  if (!index || Date.now() - index.at > INDEX_TTL_MS) {
    index = { at: Date.now(), byName: listImages(root) };
    imageIndexes.set(root, index);
  }
  return index.byName.get(name) ?? [];
}

/** Every image below `root` by file name, listed once per INDEX_TTL_MS rather than per request. */
function listImages(root: string): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  const walk = (dir: string, rel: string, depth: number): void => {
    if (depth > 16) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), path, depth + 1);
      else if (entry.isFile() && IMAGE_EXTENSION.test(entry.name)) {
        const same = byName.get(entry.name);
        if (same) same.push(path);
        else byName.set(entry.name, [path]);
      }
    }
  };
  walk(root, '', 0);
  for (const paths of byName.values()) paths.sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
  return byName;
}

/**
 * Reads the image a /media/ URL names: the file at that path in the content folder,
 * else, for a `![[name.png]]` written without its folder, the image of that name
 * nearest the top of the folder. Refuses what is not a regular file inside the
 * folder (404), too large (413) or not an image by its bytes (415).
 */
export function readMedia(root: string, segments: readonly string[]): MediaResult {
  const path = contentRelativePath('', segments.join('/'));
  if (!path || !IMAGE_EXTENSION.test(path)) return { status: 404, reason: 'no such image' };
  let rel = path;
  if (!isRegularFile(join(root, rel))) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const nearest = findByName(root, name)[0];
    if (!nearest) return { status: 404, reason: 'no such image' };
    rel = nearest;
  }
  // Every folder on the way must be a real folder, not a link that leads elsewhere.
  const parts = rel.split('/');
  for (let i = 1; i < parts.length; i++) {
    if (!lstatSync(join(root, ...parts.slice(0, i))).isDirectory()) return { status: 404, reason: 'no such image' };
  }
  const fd = openSync(join(root, rel), 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_MEDIA_BYTES) return { status: 413, reason: `image is ${size} bytes; the largest served is ${MAX_MEDIA_BYTES}` };
    const body = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, body, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    const type = sniffImageType(body.subarray(0, 16));
    if (!type) return { status: 415, reason: 'file is not an image (PNG, JPEG, GIF, WebP or AVIF)' };
    return { status: 200, type, body: body.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}

function isRegularFile(full: string): boolean {
  try {
    return lstatSync(full).isFile();
  } catch {
    return false;
  }
}
