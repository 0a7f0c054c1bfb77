/**
 * The five seed pages (tests/fixtures/seeds/) as the tests name them: which node
 * each became and its title. Read from the fixture through the importer, the way
 * content/ is made, so no test spells a seed's URL out by hand.
 * tests/graph/seeds.test.ts pins the URLs themselves to the corpus site's.
 */
import type { NodeId } from '../../lib/graph/types';
import { seedGraph } from '../graph/seed-graph';
import { importedSeeds, SEED_COUNT } from '../import/seed-inputs';

export { SEED_COUNT };

export interface Seed {
  /** The seed export's file name in tests/fixtures/seeds/. */
  readonly file: string;
  /** The node's id, which is its URL on the site. */
  readonly id: NodeId;
  readonly title: string;
}

const planned = importedSeeds();
const graph = seedGraph();

function seedOf(file: string): Seed {
  const path = planned.get(file)?.path;
  if (!path) throw new Error(`tests/fixtures/seeds/${file} is missing or did not import`);
  const node = [...graph.nodes.values()].find((n) => n.file === path);
  if (!node) throw new Error(`tests/fixtures/seeds/${file} became no node (expected one from ${path})`);
  return { file, id: node.id, title: node.title };
}

/**
 * How many nodes, edges and tag nodes the seeds make (content/ is their import):
 * tests compare with these rather than spell the numbers out.
 */
export const SEED_COUNTS = {
  nodes: graph.nodes.size,
  edges: graph.edges.length,
  tags: [...graph.nodes.values()].filter((n) => n.kind === 'tag').length,
} as const;

/** Each seed by what it is. */
export const SEEDS = {
  /** 000, a note cited by 38 inquiring lines, with 3 related concepts and 8 related papers. */
  note000: seedOf('000_1e4a9b658fbc24ea.txt'),
  /** 001, an inquiring line with 7 sources, the first of them seed 000. */
  line001: seedOf('001_08dd9da4b02c420a.txt'),
  /** 002, an inquiring line with 10 sources, seed 000 the seventh. */
  line002: seedOf('002_73b0966aaf0a12e8.txt'),
  /** 003, the rpa2 summary of arXiv 2411.15287, tagged sycophancy among 12 tags. */
  paper003: seedOf('003_972137ff6dbbc4ea.txt'),
  /** 004, the rpa2 summary of arXiv 2310.13548. */
  paper004: seedOf('004_853b549facc613a3.txt'),
} as const satisfies Record<string, Seed>;

/** Where each seed lives on the site, by seed file name. */
export const SEED_PAGES: ReadonlyMap<string, NodeId> = new Map(Object.values(SEEDS).map((s) => [s.file, s.id]));
