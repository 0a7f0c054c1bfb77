import { OG_IMAGE_SIZE, ogImageFor } from '@/app/components/og-card';

/* The share card of a paper (app/components/og-card.tsx draws it); twitter:image falls back to it. */

export const alt = 'The paper’s title, summary and links, on a Trellis card';
export const size = OG_IMAGE_SIZE;
export const contentType = 'image/png';

export default async function Image({ params }: { params: Promise<{ id: string }> }) {
  return ogImageFor('paper', (await params).id);
}
