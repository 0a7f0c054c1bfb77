import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Trellis', template: '%s · Trellis' },
  description: 'Notes, inquiring lines and papers of a research collection, as a graph.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="site-name">
            Trellis
          </Link>
        </header>
        <main className="page">{children}</main>
      </body>
    </html>
  );
}
