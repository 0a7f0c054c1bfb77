import { describe, expect, it } from 'vitest';
import { documentFrequencies, labelClass, termsOfText, type SurfaceCounts } from '../../lib/topics/label';

/** Labels a class of titles against a collection of them. */
function label(members: string[], others: string[]) {
  const surfaces: SurfaceCounts = new Map();
  const inClass = members.map((t) => termsOfText(t, surfaces));
  const rest = others.map((t) => termsOfText(t, surfaces));
  return labelClass(inClass, documentFrequencies([...inClass, ...rest]), members.length + others.length, surfaces);
}

describe('topic labels', () => {
  const others = ['Protein folding with diffusion', 'Speech recognition for low resource languages', 'Graph anomaly detection', 'Speech emotion recognition'];

  it('names a class by the words that set it apart, in the words writers used, at most four', () => {
    const found = label(['Sycophancy under expert pushback', 'Expert pushback strengthens sycophancy', 'Measuring sycophancy in dialogue'], others);
    expect(found.label.split(/[ ,]+/).length).toBeLessThanOrEqual(4);
    expect(found.label).toMatch(/^sycophancy, expert pushback|^expert pushback, sycophancy/);
    expect(found.words).toContain('sycophancy');
  });

  it('pairs a hyphenated compound within itself, and leaves out words every summary uses', () => {
    expect(termsOfText('Reasoning fine-tuning of models')).toEqual(['reason', 'fine', 'tune', 'fine tune']);
    const found = label(['Does reasoning fine-tuning actually reduce abstention?', 'Reasoning fine-tuning and abstention'], others);
    expect(found.label).not.toMatch(/reasoning fine|actually/);
  });

  it('does not say one word twice in two forms', () => {
    const found = label(['Fairness of classifiers', 'Fair ranking and fairness', 'Fair allocation'], others);
    expect(found.words.filter((w) => w.startsWith('fair'))).toHaveLength(1);
  });
});
