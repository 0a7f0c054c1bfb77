#!/usr/bin/env node
/**
 * Makes public/favicon.ico (16, 32 and 48 pixels) and the web manifest's PNG icons
 * (192 and 512) from app/icon.svg, with sharp (installed with Next.js). Run it after
 * changing the icon; its output is committed.
 *
 *   node scripts/make-icons.mjs
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = fileURLToPath(new URL('..', import.meta.url));
const svg = `${root}app/icon.svg`;

/** The icon as a PNG of `size` pixels square. */
const pngOf = (size) => sharp(svg, { density: 72 * (size / 32) }).resize(size, size).png().toBuffer();

/**
 * An ICO file holding PNG images, as every browser of the last decade reads it:
 * a 6-byte header, a 16-byte entry per image, then the images.
 */
function icoOf(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size % 256, 0); // width (0 means 256)
    entry.writeUInt8(size % 256, 1); // height
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(({ png }) => png)]);
}

const sizes = [16, 32, 48];
const images = await Promise.all(sizes.map(async (size) => ({ size, png: await pngOf(size) })));
writeFileSync(`${root}public/favicon.ico`, icoOf(images));
for (const size of [192, 512]) writeFileSync(`${root}public/icon-${size}.png`, await pngOf(size));
console.log('wrote public/favicon.ico, public/icon-192.png, public/icon-512.png');
