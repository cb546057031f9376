/**
 * How text becomes search terms, shared by the index build (minisearch, at build time) and the
 * run-time search (compactSearch.ts). It lives apart from searchIndex.ts because that module
 * imports minisearch, and the run-time bundle must not pull minisearch in just for the tokenizer.
 */

const APOSTROPHES = /[\u2018\u2019\u02bc\u2032`]/g;

/**
 * Lower-cases and folds curly apostrophes, so "David’s" and "david's" index alike.
 * Shared by indexing and querying; the two must never diverge.
 *
 * @example
 *   normalizeSearchTerm('David’s') // => 'david'
 */
export function normalizeSearchTerm(term: string): string {
  return term
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(/'s$/, '')
    .replace(/'/g, '')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/**
 * Splits text into raw words, as the index and every query do. Hyphens and slashes split words
 * ("F-35I" -> "F", "35I"), and thousands separators must not split figures apart ("38,000" stays
 * one token, "$3.3" stays "$3.3" until `searchTermOf` trims the sign).
 *
 * @example
 *   tokenizeSearchText('F-35I costs $3.3 billion') // => ['F', '35I', 'costs', '$3.3', 'billion']
 */
export function tokenizeSearchText(text: string): string[] {
  return text.split(/(?:[\s\-\u2010-\u2015/()[\]{}"“”:;!?*_#>|]|,(?!\d)|\.(?!\d))+/u);
}

/**
 * The term a raw word indexes and searches as, or `null` for a word with no letter or digit.
 *
 * @example
 *   searchTermOf('“Arrow')   // => 'arrow'
 *   searchTermOf('—')        // => null
 */
export function searchTermOf(word: string): string | null {
  const normalized = normalizeSearchTerm(word);
  return normalized.length > 0 ? normalized : null;
}
