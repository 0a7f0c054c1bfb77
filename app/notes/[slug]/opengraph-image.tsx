import { OG_IMAGE_SIZE, ogImageFor } from '@/app/components/og-card';

/* The share card of a note (app/components/og-card.tsx draws it); twitter:image falls back to it. */

export const alt = 'The note’s title, summary and links, on a Trellis card';
export const size = OG_IMAGE_SIZE;
export const contentType = 'image/png';

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  return ogImageFor('note', (await params).slug);
}
