import type { Metadata } from 'next';
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
    <html lang="en" data-theme={theme === 'system' ? undefined : theme}>
      <head>
        {/* The kinds' colours, from the registry of kinds; trusted text, so not escaped. */}
        <style dangerouslySetInnerHTML={{ __html: kindStyles() }} />
      </head>
      <body>
        <header className="site-header">
          <Link href="/" className="site-name">
            {SITE_NAME}
          </Link>
          <SearchPalette />
          <ThemeToggle initial={theme} />
        </header>
        <main className="page">{children}</main>
        <PreviewCards />
      </body>
    </html>
  );
}
