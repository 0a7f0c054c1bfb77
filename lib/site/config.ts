/** The site's public base URL, for canonical links, sitemaps and share cards: `TRELLIS_SITE_URL`. */
export function siteUrl(): URL {
  const configured = process.env.TRELLIS_SITE_URL;
  try {
    if (configured) return new URL(configured.endsWith('/') ? configured : `${configured}/`);
  } catch {
    // A malformed setting falls back to the local address rather than breaking every page.
  }
  return new URL(`http://localhost:${process.env.PORT || 3000}/`);
}

/** An absolute URL for a path of this site. */
export function absoluteUrl(path: string): string {
  return new URL(path.replace(/^\//, ''), siteUrl()).toString();
}

export const SITE_NAME = 'Trellis';
