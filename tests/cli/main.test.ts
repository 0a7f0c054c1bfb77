import { describe, expect, it } from 'vitest';
import { smallDir, trellis } from './helpers';

describe('trellis <command>', () => {
  it.each([['help'], ['--help'], ['-h']])('%s prints the usage on stdout and exits 0', async (flag) => {
    const run = await trellis(flag);
    expect(run.status).toBe(0);
    expect(run.err).toEqual([]);
    expect(run.out.join('\n')).toMatch(/^usage: trellis <command> \[options\]/);
    for (const command of ['trellis check', 'trellis export', 'trellis import']) expect(run.out.join('\n')).toContain(command);
  });

  it('without a command prints the usage on stderr and exits 2', async () => {
    const run = await trellis();
    expect(run.status).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err.join('\n')).toMatch(/^usage: trellis <command>/);
  });

  it('with an unknown command names it, prints the usage on stderr and exits 2', async () => {
    const run = await trellis('chek', '--content', smallDir);
    expect(run.status).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err[0]).toBe('trellis: unknown command "chek"');
  });

  it.each([
    ['check', 'usage: trellis check [--content DIR] [--strict] [--format text|json] [--watch]'],
    ['export', 'usage: trellis export [--content DIR] [--format json|graphml] [--out FILE]'],
  ])('%s --help prints that command\'s usage and reads no content', async (command, usage) => {
    const run = await trellis(command, '--help', '--content', '/no/such/folder');
    expect(run.status).toBe(0);
    expect(run.out).toEqual([usage]);
  });
});
