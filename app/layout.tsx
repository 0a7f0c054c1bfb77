import type { Metadata } from 'next';
import localFont from 'next/font/local';
import { cookies } from 'next/headers';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { PreviewCards } from '@/app/components/client/PreviewCards';
import { SearchPalette } from '@/app/components/client/SearchPalette';
import { ThemeToggle, type ThemeChoice } from '@/app/components/client/ThemeToggle';
import { SITE_NAME, siteUrl } from '@/lib/site/config';
import { kindStyles } from '@/lib/site/kind-styles';
import './globals.css';

/*
 * The reading font, Source Serif 4 (variable weight, Latin), from its npm package:
 * next/font serves the file from the site itself, preloaded, with a fallback sized to
 * match so that nothing moves when it arrives. Nothing is fetched from elsewhere.
 */
const readingFont = localFont({
  src: [
    { path: '../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2', weight: '200 900', style: 'normal' },
    { path: '../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-italic.woff2', weight: '200 900', style: 'italic' },
  ],
  variable: '--font-reading',
  display: 'swap',
  fallback: ['Georgia', 'Cambria', 'Times New Roman', 'serif'],
});

/*
 * Metadata is made per request: the public URL (TRELLIS_SITE_URL) is read when
 * the server runs, and every relative URL in a page's metadata, the share cards'
 * included, is made absolute against it.
 */
export async function generateMetadata(): Promise<Metadata> {
  return {
    metadataBase: siteUrl(),
    title: { default: SITE_NAME, template: `%s · ${SITE_NAME}` },
    description: 'Notes, inquiring lines and papers of a research collection, as a graph.',
    openGraph: { siteName: SITE_NAME },
    // public/site.webmanifest; favicon.ico beside it is for browsers that ask for it by name.
    manifest: '/site.webmanifest',
  };
}

/** The theme the reader chose with the toggle, from its cookie; anything else means "follow the system". */
async function themeChoice(): Promise<ThemeChoice> {
  const value = (await cookies()).get('theme')?.value;
  return value === 'light' || value === 'dark' ? value : 'system';
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = await themeChoice();
  return (
    // data-theme is set here, on the server, so the first paint is already in the chosen theme.
    <html lang="en" data-theme={theme === 'system' ? undefined : theme} className={readingFont.variable}>
      <head>
        {/* The kinds' colours, from the registry of kinds; trusted text, so not escaped. */}
        <style dangerouslySetInnerHTML={{ __html: kindStyles() }} />
      </head>
      <body>
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="site-name">
            {SITE_NAME}
          </Link>
          <SearchPalette />
          <ThemeToggle initial={theme} />
        </header>
        <main className="page" id="content" tabIndex={-1}>{children}</main>
        <PreviewCards />
      </body>
    </html>
  );
}
