import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runImport } from '../../lib/cli/import';
import { planImport } from '../../lib/import/plan';
import { detectExportKind } from '../../lib/import/page-export';
import { importedSeeds, SEED_COUNT, seedInputs, splitContent, SEEDS_DIR } from './seed-inputs';

const EXPECTED = join(import.meta.dirname, '..', 'fixtures', 'import', 'seeds.expected.json');

describe('importing the five seeds', () => {
  const files = importedSeeds();
  const structured = Object.fromEntries([...files].map(([seed, f]) => [seed, { path: f.path, kind: f.kind, ...splitContent(f.text) }]));

  it('matches the reviewed expected content (UPDATE=1 regenerates it after a deliberate change)', () => {
    if (process.env.UPDATE) writeFileSync(EXPECTED, `${JSON.stringify(structured, null, 2)}\n`);
    expect(structured).toEqual(JSON.parse(readFileSync(EXPECTED, 'utf8')));
  });

  it('detects each kind', () => {
    expect(seedInputs().map((i) => detectExportKind(i.text))).toEqual(['note', 'inquiry', 'inquiry', 'paper', 'paper']);
  });

  it('writes each kind where its URL says', () => {
    expect([...files.values()].map((f) => f.path)).toEqual([
      'notes/sycophancy-cannot-be-fixed-by-better-reasoning-training-because-there-is-no-reas.md',
      'inquiries/why-do-reasoning-optimized-models-show-no-resistance-advantage-on-agreement-task.md',
      'inquiries/why-does-expert-pushback-strengthen-rather-than-weaken-model-sycophancy.md',
      'papers/2411.15287.md',
      'papers/2310.13548.md',
    ]);
  });

  it('pairs the summary-only sources of 001 with the titles its essay cites, in order', () => {
    const { data, body } = structured['001_08dd9da4b02c420a.txt'] as unknown as { data: { sources: { title: string; summary: string }[] }; body: string };
    expect(data.sources.map((s) => s.title)).toEqual([
      'Can better reasoning training actually reduce model sycophancy?',
      'Does chain-of-thought reasoning reveal genuine inference or pattern matching?',
      'Do large language models reason symbolically or semantically?',
      'Why do reasoning models fail at predicting disagreement?',
      'Can models recognize question difficulty before they reason?',
      'Are models actually reasoning about constraints or just defaulting conservatively?',
      'Do base models already contain hidden reasoning ability?',
    ]);
    expect(data.sources[5]?.summary).toMatch(/^Twelve of fourteen models perform worse/);
    for (const s of data.sources) expect(body).toContain(`[[${s.title}]]`);
  });

  it('keeps the rpa2 papers byte for byte', () => {
    const seed = readFileSync(join(SEEDS_DIR, '003_972137ff6dbbc4ea.txt'), 'utf8');
    expect(files.get('003_972137ff6dbbc4ea.txt')?.text).toBe(seed);
  });

  it('links a known title mentioned at the start of a sentence', () => {
    expect(structured['000_1e4a9b658fbc24ea.txt']?.body).toContain(
      '[[Is LLM sycophancy a choice or a mechanical process?]] is the broader frame',
    );
  });
});

describe('what the importer refuses to guess', () => {
  const note = readFileSync(join(SEEDS_DIR, '000_1e4a9b658fbc24ea.txt'), 'utf8');
  const inquiry001 = readFileSync(join(SEEDS_DIR, '001_08dd9da4b02c420a.txt'), 'utf8');

  it('reports a count line that does not match its list, and writes nothing for that file', () => {
    const plan = planImport([{ name: 'bad.txt', text: note.replace('Related concepts in this collection 3', 'Related concepts in this collection 4') }]);
    expect(plan.files).toEqual([]);
    expect(plan.problems.get('bad.txt')).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(/declares 4 related concepts, but the list holds 3/) }),
    );
  });

  it('reports a list line it cannot place instead of dropping it', () => {
    const text = note.replace('- Why do LLMs fall for and deploy', 'Why do LLMs fall for and deploy');
    expect(planImport([{ name: 'bad.txt', text }]).problems.get('bad.txt')?.map((p) => p.message).join('\n')).toMatch(
      /expected a "- title" list item[\s\S]*declares 38 inquiring lines, but the list holds 37/,
    );
  });

  it('reports summaries it cannot pair with inline citations', () => {
    const text = inquiry001.replace(' Do base models already contain hidden reasoning ability?.', '.');
    const problems = planImport([{ name: '001.txt', text }]).problems.get('001.txt');
    expect(problems?.[0]?.message).toMatch(/7 summaries without titles, but the essay cites 6 titles inline/);
  });

  it('reports a file that is no export it knows', () => {
    expect(planImport([{ name: 'x.txt', text: 'hello' }]).problems.get('x.txt')?.[0]?.message).toMatch(/not a page export/);
  });
});

