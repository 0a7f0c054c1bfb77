/** Output streams of a CLI command, so commands can be tested without a terminal. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Ends a command that runs until stopped (`check --watch`); Ctrl-C ends it otherwise. */
  readonly signal?: AbortSignal;
}
