import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Five subjects: each subject's words are in a fifth of the collection. */
export const SUBJECTS = ['calibration of confidence', 'sycophancy under pushback', 'protein folding', 'speech recognition', 'graph anomalies'];

/**
 * A content folder of `notes` generated notes, the subjects taken in turn, for tests of
 * a collection "too large" for topics in a request (with TRELLIS_BUILD_IN_REQUEST_LIMIT
 * lowered below it). Returns the folder; the caller removes it.
 */
export function writeSubjectNotes(prefix: string, notes: number): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'notes'));
  for (let i = 0; i < notes; i++) {
    const subject = SUBJECTS[i % SUBJECTS.length] as string;
    writeFileSync(join(dir, 'notes', `n${String(i).padStart(3, '0')}.md`), `---\ntitle: Note ${i} on ${subject}\n---\nBody ${i} about ${subject}.\n`);
  }
  return dir;
}
