import { fileURLToPath } from 'node:url';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js';
import { pageCsp } from './server/page-csp.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

/** @type {(phase: string) => import('next').NextConfig} */
const nextConfig = (phase) => ({
  reactStrictMode: true,
  // A build folder with its own node_modules and server, for a container (Dockerfile);
  // server/server.mjs serves it with `--dir`.
  output: 'standalone',
  // A second build folder lets two builds (say, a benchmark and the tests) run side by side.
  distDir: process.env.TRELLIS_DIST_DIR || '.next',
  poweredByHeader: false,

  // The corpus site's URLs end in a slash; keep them so shared links carry over.
  trailingSlash: true,
  // Next.js takes a last segment with a dot for a file name and strips its slash,
  // on the server and in <Link>: /papers/2401.10100/ would become /papers/2401.10100.
  // So Next.js leaves slashes alone, and `redirects` below adds them where they belong.
  skipTrailingSlashRedirect: true,
  async redirects() {
    // Next.js lets a source match with or without a trailing slash, so each rule
    // starts with `(?!.*/$)`: it applies only to a path that lacks the slash.
    // API routes, /graph and /search are left out: they answer either way (`rewrites`), so a
    // script's query is never sent back in a Location header.
    return [
      // A page path gets its slash (Next.js's own rule, minus /_next/, the API and the share-image routes).
      {
        source: '/:page((?!.*/$)(?!\\.well-known(?:/|$)|_next(?:/|$)|api(?:/|$)|graph$|search$)(?!(?:[^/]+/)*(?:opengraph|twitter)-image$)(?:[^/]+/)*[^/.]+)',
        destination: '/:page/',
        permanent: true,
      },
      // So does a paper, whose arXiv id has a dot.
      { source: '/papers/:id((?!.*/$)[^/]+)', destination: '/papers/:id/', permanent: true },
    ];
  },

  // (/sitemap.xml is a route of its own, app/sitemap.xml/route.ts: the index of the
  // numbered files that app/sitemap/[file]/route.ts serves.)
  async rewrites() {
    return {
      // Without their slash, API routes, /graph and /search answer as they do with it.
      beforeFiles: [
        { source: '/api/:path((?!.*/$).+)', destination: '/api/:path/' },
        { source: '/graph', destination: '/graph/' },
        { source: '/search', destination: '/search/' },
      ],
      // After every route has been tried: an unknown API path gets JSON (app/api/unknown/route.ts).
      fallback: [{ source: '/api/:path*', destination: '/api/unknown/' }],
    };
  },

  // Every response, pages, API and assets alike. A page's CSP here lets no inline script
  // run: server/server.mjs replaces it with one naming the page's own scripts by hash
  // (server/page-csp.mjs), so a page served any other way fails closed. The dev server
  // needs inline scripts and eval.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: pageCsp([], { dev: phase === PHASE_DEVELOPMENT_SERVER }) },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
      // JSON is data, never a document: should a browser be tricked into rendering a
      // response as a page, it may run, load and frame nothing. (Later rules win.)
      {
        source: '/api/:path*',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },

  // `npm run check` type-checks the whole repository before any build in `npm test`
  // and CI; repeating it in `next build` only doubles the build time.
  typescript: { ignoreBuildErrors: true },
  // Pin the workspace root to this folder so the build never guesses a parent one.
  turbopack: { root },
  outputFileTracingRoot: root,
  // KaTeX's stylesheet and fonts are read from the package at request time
  // (app/katex/[...file]/route.ts); the standalone build must carry them.
  outputFileTracingIncludes: {
    '/katex/[...file]': ['./node_modules/katex/dist/katex.min.css', './node_modules/katex/dist/fonts/*'],
  },
});

export default nextConfig;
