/** Small text helpers shared by indexing, snippets and rendering. */

// `[@id]` or, with where in the source the claim is found, `[@id, p. 12]` (Pandoc's locator form).
export const CITATION_PATTERN = /\s?\[@([a-z0-9-]+)(?:,\s*([^\]\n]+?))?\]/;
const CITATION = new RegExp(CITATION_PATTERN.source, 'g');

/**
 * Reduces section Markdown to readable plain text: citations, emphasis markers, link
 * destinations and heading marks go; the words stay.
 *
 * @example
 *   plainText('## Aid\nThe **2016** MOU [@crs-rl33222].') // => 'Aid\nThe 2016 MOU.'
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(CITATION, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/(\*\*|__|\*|_|`)/g, '')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

/**
 * Lists the source ids cited with `[@id]`, in first-citation order, without repeats.
 *
 * @example
 *   citedSources('A [@a]. B [@b] [@a].') // => ['a', 'b']
 */
export function citedSources(markdown: string): string[] {
  // Locators are ignored here: the list names each source once, however many places cite it.
  const seen = new Set<string>();
  for (const match of markdown.matchAll(CITATION)) seen.add(match[1]);
  return [...seen];
}

/**
 * Cuts text to at most `maxLength` characters at a word boundary, marking the cut with an ellipsis.
 *
 * @example
 *   truncate('Iron Dome intercepts short-range rockets', 20) // => 'Iron Dome intercepts…'
 */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** Counts words the way an editor's word count does: runs of non-space characters. */
export function wordCount(text: string): number {
  const words = text.trim().split(/\s+/);
  return words[0] === '' ? 0 : words.length;
}

// Made on first use: creating a collator loads locale data, which costs a cold start more than
// everything else the hover path does.
let titleCollator: Intl.Collator | undefined;

/**
 * Orders titles as a reader expects: case and accents ignored, numbers by value. One shared
 * collator: `localeCompare` with options builds a new one per call, which is slow in a browser.
 *
 * @example
 *   ['b', 'A', 'Arrow 10', 'Arrow 3'].sort(compareTitles) // => ['A', 'Arrow 3', 'Arrow 10', 'b']
 */
export function compareTitles(a: string, b: string): number {
  titleCollator ??= new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  return titleCollator.compare(a, b);
}

/** Orders by plain code units, for dates and ids whose text order is their order. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every citation in section Markdown with its locator (`undefined` when the citation has none).
 *
 * @example
 *   citations('A [@a, p. 3]. B [@b].') // => [{ source: 'a', at: 'p. 3' }, { source: 'b', at: undefined }]
 */
export function citations(markdown: string): { source: string; at: string | undefined }[] {
  return [...markdown.matchAll(CITATION)].map((match) => ({ source: match[1], at: match[2]?.trim() }));
}
