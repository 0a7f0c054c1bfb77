/**
 * The Content-Security-Policy of a page, with the hashes of the page's own inline
 * scripts instead of a per-response nonce.
 *
 * A nonce changes every response, so no two readers (and no CDN) could share a page's
 * bytes. A hash is the same for every reader of the same page. The difficulty is
 * telling the page's own scripts from one that got into its HTML some other way (a
 * sanitiser's bug): a hash of every <script> in the HTML would let that one run too.
 * So the server renders each page with a random marker as Next.js's script nonce
 * (`markerRequestHeader`); Next.js puts it on its own scripts and only on them. Then
 * `sealPage` hashes the inline scripts that carry the marker, removes the marker
 * everywhere, and returns the page's final bytes and hashes. A script without the
 * marker stays in the page, unhashed: the browser refuses to run it.
 *
 * External scripts are allowed from 'self' (Next.js's chunks under /_next/static/).
 * JSON answers cannot be loaded as scripts: they are application/json with
 * `X-Content-Type-Options: nosniff`.
 *
 * Plain JavaScript (JSDoc types): server/server.mjs and next.config.js run it under plain Node.
 */
import { createHash, randomBytes } from 'node:crypto';

/** The directives of every page's policy, but for its script hashes. */
const BASE_DIRECTIVES = [
  "default-src 'self'",
  // Inline style attributes stay allowed: sanitised Markdown carries none, and the
  // graph canvas positions its overlays with them.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/**
 * A page's policy: scripts from this site, and inline scripts only with one of `hashes`
 * (`'sha256-…'` sources). Without hashes, no inline script runs: the policy next.config.js
 * gives a page that did not come through server/server.mjs, which fails closed.
 *
 * @param {readonly string[]} hashes
 * @param {{ dev?: boolean }} [options] `dev`: Next.js's dev server needs inline scripts and eval.
 */
export function pageCsp(hashes, { dev = false } = {}) {
  const scripts = dev ? "script-src 'self' 'unsafe-inline' 'unsafe-eval'" : ["script-src 'self'", ...hashes].join(' ');
  return [BASE_DIRECTIVES[0], scripts, ...BASE_DIRECTIVES.slice(1)].join('; ');
}

/** A fresh marker: 128 random bits, so no text of the corpus or of a URL can hold it. */
export function newMarker() {
  return randomBytes(16).toString('base64url');
}

/** The request header that makes Next.js put `marker` on its scripts as their nonce. */
export function markerRequestHeader(marker) {
  return `script-src 'nonce-${marker}'`;
}

/** The CSP source of an inline script's text: `'sha256-<base64>'`. */
export function scriptHashOf(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** A script element: its attributes and its text, up to the first end tag as an HTML parser finds it. */
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/**
 * A rendered page without its marker, and the hashes of the inline scripts that carried it,
 * in order of first appearance.
 *
 * @param {Buffer} body the HTML as Next.js rendered it
 * @param {string} marker
 * @returns {{ body: Buffer, hashes: string[] }}
 */
export function sealPage(body, marker) {
  const attribute = ` nonce="${marker}"`;
  /** @type {Set<string>} */
  const hashes = new Set();
  const html = body.toString('utf8');
  if (!html.includes(marker)) return { body, hashes: [] };
  const sealed = html
    .replace(SCRIPT, (element, /** @type {string} */ attributes, /** @type {string} */ text) => {
      if (!attributes.includes(attribute)) return element;
      const own = attributes.replace(attribute, '');
      const script = text.split(marker).join('');
      if (!/\ssrc\s*=/i.test(own)) hashes.add(scriptHashOf(script));
      return `<script${own}>${script}</script>`;
    })
    // The marker on other elements (preloads) and inside data (React's hints) goes too.
    .split(attribute)
    .join('')
    .split(marker)
    .join('');
  return { body: Buffer.from(sealed, 'utf8'), hashes: [...hashes] };
}
