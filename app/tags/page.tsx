import type { Metadata } from 'next';
import { KindIndex, pageNumber } from '@/app/components/KindIndex';

export const metadata: Metadata = { title: 'Tags', description: 'Every tag used in the collection.' };

export default async function Index({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  return <KindIndex kind="tag" page={pageNumber((await searchParams).page)} />;
}
