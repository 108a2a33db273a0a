/**
 * Where a search term occurs in a text, by the rule the search explanation and the reader share,
 * so a term the backend lists as matched is the term the reader marks.
 */

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/**
 * First occurrence of `term` in `text` at or after `from`, or -1. Words are matched as substrings
 * (the index and the query may segment a phrase differently), but a number only as a whole number:
 * the index matched it as one token, so 500 is not in 15000, nor 2019 in 20190.
 */
export function findTerm(text: string, term: string, from = 0): number {
  if (!term) return -1;
  const digitStart = isDigit(term[0]);
  const digitEnd = isDigit(term.at(-1));
  for (let i = text.indexOf(term, from); i >= 0; i = text.indexOf(term, i + 1)) {
    if ((!digitStart || !isDigit(text[i - 1])) && (!digitEnd || !isDigit(text[i + term.length]))) return i;
  }
  return -1;
}
