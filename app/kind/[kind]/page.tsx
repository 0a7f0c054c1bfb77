import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { genericKindOfRoute } from '@/lib/site/route';
import { KindIndex, kindIndexMetadata } from '@/app/components/KindIndex';
import type { SearchParams } from '@/app/components/page-param';

/* The index page of a kind without a page folder of its own (app/components/generic-kind.ts). */

type Props = { params: Promise<{ kind: string }>; searchParams: SearchParams };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const kind = genericKindOfRoute((await params).kind);
  return kind ? kindIndexMetadata(kind, searchParams) : { title: 'Not found' };
}

export default async function Index({ params, searchParams }: Props) {
  const kind = genericKindOfRoute((await params).kind);
  if (!kind) notFound();
  return <KindIndex kind={kind} searchParams={searchParams} />;
}
