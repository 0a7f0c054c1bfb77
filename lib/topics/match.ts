import { hashSlug, toSlug } from '../domain/slug';
import type { NodeId, Slug } from '../graph/types';

/*
 * Stable topic URLs. Clustering runs again on every content version; a cluster
 * that holds mostly the same documents as a topic of the previous run keeps that
 * topic's slug, so after a small edit /topics/<slug>/ still names the same topic.
 */

/** The previous run's computed topics: slug → members (a subtopic's members count in its parents too). */
export type PreviousTopics = ReadonlyMap<Slug, readonly NodeId[]>;

/** What matching needs of a topic being built. */
export interface Sluggable {
  slug?: Slug;
  readonly label: string;
  readonly origin: 'author' | 'computed';
  readonly members: readonly NodeId[];
  readonly children: readonly Sluggable[];
}

export interface MatchOptions {
  /** A cluster keeps an old slug when their Jaccard overlap (shared / either) reaches this. */
  readonly minOverlap: number;
}

export const defaultMatchOptions: MatchOptions = { minOverlap: 0.3 };

/**
 * Gives every computed topic (subtopics too) a slug: the previous topic it
 * overlaps most, best pairs first, each old slug used once; else the slug of its
 * label, made unique. Authors' slugs are kept and never given to another topic.
 */
export function assignSlugs(roots: readonly Sluggable[], previous: PreviousTopics, options: MatchOptions = defaultMatchOptions): void {
  const all: Sluggable[] = [];
  const walk = (t: Sluggable) => {
    all.push(t);
    t.children.forEach(walk);
  };
  roots.forEach(walk);
  const taken = new Set<Slug>(all.flatMap((t) => (t.origin === 'author' && t.slug ? [t.slug] : [])));

  const oldOf = new Map<NodeId, Slug[]>();
  for (const [slug, members] of previous) {
    if (taken.has(slug)) continue;
    for (const id of members) {
      const list = oldOf.get(id);
      if (list) list.push(slug);
      else oldOf.set(id, [slug]);
    }
  }
  const pairs: { topic: Sluggable; slug: Slug; score: number }[] = [];
  for (const topic of all) {
    if (topic.origin !== 'computed') continue;
    const shared = new Map<Slug, number>();
    for (const id of topic.members) for (const slug of oldOf.get(id) ?? []) shared.set(slug, (shared.get(slug) ?? 0) + 1);
    for (const [slug, n] of shared) {
      const score = n / (topic.members.length + (previous.get(slug)?.length ?? 0) - n);
      if (score >= options.minOverlap) pairs.push({ topic, slug, score });
    }
  }
  pairs.sort((a, b) => b.score - a.score || (a.slug < b.slug ? -1 : 1));
  for (const { topic, slug } of pairs) {
    if (topic.slug || taken.has(slug)) continue;
    topic.slug = slug;
    taken.add(slug);
  }
  // Old slugs not matched stay reserved for this run, so a new topic never takes a URL that meant another.
  for (const slug of previous.keys()) taken.add(slug);
  for (const topic of all) {
    if (topic.slug) continue;
    const base = toSlug(topic.label).slice(0, 60).replace(/-+$/, '') || hashSlug(topic.label);
    let slug = base as Slug;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}` as Slug;
    topic.slug = slug;
    taken.add(slug);
  }
}
