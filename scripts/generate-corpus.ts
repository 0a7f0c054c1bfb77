/**
 * Writes a synthetic corpus in the content format, for benchmarks and manual testing.
 *
 *   npm run generate -- --out /tmp/corpus-10k --nodes 10000 [--seed 7] [--papers-from DIR] [--shape collection]
 *
 * --shape default (the default) is a notebook, mostly notes; --shape collection is
 * the whole paper collection, 96% papers cited by a few thousand notes and lines.
 * --nodes counts documents (files); the graph adds stubs and tags on top. With
 * --papers-from, real rpa2 summaries are copied from DIR (and varied when more are
 * needed); without it, rpa2-shaped papers are made up.
 */
import { resolve, relative, isAbsolute, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CORPUS_SHAPES, defaultGenerateOptions, generateCorpus, type CorpusShape } from './lib/generate';

const usage = `usage: npm run generate -- --out DIR --nodes N [--seed S] [--papers-from DIR] [--shape ${CORPUS_SHAPES.join('|')}]`;

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      nodes: { type: 'string' },
      seed: { type: 'string' },
      'papers-from': { type: 'string' },
      shape: { type: 'string', default: defaultGenerateOptions.shape },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const nodes = Number(values.nodes);
  const shape = values.shape as CorpusShape;
  if (!values.out || !Number.isInteger(nodes) || nodes < 3 || !CORPUS_SHAPES.includes(shape)) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const out = resolve(values.out);
  const project = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const inside = relative(project, out);
  // Shared corpora are data to read, never to be copied into the project.
  if (values['papers-from'] && !inside.startsWith('..') && !isAbsolute(inside)) {
    console.error(`refusing to copy papers from ${values['papers-from']} into the project (${out}); write the corpus outside it, e.g. under /tmp`);
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const summary = generateCorpus({
    out,
    nodes,
    seed: values.seed ?? defaultGenerateOptions.seed,
    shape,
    ...(values['papers-from'] ? { papersFrom: resolve(values['papers-from']) } : {}),
  });
  const { copied, variants, synthetic } = summary.papers;
  console.log(
    `wrote ${out}: ${summary.notes} notes, ${summary.inquiries} inquiring lines, ${copied + variants + synthetic} papers ` +
      `(${copied} copied, ${variants} variants, ${synthetic} made up), ${(summary.bytes / 1048576).toFixed(1)} MB ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  for (const { file, reason } of summary.skippedPapers) console.log(`skipped ${file}: ${reason}`);
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
