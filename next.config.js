import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
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
    return [
      // A page path gets its slash (Next.js's own rule, minus /_next/ and the share-image routes).
      {
        source: '/:page((?!.*/$)(?!\\.well-known(?:/|$)|_next(?:/|$))(?!(?:[^/]+/)*(?:opengraph|twitter)-image$)(?:[^/]+/)*[^/.]+)',
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
      // After every route has been tried: an unknown API path gets JSON (app/api/unknown/route.ts).
      fallback: [{ source: '/api/:path*', destination: '/api/unknown/' }],
    };
  },

  // Every response, pages, API and assets alike (the page CSP itself comes from proxy.ts,
  // which makes a nonce per request).
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
      // JSON is data, never a document: should a browser be tricked into rendering a
      // response as a page, it may run, load and frame nothing.
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
};

export default nextConfig;
