import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import katexPackage from 'katex/package.json' with { type: 'json' };

/*
 * KaTeX's stylesheet and fonts, served by the site itself (the CSP loads styles and
 * fonts from 'self' only) from the katex package, under its version: the files
 * never change at one URL, so they may be cached for ever.
 */

/** The folder of the URL, with KaTeX's version in it. */
export const KATEX_PATH = `/katex/${katexPackage.version}/`;

/** The stylesheet a page with math links to; its `url(fonts/…)` resolve beside it. */
export const KATEX_STYLESHEET = `${KATEX_PATH}katex.min.css`;

const TYPES: Readonly<Record<string, string>> = {
  css: 'text/css; charset=utf-8',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
};

/** A file named in the URL: the stylesheet, or a font by its exact KaTeX name. Nothing else. */
const ASSET = /^(?:katex\.min\.css|fonts\/KaTeX_[A-Za-z0-9-]+\.(?:woff2|woff|ttf))$/;

/** The KaTeX file a URL names after `/katex/`, with its content type; undefined for anything else. */
export function readKatexAsset(segments: readonly string[]): { body: Buffer; type: string } | undefined {
  const [version, ...rest] = segments;
  const name = rest.join('/');
  if (version !== katexPackage.version || !ASSET.test(name)) return undefined;
  const type = TYPES[name.slice(name.lastIndexOf('.') + 1)] as string;
  try {
    return { body: readFileSync(join(/*turbopackIgnore: true*/ process.cwd(), 'node_modules', 'katex', 'dist', name)), type };
  } catch {
    return undefined;
  }
}
