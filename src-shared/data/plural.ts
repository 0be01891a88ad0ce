/**
 * Counted nouns for messages and notes: `count(1, 'row')` is "1 row", `count(3, 'row')` is
 * "3 rows", `count(2, 'class', 'classes')` for irregular plurals. Every message that prints a
 * number of things goes through here, so no user ever reads "1 rows" or "expected 1 fields".
 */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${noun(n, singular, plural)}`;
}

/** The noun alone, for a number printed elsewhere in the sentence. */
export function noun(n: number, singular: string, plural = `${singular}s`): string {
  return n === 1 || n === -1 ? singular : plural;
}
