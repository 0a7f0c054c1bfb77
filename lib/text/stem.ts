const KEEP_FINAL_S = new Set(['bias', 'alias', 'atlas', 'canvas', 'gas', 'has', 'was', 'yes', 'lens', 'chaos', 'news', 'series', 'species']);
const VOWEL = /[aeiouy]/;
const DOUBLE_END = /([b-df-hj-km-np-rtv-z])\1$/;

/**
 * A light English stemmer: enough that "models" meets "model", "reasoning" meets
 * "reason" and "persuade" meets "persuasion", without Porter's reach (and its
 * surprises). Index and query stem the same way, so a stem need not be a word.
 * Words with digits, CJK and words of three letters or fewer are left alone.
 */
export function stemWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word) || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  // Plurals and third persons.
  if (KEEP_FINAL_S.has(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:[sxz]|ch|sh)es$/.test(w) && KEEP_FINAL_S.has(w.slice(0, -2))) w = w.slice(0, -2);
  else if (/(?:x|z|ch|sh|sses)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // Past tenses and gerunds, when a syllable is left.
  let cut = '';
  if (w.length > 5 && w.endsWith('ing') && VOWEL.test(w.slice(0, -3))) cut = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith('ied')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('ed') && !w.endsWith('eed') && VOWEL.test(w.slice(0, -2))) cut = undouble(w.slice(0, -2));
  if (cut) {
    // A short stem lost its "e" (saving → save, used → use), as the base form keeps it.
    if (cut.length <= 3) return `${cut}e`;
    w = cut;
  }
  // A few derivations that readers treat as one word.
  if (w.length > 6 && /[aeiou]si(?:on|ve)$/.test(w)) w = `${w.slice(0, -4)}d`; // persuasion, persuasive → persuad
  else if (w.length > 7 && /iz(?:ation|e|ing)$/.test(w)) w = w.slice(0, w.lastIndexOf('iz') + 2); // optimization → optimiz
  else if (w.length > 6 && /at(?:ion|ive)$/.test(w)) w = w.slice(0, -3); // generation, generative → generat
  else if (w.length > 6 && /[^s]ti(?:on|ve)$/.test(w)) w = w.slice(0, -3); // prediction, predictive → predict
  else if (w.length > 6 && w.endsWith('ancy')) w = `${w.slice(0, -2)}t`; // sycophancy → sycophant
  else if (w.length > 7 && w.endsWith('antic')) w = w.slice(0, -2); // sycophantic → sycophant
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1); // generate → generat, persuade → persuad
  return w;
}

function undouble(w: string): string {
  return DOUBLE_END.test(w) && !/(?:ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}

