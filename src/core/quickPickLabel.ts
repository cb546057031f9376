import { plainLine } from './safeText';

/** U+2060 WORD JOINER: shows nothing, allows no line break, and is no letter any query contains. */
const JOINER = '\u2060';

/**
 * A title as a QuickPick label that VS Code cannot match against what is typed: one safe line
 * (no controls, no reordering characters, capped), with a word joiner after every character.
 *
 * VS Code's QuickPick moves items whose label matches the typed text to the top, by its own
 * measure (the stable 1.91 API has no `sortByLabel`), which would override the core's ranking:
 * "qme" would list "Naval Vessel Transfer Act (QME law)" first. Interleaved joiners defeat its
 * prefix, substring and camel-case matchers for any query of two or more characters, so the
 * order the core gave stands. They also keep `$(` from ever forming an icon. A one-character
 * query can still match a label, as any single letter of a title is itself a substring.
 *
 * @example
 *   unmatchableLabel('QME') // => 'Q\u2060M\u2060E'
 */
export function unmatchableLabel(title: string, maxLength = 200): string {
  return [...plainLine(title, maxLength)].join(JOINER);
}
