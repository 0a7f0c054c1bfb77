import { kindLabel } from '../domain/kinds';
import type { Metadata } from 'next';
import type { TrellisNode } from '../graph/types';
import { plainTextLead } from '../text/plain-text';
import { absoluteUrl, SITE_NAME } from './config';


/** What a shared link should say about a node. */
export function describeNode(node: TrellisNode): string {
  if (node.summary) return node.summary;
  if (node.kind === 'paper' && node.coreContribution) return node.coreContribution;
  if (node.lead) return plainTextLead(node.lead);
  if (node.stub) return `${kindLabel(node.kind)} cited by the collection, not in it.`;
  return `${kindLabel(node.kind)} in the collection.`;
}

/** Title, description, canonical URL and share-card fields for a node's page. */
export function nodeMetadata(node: TrellisNode): Metadata {
  // Summaries are plain text already; only a Markdown body needs flattening.
  const description = node.summary ? node.summary.replace(/\s+/g, ' ').trim() : plainTextLead(describeNode(node), 300);
  const url = absoluteUrl(node.url);
  return {
    title: node.title,
    description,
    alternates: { canonical: url },
    openGraph: {
      type: 'article',
      url,
      title: node.title,
      description,
      siteName: SITE_NAME,
    },
    twitter: { card: 'summary_large_image', title: node.title, description },
    ...(node.stub ? { robots: { index: false, follow: true } } : {}),
  };
}
