/**
 * The bad-corpus fixture (tests/fixtures/bad-corpus/) as the robustness tests use
 * it: a temporary copy, completed with the files too large or too odd to commit.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const badCorpusDir = fileURLToPath(new URL('../fixtures/bad-corpus', import.meta.url));

/** Files written into the copy at test time, content-relative. */
export const GENERATED = {
  /** 20 MB of valid Markdown: over the loader's 5 MB limit. */
  huge: 'notes/huge.md',
  /** One paragraph of 1 MB on a single line, dense with emphasis, code, links and wikilinks. */
  longParagraph: 'notes/long-paragraph.md',
  /** 10,000 wikilinks in one file. */
  manyLinks: 'notes/many-links.md',
  /** 300 KB of unmatched brackets, angle brackets and backticks on one line. */
  bracketFlood: 'notes/bracket-flood.md',
  /** A symbolic link to /etc/passwd with a .md name. */
  symlink: 'notes/passwd-link.md',
} as const;

export interface CorpusCopy {
  readonly dir: string;
  remove(): void;
}

const SENTENCE =
  'The model agrees with the user *even* when [the user] is `wrong` and _knows_ it, see [[Does agreement grow with model size?]] or http://example.com/x. ';

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** A copy of the fixture in a temporary folder, with the generated files added. */
export function copyBadCorpus(): CorpusCopy {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-bad-corpus-'));
  cpSync(badCorpusDir, dir, { recursive: true });

  const paragraph = `${'Plain paragraph text that says nothing in particular. '.repeat(20)}\n\n`;
  writeFileSync(join(dir, GENERATED.huge), `---\ntitle: A twenty megabyte note\n---\n${repeatTo(paragraph, 20 * 1024 * 1024)}`);

  writeFileSync(
    join(dir, GENERATED.longParagraph),
    `---\ntitle: A one megabyte paragraph\nsummary: One line of a million characters.\n---\n${repeatTo(SENTENCE, 1024 * 1024)}\n`,
  );

  const targets = ['Does agreement grow with model size?', 'Can agreement be trained away?', 'A note that links to itself'];
  const links: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    // Mostly known notes, and a handful of names nobody wrote (ten distinct stubs, reported once per link).
    links.push(i % 1000 === 999 ? `[[Unwritten note number ${i % 10}]]` : `[[${targets[i % targets.length]}]]`);
  }
  writeFileSync(join(dir, GENERATED.manyLinks), `---\ntitle: A note with ten thousand wikilinks\n---\n${links.join(' ')}\n`);

  writeFileSync(
    join(dir, GENERATED.bracketFlood),
    `---\ntitle: A flood of unmatched brackets\nsummary: Brackets, angle brackets and backticks that never close.\n---\n${'['.repeat(100_000)}${'<'.repeat(100_000)}${'`'.repeat(50_000)}${'[['.repeat(25_000)}\n`,
  );

  symlinkSync('/etc/passwd', join(dir, GENERATED.symlink));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Every Markdown file below `dir` (any case of .md), content-relative, walked
 * independently of the loader. Hidden folders are skipped, as the content format
 * documents; symbolic links are listed separately.
 */
export function markdownFilesIn(dir: string): { files: string[]; symlinks: string[]; hidden: string[] } {
  const files: string[] = [];
  const symlinks: string[] = [];
  const hidden: string[] = [];
  const walk = (at: string, inHidden: boolean): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = join(at, entry.name);
      const path = relative(dir, full).split(sep).join('/');
      const isHidden = inHidden || entry.name.startsWith('.');
      if (entry.isSymbolicLink()) symlinks.push(path);
      else if (entry.isDirectory()) walk(full, isHidden);
      else if (/\.md$/i.test(entry.name)) (isHidden ? hidden : files).push(path);
    }
  };
  walk(dir, false);
  return { files: files.sort(), symlinks: symlinks.sort(), hidden: hidden.sort() };
}
