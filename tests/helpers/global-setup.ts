import { rmSync } from 'node:fs';

/**
 * Every test run keeps its derived stores (TRELLIS_STORE_DIR, set in vitest.config.ts)
 * in a folder of its own under the system's temporary folder, removed when it ends:
 * no test writes into the project's .trellis/.
 */
export default function setup(): () => void {
  const dir = process.env.TRELLIS_STORE_DIR;
  return () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
