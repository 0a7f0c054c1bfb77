import type { NodeId, Slug } from '../graph/types';

/*
 * Topics: the collection's clusters, each with a stable URL (/topics/<slug>/).
 * A topic is either the authors' own (frontmatter `topics:`/`category:`, or the
 * topics file) or computed (communities of the document graph). Large topics hold
 * subtopics; a document belongs to exactly one leaf topic.
 */

export interface Topic {
  readonly slug: Slug;
  /** What the topic is called: the author's name, or its 2–4 most distinctive words. */
  readonly label: string;
  /** The distinctive words the label was made from, most distinctive first (authors' topics have them too). */
  readonly words: readonly string[];
  /** Where it comes from: an author named it, or clustering found it. */
  readonly origin: 'author' | 'computed';
  /** The parent topic's slug, for a subtopic. */
  readonly parent?: Slug;
  /** Subtopics' slugs, largest first. */
  readonly children: readonly Slug[];
  /** Every document in the topic or its subtopics, most central first. */
  readonly members: readonly NodeId[];
}

/** A link count between two leaf topics: typed edges (not tags) and nearest-neighbour pairs by text. */
export interface TopicLink {
  readonly a: Slug;
  readonly b: Slug;
  readonly links: number;
  readonly similar: number;
}

/** Every topic of one content version. */
export interface TopicSet {
  /** Topics by slug, parents before their children, largest first among siblings. */
  readonly topics: ReadonlyMap<Slug, Topic>;
  /** Top-level topics' slugs, largest first. */
  readonly roots: readonly Slug[];
  /** The leaf topic of each document. */
  readonly topicOf: ReadonlyMap<NodeId, Slug>;
  /** Links between leaf topics, most first. */
  readonly links: readonly TopicLink[];
}
