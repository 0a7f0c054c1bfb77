import { CHECK_USAGE, EXIT_OK, EXIT_USAGE, EXPORT_USAGE, IMPORT_USAGE, INDEX_USAGE, runCheck, runExport, runIndex } from './commands';
import { runImport } from './import';
import type { CliIo } from './io';

export type { CliIo };

export const USAGE = `usage: trellis <command> [options]

commands:
  ${CHECK_USAGE}
      Report every problem in the content folder, by file and line.
      Exits 1 on errors, or on warnings too with --strict. With --watch, keep
      running and print the problems of each file as it is saved.
  ${EXPORT_USAGE}
      Write the graph (nodes, edges, tags, stubs) as JSON or as GraphML for Gephi,
      to stdout or to FILE.
  ${INDEX_USAGE}
      Bring the derived store (parsed files, search words, similarity terms) up to
      date ahead of time, as a deploy step; servers then start from it. The store is
      --store DIR, else $TRELLIS_STORE_DIR, else ./.trellis.
  ${IMPORT_USAGE}
      Turn page exports and rpa2 summaries (files, or folders of .txt and .md
      files) into content files under DIR (default ./content). A file that
      exists and differs is kept unless --force; two inputs giving one file (the
      same arXiv id) are reported, and only the first is written.
  trellis help
      Show this help.

The content folder is --content DIR, else $TRELLIS_CONTENT_DIR, else ./content.`;

/**
 * Runs `trellis <command> …` with the arguments after the program name and
 * returns the exit status. Output goes through `io`, so tests need no terminal.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'check':
      return runCheck(args, io);
    case 'export':
      return runExport(args, io);
    case 'import':
      return runImport(args, io);
    case 'index':
      return runIndex(args, io);
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return EXIT_OK;
    case undefined:
      io.err(USAGE);
      return EXIT_USAGE;
    default:
      io.err(`trellis: unknown command "${command}"`);
      io.err(USAGE);
      return EXIT_USAGE;
  }
}
