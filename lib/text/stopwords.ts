/*
 * Words too common to find anything by. The body field leaves them out of the
 * index (they are a third of all words, and of the time to index them); the short
 * fields keep them, so a title typed in full still matches word for word.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  ('a an and are as at be been being but by can could did do does doing for from had has have having he her his how i if in into is ' +
    'it its itself just me more most my no nor not of on once only or other our ours out over own same she should so some such than ' +
    'that the their theirs them then there these they this those through to too under until up very was we were what when where ' +
    'which while who whom why will with would you your yours also may might must shall about against between both each few further ' +
    'here off again any all am because before after above below during whether via').split(' '),
);

/** True for a folded word the body index leaves out: a stopword, or a single letter or digit. */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word) || (word.length === 1 && /[a-z0-9]/.test(word));
}

/**
 * Words that say nothing about what a document is about, for similarity: the
 * stopwords plus the vocabulary every paper summary uses ("paper", "model",
 * "results"). Search keeps these: a reader may well type "model".
 */
export const TOPIC_STOPWORDS: ReadonlySet<string> = new Set([
  ...STOPWORDS,
  ...('arxiv cannot doing however thus within without paper papers model models study results show shows using used use based approach method ' +
    'methods propose proposed new work one two three first second evidence section result').split(' '),
]);
