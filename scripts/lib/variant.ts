import { toSlug } from '../../lib/domain/slug';
import type { Random } from './prng';
import { capitalise } from './prose';
import type { PaperFile } from './rpa2';
import { yamlScalar } from './yaml';

/*
 * Rewritten variants of real rpa2 summaries, for corpora shaped like the whole
 * collection (tens of thousands of papers from a sample of five thousand). A
 * variant is a different document a reader could believe in: another arXiv id in
 * the same month, another method name, a reworded title, and body wording swapped
 * phrase by phrase. Its tags are the real paper's, so the corpus keeps the real
 * tag distribution (a handful of tags on nearly every paper, a long tail).
 */

/** Phrase pairs a rewrite swaps, either way, in lower case; each variant picks its own subset. */
const SWAPS: readonly (readonly [string, string])[] = [
  ['large language models', 'language models'], ['this paper introduces', 'this work presents'], ['this paper proposes', 'the authors propose'],
  ['benchmarking', 'evaluating'], ['towards', 'toward'], ['improving', 'enhancing'], ['efficient', 'scalable'], ['via', 'through'],
  ['framework', 'approach'], ['understanding', 'characterising'], ['robust', 'reliable'], ['significantly', 'substantially'],
  ['demonstrate', 'show'], ['novel', 'new'], ['outperforms', 'surpasses'], ['improves', 'boosts'], ['evaluate', 'assess'],
  ['results', 'findings'], ['challenges', 'difficulties'], ['leverages', 'exploits'], ['existing', 'prior'],
  ['state-of-the-art', 'leading'], ['crucial', 'essential'], ['additionally', 'moreover'], ['multiple', 'several'],
  ['various', 'diverse'], ['enables', 'allows'], ['achieves', 'reaches'], ['limited', 'restricted'], ['strong', 'solid'],
  ['experiments', 'evaluations'], ['dataset', 'corpus'], ['datasets', 'corpora'], ['benchmark', 'test suite'],
  ['suggests', 'implies'], ['method', 'technique'], ['approximately', 'roughly'], ['however', 'yet'], ['ensures', 'guarantees'],
];

const titleCase = (text: string): string => text.split(' ').map(capitalise).join(' ');

/** Every form a swap can meet (lower case, capitalised, title case) → what it becomes, and the pair it belongs to. */
const SWAP_TABLE = new Map<string, { readonly to: string; readonly pair: number }>();
SWAPS.forEach(([a, b], pair) => {
  for (const [from, to] of [[a, b], [b, a]] as const) {
    SWAP_TABLE.set(from, { to, pair });
    SWAP_TABLE.set(capitalise(from), { to: capitalise(to), pair });
    SWAP_TABLE.set(titleCase(from), { to: titleCase(to), pair });
  }
});
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * One pass over a text finds every swappable phrase (longer phrases first, so
 * "large language models" wins over "language models"). Headings match whole and
 * stay as they are: the rpa2 section names are the format, not prose.
 */
const SWAP_PATTERN = new RegExp(
  `^#.*$|(?<![\\w-])(?:${[...SWAP_TABLE.keys()].sort((x, y) => y.length - x.length).map(escapeRegExp).join('|')})(?![\\w-])`,
  'gm',
);

const SYLLABLES = ['vor', 'tex', 'lum', 'ra', 'kin', 'eo', 'sal', 'vi', 'pra', 'xis', 'quo', 'tel', 'os', 'zen', 'ith', 'mor', 'pho', 'cal', 'yx', 'dra', 'ne', 'ko', 'sta', 'fi'];
/** Name endings kept from the real name, so "ToolBench" becomes "VorlumBench", not a bare word. */
const NAME_SUFFIX = /(Bench|Eval|Net|GPT|LM|QA|RL|Former|Agent|-\d+|\d+)$/;
const TITLE_TAILS = [': A Closer Look', ' at Scale', ' Across Domains', ' in Practice', ': Lessons from Large-Scale Experiments', ' Revisited'];

/** A new method name in the style of the real one (all capitals, or capitalised syllables), keeping its suffix. */
function newName(random: Random, real: string): string {
  const suffix = NAME_SUFFIX.exec(real)?.[0] ?? '';
  const stem = Array.from({ length: random.int(2, 3) }, () => random.pick(SYLLABLES)).join('');
  const upper = real.replace(suffix, '') === real.replace(suffix, '').toUpperCase();
  return `${upper ? stem.toUpperCase() : capitalise(stem)}${suffix}`;
}

/** The method name a title leads with ("ToolEyes" of "ToolEyes: Fine-Grained …"), when it leads with one word. */
function methodName(title: string): string | undefined {
  const lead = /^([^:]{2,30}):\s/.exec(title)?.[1];
  return lead && !/\s/.test(lead) ? lead : undefined;
}

interface Rewrite {
  /** Indexes of the SWAPS pairs this variant applies. */
  readonly pairs: ReadonlySet<number>;
  readonly name?: { readonly from: RegExp; readonly to: string };
}

