import type { Metadata } from 'next';
import { KindIndex, pageNumber } from '@/app/components/KindIndex';

export const metadata: Metadata = { title: 'Inquiring lines', description: 'Every inquiring lines of the collection, including those it cites but does not hold.' };

export default async function Index({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  return <KindIndex kind="inquiry" page={pageNumber((await searchParams).page)} />;
}
