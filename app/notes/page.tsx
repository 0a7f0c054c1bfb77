import type { Metadata } from 'next';
import { KindIndex, pageNumber } from '@/app/components/KindIndex';

export const metadata: Metadata = { title: 'Notes', description: 'Every notes of the collection, including those it cites but does not hold.' };

export default async function Index({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  return <KindIndex kind="note" page={pageNumber((await searchParams).page)} />;
}
