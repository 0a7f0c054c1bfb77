import { runImport, type CliIo } from '../import/run';
import { CHECK_USAGE, EXIT_OK, EXIT_USAGE, EXPORT_USAGE, INDEX_USAGE, runCheck, runExport, runIndex } from './commands';

export type { CliIo };

export const USAGE = `usage: trellis <command> [options]

commands:
  ${CHECK_USAGE}
      Report every problem in the content folder, by file and line.
      Exits 1 on errors, or on warnings too with --strict.
  ${EXPORT_USAGE}
      Write the graph (nodes, edges, tags, stubs) as JSON or as GraphML for Gephi,
      to stdout or to FILE.
  ${INDEX_USAGE}
      Bring the derived store (parsed files, search words, similarity terms) up to
      date ahead of time, as a deploy step; servers then start from it. The store is
      --store DIR, else $TRELLIS_STORE_DIR, else ./.trellis.
  trellis import <file|dir>... [--out DIR] [--force]
      Import files into a content folder.
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
