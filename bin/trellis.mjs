#!/usr/bin/env node
// The `trellis` command: compiles the TypeScript CLI on the fly with tsx and runs it.
// Modules are found next to this file, so it works from any directory; paths given
// on the command line (--content, --out) stay relative to the working directory.
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { register } from 'tsx/esm/api';

// `gc`, as `npm start` gives the server with --expose-gc: `trellis index` builds in steps and
// collects their garbage as it goes (lib/steps.ts `collectIfGrown`). The flag holds for
// contexts made after it is set, hence the new context that hands `gc` over.
if (typeof globalThis.gc !== 'function') {
  setFlagsFromString('--expose-gc');
  globalThis.gc = runInNewContext('gc');
}

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });

const { runCli } = await import(new URL('../lib/cli/main.ts', import.meta.url).href);

// `trellis export | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const status = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
// exitCode rather than exit(): a large export piped elsewhere must be flushed first.
process.exitCode = status;
