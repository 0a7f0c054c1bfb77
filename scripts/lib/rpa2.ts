import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDocument } from '../../lib/content/load';
import { parseDocument } from '../../lib/content/parse';
import { toSlug } from '../../lib/domain/slug';
import type { Random } from './prng';
import { capitalise, fill, sentence, sentences } from './prose';
import { yamlScalar } from './yaml';
import { CONCEPTS, CONTEXTS, METHOD_NAMES, PAPER_KINDS, PAPER_TAGS } from './vocabulary';

/** One paper summary in the `ver: rpa2` format, ready to write. */
export interface PaperFile {
  /** File name inside content/papers/, `<arxiv id>_<slug>_<timestamp>.md` as in the real collection. */
  readonly fileName: string;
  readonly text: string;
  /** The title as Trellis reads it. */
  readonly title: string;
  readonly arxivId: string;
}

/** A file of the source folder that cannot seed generated papers, and why. */
export interface SkippedPaper {
  readonly file: string;
  readonly reason: string;
}

/**
 * Real rpa2 files of a folder, in a seeded order, read lazily: only as many as the
 * corpus needs are read and parsed. A file Trellis would not load cleanly (binary,
 * not UTF-8, no title or arXiv id, malformed YAML) is skipped and reported, so a
 * generated corpus has no errors of its own.
 */
