import { closeSync, cpSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentRelativePath, MAX_MEDIA_BYTES, readMedia, sniffImageType, unshownImages } from '../../lib/content/media';

const vaultDir = fileURLToPath(new URL('../fixtures/vault', import.meta.url));
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'trellis-media-'));
  cpSync(vaultDir, root, { recursive: true });
  // A 50 MB "image", written sparse-free but never committed: the limit must refuse it before reading it.
  const fd = openSync(join(root, 'notes/huge.png'), 'w');
  writeSync(fd, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  writeSync(fd, Buffer.alloc(1), 0, 1, 50 * 1024 * 1024 - 1);
  closeSync(fd);
  writeFileSync(join(root, 'notes/page.png'), '<html><script>alert(1)</script></html>');
  writeFileSync(join(root, 'notes/drawing.svg.png'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  writeFileSync(join(root, 'secret.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  symlinkSync('/etc', join(root, 'notes/linked'));
  symlinkSync(join(root, 'notes/diagram.png'), join(root, 'notes/link.png'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (path: string) => readMedia(root, path.split('/'));

describe('readMedia', () => {
  it('serves an image of the content folder with the type its bytes say', () => {
    expect(get('notes/attachments/diagram.png')).toMatchObject({ status: 200, type: 'image/png' });
  });

  it('finds an image embedded by name alone, as Obsidian does', () => {
    expect(get('notes/Folder/Sub/diagram.png')).toMatchObject({ status: 200, type: 'image/png' });
  });

  it.each([
    ['../../etc/passwd', 404],
    ['notes/../../etc/passwd.png', 404],
    ['notes/linked/passwd.png', 404],
    ['notes/link.png', 404],
    ['.git/x.png', 404],
    ['notes/Home.md', 404],
    ['notes/page.png', 415],
    ['notes/drawing.svg.png', 415],
    ['notes/huge.png', 413],
  ])('refuses %s with %i', (path, status) => {
    expect(get(path).status).toBe(status);
  });

  it('says how large an image may be', () => {
    expect(get('notes/huge.png')).toMatchObject({ reason: `image is ${50 * 1024 * 1024} bytes; the largest served is ${MAX_MEDIA_BYTES}` });
  });
});

describe('contentRelativePath', () => {
  it.each([
    ['notes', 'attachments/x.png', 'notes/attachments/x.png'],
    ['notes/a', '../x.png', 'notes/x.png'],
    ['notes', '/notes/x.png', 'notes/x.png'],
    ['notes', '../../etc/passwd', undefined],
    ['notes', '../.git/config', undefined],
    ['notes', 'https://example.com/x.png', undefined],
    ['notes', 'x.png?v=1', undefined],
    ['notes', 'a\\..\\..\\x.png', undefined],
  ])('%s + %s → %s', (base, written, expected) => {
    expect(contentRelativePath(base, written)).toBe(expected);
  });
});

describe('sniffImageType', () => {
  it('knows images by their first bytes, and nothing else', () => {
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('<svg'))).toBeUndefined();
  });
});

describe('GET /media/…', () => {
  const request = async (path: string) => {
    const { GET } = await import('../../app/media/[...path]/route');
    const saved = process.env.TRELLIS_CONTENT_DIR;
    process.env.TRELLIS_CONTENT_DIR = root;
    try {
      return await GET(new Request(`http://localhost/media/${path}`), { params: Promise.resolve({ path: path.split('/') }) });
    } finally {
      if (saved === undefined) delete process.env.TRELLIS_CONTENT_DIR;
      else process.env.TRELLIS_CONTENT_DIR = saved;
    }
  };

  it('answers an image with its type, sandboxed should it be opened as a page', async () => {
    const response = await request('notes/attachments/diagram.png');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  });

  it('answers 413 for the 50 MB image and 404 for a path out of the folder, in plain words', async () => {
    expect((await request('notes/huge.png')).status).toBe(413);
    const escape = await request('../../etc/passwd');
    expect(escape.status).toBe(404);
    expect(await escape.text()).toBe('no such image\n');
  });
});

describe('unshownImages', () => {
  it('names each image that will not show, with its line and why, and leaves remote images and site paths alone', () => {
    const body = '![ok](a.png) ![out](../../../x.png)\n![doc](notes.pdf)\n![r](https://example.com/x.txt) ![s](/icon.svg)';
    expect(unshownImages(body, 'notes/sub')).toEqual([
      { line: 0, path: '../../../x.png', why: 'its path leads outside the content folder' },
      { line: 1, path: 'notes.pdf', why: 'only PNG, JPEG, GIF, WebP and AVIF files are shown' },
    ]);
  });
});