describe('trellis import on disk', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runImport(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('prints what it wrote, is idempotent, and refuses to overwrite a changed file without --force', async () => {
    const out = mkdtempSync(join(tmpdir(), 'trellis-import-'));
    dirs.push(out);
    const first = await run([SEEDS_DIR, '--out', out]);
    expect(first.code).toBe(0);
    expect(first.out.match(/^wrote /gm)).toHaveLength(5);
    expect(readdirSync(join(out, 'papers')).sort()).toEqual(['2310.13548.md', '2411.15287.md']);

    const second = await run([SEEDS_DIR, '--out', out]);
    expect(second.code).toBe(0);
    expect(second.out.match(/^unchanged /gm)).toHaveLength(5);

    const paper = join(out, 'papers', '2411.15287.md');
    writeFileSync(paper, `${readFileSync(paper, 'utf8')}\nA reader's addition.\n`);
    const refused = await run([SEEDS_DIR, '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/2411\.15287\.md: error: exists and differs/);
    expect(readFileSync(paper, 'utf8')).toContain("A reader's addition.");

    const forced = await run([SEEDS_DIR, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(paper, 'utf8')).not.toContain("A reader's addition.");
    expect(existsSync(join(out, 'notes'))).toBe(true);
  });
});

describe('trellis import says what it did', () => {
  const DUPLICATES = join(import.meta.dirname, '..', 'fixtures', 'import', 'duplicates');
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runImport(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  };
  const tempOut = () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-import-'));
    dirs.push(dir);
    return dir;
  };
  /** A path as the command prints it: relative to where it runs. */
  const shown = (...parts: string[]) => relative(process.cwd(), join(...parts));

  it('names each duplicate and the file that kept its arXiv id, and counts only what it wrote', async () => {
    const out = tempOut();
    const input = (name: string) => shown(DUPLICATES, name);
    const paper = shown(out, 'papers', '2401.10100.md');
    const { code, out: lines, err } = await run([DUPLICATES, '--out', out]);

    expect(err).toEqual([
      `${input('e-not-an-export.txt')}: error: not a page export the importer knows: no "Original note title" (note), no "Sources N notes" (inquiring line), no rpa2 frontmatter (paper)`,
      `${input('b-second.md')}: error: same arXiv id (2401.10100) as ${input('a-first.md')}, which keeps ${paper}; not written`,
    ]);
    expect(lines).toEqual([
      `${input('d-copy.md')}: same text as ${input('a-first.md')}; ${paper} written once`,
      `wrote ${paper} (paper: Agreement Under Pushback)`,
      `wrote ${shown(out, 'papers', '2402.20200.md')} (paper: A Paper of Its Own)`,
      '5 inputs: 2 imported, 1 duplicate not written (same arXiv id as an earlier file; see the lines above), 1 repeat of an earlier file skipped, 1 with problems not imported (see the lines above)',
    ]);
    expect(code).toBe(1);
    expect(readdirSync(join(out, 'papers')).sort()).toEqual(['2401.10100.md', '2402.20200.md']);
    expect(readFileSync(join(out, 'papers', '2401.10100.md'), 'utf8')).toContain('The first summary of this paper.');
  });

  it('counts inputs left alone or refused apart from those it wrote', async () => {
    const out = tempOut();
    await run([SEEDS_DIR, '--out', out]);
    const again = await run([SEEDS_DIR, '--out', out]);
    expect(again.out.at(-1)).toBe(`5 inputs: 0 imported, 5 unchanged (already in ${out})`);

    for (const name of readdirSync(join(out, 'papers'))) writeFileSync(join(out, 'papers', name), 'changed by hand\n');
    const refused = await run([SEEDS_DIR, '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.out.at(-1)).toBe(`5 inputs: 0 imported, 3 unchanged (already in ${out}), 2 not overwritten (changed in ${out}; --force overwrites)`);
  });

  it('reports two exports giving one content file, naming both', () => {
    const note = readFileSync(join(SEEDS_DIR, '000_1e4a9b658fbc24ea.txt'), 'utf8');
    const plan = planImport([
      { name: 'one.txt', text: note },
      { name: 'two.txt', text: note.replace('the broader frame', 'the wider frame') },
      { name: 'three.txt', text: note },
    ]);
    expect(plan.files.map((f) => f.from)).toEqual(['one.txt']);
    const path = 'notes/sycophancy-cannot-be-fixed-by-better-reasoning-training-because-there-is-no-reas.md';
    expect(plan.duplicates).toEqual([
      { from: 'two.txt', keptBy: 'one.txt', path, identical: false },
      { from: 'three.txt', keptBy: 'one.txt', path, identical: true },
    ]);
  });

  it('says in plain words that an input does not exist, and writes nothing', async () => {
    const out = tempOut();
    const missing = shown(SEEDS_DIR, 'no-such-export.txt');
    const run1 = await run([SEEDS_DIR, missing, '--out', out]);
    expect(run1.err).toEqual([`trellis import: cannot read ${missing}: no such file or folder`]);
    expect(run1.out).toEqual([]);
    expect(run1.code).toBe(2);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('content/', () => {
  it('is exactly what the importer makes from the seeds (never edited by hand)', () => {
    const root = join(import.meta.dirname, '..', '..', 'content');
    const files = [...importedSeeds().values()];
    expect(files).toHaveLength(SEED_COUNT);
    for (const file of files) {
      expect(readFileSync(join(root, file.path), 'utf8'), file.path).toBe(file.text);
    }
  });
});