export function* readRealPapers(dir: string, random: Random, skipped: SkippedPaper[]): Generator<PaperFile> {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.md') && !name.startsWith('.'))
    .sort();
  // Fisher–Yates: a seeded sample spreads over the whole folder instead of its first month.
  for (let i = names.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [names[i], names[j]] = [names[j] as string, names[i] as string];
  }
  for (const fileName of names) {
    const text = decodeDocument(readFileSync(join(dir, fileName)));
    if (typeof text !== 'string') {
      skipped.push({ file: fileName, reason: text.message });
      continue;
    }
    const { doc, diagnostics } = parseDocument({ path: `papers/${fileName}`, kind: 'paper', text });
    const error = diagnostics.find((d) => d.severity === 'error');
    if (error || doc?.kind !== 'paper' || !doc.arxivId) {
      skipped.push({ file: fileName, reason: error?.message ?? 'no arxiv_id' });
      continue;
    }
    yield { fileName, text, title: doc.title, arxivId: doc.arxivId };
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A new paper made from a real one: same text, with an arXiv version suffix on its
 * id (`2401.00690v3`) and " (variant 3)" on its title, so both stay unique and the
 * id is still a valid arXiv id. `round` 1 gives v2.
 */
export function makeVariant(paper: PaperFile, round: number): PaperFile {
  const version = round + 1;
  const arxivId = `${paper.arxivId}v${version}`;
  const title = `${paper.title} (variant ${version})`;
  const close = paper.text.indexOf('\n---', 3);
  const head = paper.text
    .slice(0, close)
    // The title may run over several indented lines.
    .replace(/^title:.*(?:\n[ \t]+.*)*/m, `title: ${yamlScalar(title)}`)
    .replace(/^arxiv_id:.*$/m, `arxiv_id: '${arxivId}'`)
    .replace(/^source_url:.*$/m, `source_url: https://arxiv.org/abs/${arxivId}`);
  const body = paper.text
    .slice(close)
    .replace(/^# .*$/m, `# ${title}`)
    .replace(new RegExp(`(?<![\\d.])${escapeRegExp(paper.arxivId)}(?![\\dv])`, 'g'), arxivId);
  const fileName = paper.fileName.startsWith(`${paper.arxivId}_`)
    ? `${arxivId}${paper.fileName.slice(paper.arxivId.length)}`
    : `${arxivId}_${paper.fileName}`;
  return { fileName, text: head + body, title, arxivId };
}

/** A title for a generated paper, e.g. "PRISM: Measuring Calibration in Code Assistants". */
export function paperTitle(random: Random): string {
  const concept = random.pick(CONCEPTS).split(' ').map(capitalise).join(' ');
  const context = random.pick(CONTEXTS).split(' ').map(capitalise).join(' ');
  return `${random.pick(METHOD_NAMES)}: ${random.pick(PAPER_KINDS)} ${concept} in ${context}`;
}

function bullets(random: Random, count: number): string {
  return Array.from({ length: count }, () => `- ${sentence(random)}`).join('\n');
}

/**
 * A made-up paper summary with the sections, lengths and frontmatter of a real
 * rpa2 file (about 8 KB), for corpora generated without a folder of real ones.
 */
export function synthesizePaper(random: Random, title: string, arxivId: string): PaperFile {
  const tags = [...new Set(Array.from({ length: random.int(6, 12) }, () => random.pick(PAPER_TAGS)))];
  const core = sentences(random, 3).join(' ');
  const url = `https://arxiv.org/abs/${arxivId}`;
  const mechanism = (n: number): string =>
    [
      `### Mechanism ${n}`,
      `- Claim: ${sentence(random)}`,
      `- Mechanism: ${sentences(random, 2).join(' ')}`,
      `- Core assumption: ${sentence(random)}`,
      `- Evidence anchors:`,
      `  - [abstract] "${sentence(random)}"`,
      `  - [section ${random.int(2, 6)}.${random.int(1, 4)}] "${sentence(random)}"`,
      `- Break condition: ${sentence(random)}`,
    ].join('\n');
  const foundation = (n: number): string =>
    [`${n}. **${capitalise(random.pick(CONCEPTS))}**`, `   - Why needed: ${sentence(random)}`, `   - Quick check: ${sentence(random)}`].join('\n');
  const text = [
    '---',
    'ver: rpa2',
    `title: ${yamlScalar(title)}`,
    `arxiv_id: '${arxivId}'`,
    `source_url: ${url}`,
    'tags:',
    ...tags.map((t) => `- ${t}`),
    `core_contribution: ${yamlScalar(core)}`,
    '---',
    '',
    `# ${title}`,
    '',
    '## Quick Facts',
    `- arXiv ID: ${arxivId}`,
    `- Source URL: ${url}`,
    `- Reference count: ${random.int(12, 90)}`,
    `- Key outcome: ${sentence(random)}`,
    '',
    '## Executive Summary',
    sentences(random, random.int(5, 8)).join(' '),
    '',
    '## Method Summary',
    sentences(random, random.int(4, 7)).join(' '),
    '',
    '## Key Results',
    bullets(random, random.int(3, 5)),
    '',
    '## Why This Works (Mechanism)',
    [1, 2, 3].map(mechanism).join('\n\n'),
    '',
    '## Foundational Learning',
    [1, 2, 3].map(foundation).join('\n\n'),
    '',
    '## Architecture Onboarding',
    `- Component map: ${fill(random, '{a} → {b} → {a}')}`,
    `- Critical path: ${sentence(random)}`,
    `- Design tradeoffs: ${sentences(random, 2).join(' ')}`,
    `- Failure signatures: ${sentence(random)}`,
    `- First 3 experiments:`,
    `  1. ${sentence(random)}`,
    `  2. ${sentence(random)}`,
    `  3. ${sentence(random)}`,
    '',
    '## Open Questions the Paper Calls Out',
    bullets(random, 3),
    '',
    '## Limitations',
    bullets(random, random.int(2, 4)),
    '',
    '## Confidence',
    `- High confidence: ${sentence(random)}`,
    `- Medium confidence: ${sentence(random)}`,
    `- Low confidence: ${sentence(random)}`,
    '',
    '## Next Checks',
    `1. ${sentence(random)}`,
    `2. ${sentence(random)}`,
    `3. ${sentence(random)}`,
    '',
  ].join('\n');
  const two = (n: number): string => String(n).padStart(2, '0');
  const stamp = `202602${two(random.int(10, 28))}_${two(random.int(0, 23))}${two(random.int(0, 59))}${two(random.int(0, 59))}`;
  return { fileName: `${arxivId}_${toSlug(title)}_${stamp}.md`, text, title, arxivId };
}
