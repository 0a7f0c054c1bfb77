import type { Random } from './prng';
import { CONCEPTS, CONTEXTS, MODELS, SENTENCES } from './vocabulary';

/** Fills a template's `{a}`, `{b}` (concepts), `{c}` (context), `{m}` (model), `{p}` (percentage) and `{n}` (count). */
export function fill(random: Random, template: string): string {
  return template.replace(/\{([abcmpn])\}/g, (_, slot: string) => {
    switch (slot) {
      case 'a':
      case 'b':
        return random.pick(CONCEPTS);
      case 'c':
        return random.pick(CONTEXTS);
      case 'm':
        return random.pick(MODELS);
      case 'p':
        return `${random.int(3, 74)}%`;
      default:
        return String(random.int(3, 120));
    }
  });
}

/** One body sentence. */
export function sentence(random: Random): string {
  return fill(random, random.pick(SENTENCES));
}

/** `count` sentences as one paragraph. */
export function sentences(random: Random, count: number): string[] {
  return Array.from({ length: count }, () => sentence(random));
}

/** Upper-cases the first letter ("rLHF" is left alone: only a lower-case first letter changes). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