function applyRewrite(text: string, rewrite: Rewrite): string {
  const named = rewrite.name ? text.replace(rewrite.name.from, rewrite.name.to) : text;
  return named.replace(SWAP_PATTERN, (found) => {
    // A heading matches whole and is not in the table: it stays.
    const swap = SWAP_TABLE.get(found);
    return swap && rewrite.pairs.has(swap.pair) ? swap.to : found;
  });
}

/**
 * Words a variant brings that no other paper has, as a real paper brings names and
 * coinages. Real summaries' distinct stems grow about ×1.54 each time the collection
 * doubles (26,961 in 2,560 of the sample, 41,567 in 5,106; docs/benchmarks.md), which
 * extrapolates to some 260,000 at 100,000 papers. Variants that only swap phrases and a
 * method name reached 83,433; two new words each bring a 100k corpus near the real
 * figure, so that the index's memory is measured at a real vocabulary's size.
 */
const NEW_WORDS_PER_VARIANT = 2;

/** Replaces `NEW_WORDS_PER_VARIANT` longer prose words of a body (headings left alone) with coined ones. */
function coinWords(random: Random, body: string): string {
  const candidates = [...body.matchAll(/^(?!#).*$/gm)].flatMap((line) =>
    [...line[0].matchAll(/(?<![\w-])[a-z]{7,}(?![\w-])/g)].map((word) => (line.index ?? 0) + (word.index ?? 0)),
  );
  const chosen = new Set<number>();
  for (let i = 0; i < NEW_WORDS_PER_VARIANT && chosen.size < candidates.length; i++) {
    let at = random.pick(candidates);
    while (chosen.has(at)) at = random.pick(candidates);
    chosen.add(at);
  }
  let out = body;
  // From the end, so the earlier positions stay where they were.
  for (const at of [...chosen].sort((a, b) => b - a)) {
    const end = at + (/^[a-z]+/.exec(out.slice(at))?.[0].length ?? 0);
    const coined = Array.from({ length: random.int(4, 5) }, () => random.pick(SYLLABLES)).join('');
    out = out.slice(0, at) + coined + out.slice(end);
  }
  return out;
}

/** A new-style arXiv id in the real paper's month (this year or the next), or the old id with a version when it has another form. */
function newArxivId(random: Random, real: string, attempt: number): string {
  const parts = /^(\d{2})(\d{2})\.\d{4,5}/.exec(real);
  if (!parts || attempt > 50) return `${real}v${attempt + 2}`;
  const year = Number(parts[1]) + random.int(0, 1);
  return `${year}${parts[2]}.${String(random.int(1, 29_999)).padStart(5, '0')}`;
}

/**
 * One rewritten variant of `paper`. `attempt` counts earlier tries whose title or id
 * was taken; each try draws anew, and the title grows a tail after a few.
 */
export function rewriteVariant(paper: PaperFile, random: Random, attempt: number): PaperFile {
  const realName = methodName(paper.title);
  const pairs = new Set(SWAPS.map((_, i) => i).filter(() => random.chance(0.5)));
  const name = realName ? { from: new RegExp(`(?<![\\w-])${escapeRegExp(realName)}(?![\\w-])`, 'g'), to: newName(random, realName) } : undefined;
  const rewrite: Rewrite = { pairs, ...(name ? { name } : {}) };
  // Every variant gets a method name of its own (thousands of them), so titles rarely
  // collide however many rounds a real paper goes through; a tail breaks the rare tie.
  let title = applyRewrite(paper.title, rewrite);
  if (!realName) title = `${newName(random, 'X')}: ${title}`;
  if (attempt > 0) title += random.pick(TITLE_TAILS);
  const arxivId = newArxivId(random, paper.arxivId, attempt);

  const close = paper.text.indexOf('\n---', 3);
  const head = paper.text
    .slice(0, close)
    .replace(/^title:.*(?:\n[ \t]+.*)*/m, `title: ${yamlScalar(title)}`)
    .replace(/^arxiv_id:.*$/m, `arxiv_id: '${arxivId}'`)
    .replace(/^source_url:.*$/m, `source_url: https://arxiv.org/abs/${arxivId}`)
    // The contribution is prose: reword it with the body. Tags stay as they are.
    .replace(/^core_contribution:.*(?:\n[ \t]+.*)*/m, (field) => applyRewrite(field, rewrite));
  const body = coinWords(
    random,
    applyRewrite(paper.text.slice(close), rewrite)
      .replace(/^# .*$/m, `# ${title}`)
      .replace(new RegExp(`(?<![\\d.])${escapeRegExp(paper.arxivId)}(?![\\dv])`, 'g'), arxivId),
  );
  const stamp = /_(\d{8}_\d{6})\.md$/.exec(paper.fileName)?.[1] ?? '20260212_080328';
  return { fileName: `${arxivId}_${toSlug(title).slice(0, 120)}_${stamp}.md`, text: head + body, title, arxivId };
}
