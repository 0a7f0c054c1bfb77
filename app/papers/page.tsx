import type { Metadata } from 'next';
import { KindIndex, kindIndexMetadata } from '@/app/components/KindIndex';
import type { SearchParams } from '@/app/components/page-param';

type Props = { searchParams: SearchParams };

export function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return kindIndexMetadata('paper', searchParams);
}

export default function Index({ searchParams }: Props) {
  return <KindIndex kind="paper" searchParams={searchParams} />;
}
