import { CHECK_USAGE, EXIT_OK, EXIT_USAGE, EXPORT_USAGE, IMPORT_USAGE, runCheck, runExport } from './commands';
import { runImport } from './import';
import type { CliIo } from './io';

export type { CliIo };

export const USAGE = `usage: trellis <command> [options]

commands:
  ${CHECK_USAGE}
      Report every problem in the content folder, by file and line.
      Exits 1 on errors, or on warnings too with --strict.
  ${EXPORT_USAGE}
      Write the graph (nodes, edges, tags, stubs) as JSON or as GraphML for Gephi,
      to stdout or to FILE.
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
