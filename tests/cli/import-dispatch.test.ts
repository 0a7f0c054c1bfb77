import { describe, expect, it, vi } from 'vitest';
import { runImport } from '../../lib/cli/import';
import { trellis } from './helpers';

// The importer is written elsewhere; here it only has to receive what the user typed.
vi.mock('../../lib/cli/import', () => ({
  runImport: vi.fn(async (_args: readonly string[], io: { err: (line: string) => void }) => {
    io.err('importer ran');
    return 3;
  }),
}));

describe('trellis import', () => {
  it('hands its arguments to the importer and exits with the importer\'s status', async () => {
    const run = await trellis('import', 'seeds/', '--out', 'content', '--force');
    expect(vi.mocked(runImport)).toHaveBeenCalledWith(['seeds/', '--out', 'content', '--force'], expect.anything());
    expect(run.err).toEqual(['importer ran']);
    expect(run.status).toBe(3);
  });
});
