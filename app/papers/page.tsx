import type { Metadata } from 'next';
import { KindIndex, pageNumber } from '@/app/components/KindIndex';

export const metadata: Metadata = { title: 'Papers', description: 'Every papers of the collection, including those it cites but does not hold.' };

export default async function Index({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  return <KindIndex kind="paper" page={pageNumber((await searchParams).page)} />;
}
