import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers';

const launcher = join(repoRoot, 'bin/trellis.mjs');

function run(args: string[], cwd: string) {
  return spawnSync(process.execPath, [launcher, ...args], { cwd, encoding: 'utf8', env: { ...process.env, TRELLIS_CONTENT_DIR: '' } });
}

describe('node bin/trellis.mjs', () => {
  it('check exits 1 on the broken fixture and names the bad files', () => {
    const result = run(['check', '--content', 'tests/fixtures/broken'], repoRoot);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('tests/fixtures/broken/notes/binary.md: error [binary] ');
    expect(result.stdout).toContain('tests/fixtures/broken/notes/bad-related.md:4: error [invalid-field] ');
  });

  it('works from another directory, reading --content relative to it', () => {
    const result = run(['check', '--content', 'small'], join(repoRoot, 'tests/fixtures'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^5 files \(5 loaded, 0 not loaded\)/);
  });

  it('prints usage on stderr and exits 2 for an unknown command', () => {
    const result = run(['frobnicate'], repoRoot);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('trellis: unknown command "frobnicate"');
    expect(result.stderr).toContain('usage: trellis <command> [options]');
  });
});
