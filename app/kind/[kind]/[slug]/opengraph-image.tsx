import { notFound } from 'next/navigation';
import { genericKindOfRoute } from '@/lib/site/route';
import { OG_IMAGE_SIZE, ogImageFor } from '@/app/components/og-card';

/* The share card of a node of a generic kind (app/components/og-card.tsx draws it). */

export const alt = 'The node’s title, summary and links, on a Trellis card';
export const size = OG_IMAGE_SIZE;
export const contentType = 'image/png';

export default async function Image({ params }: { params: Promise<{ kind: string; slug: string }> }) {
  const { kind: route, slug } = await params;
  const kind = genericKindOfRoute(route);
  if (!kind) notFound();
  return ogImageFor(kind, slug);
}
