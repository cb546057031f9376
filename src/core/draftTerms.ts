/**
 * What a draft says about the glossary: which terms it uses, in order of first use, how often,
 * and whether an abbreviation was spelled out where the reader first meets it.
 *
 * Pure: takes the draft's text and the matches the term matcher found in it.
 */
import type { Term, TermMatch } from './model';

/** One glossary term as a draft uses it. */
export interface DraftTerm {
  termId: string;
  /** How many times the draft uses the term (a spelled-out pair "qualitative military edge (QME)" counts once). */
  count: number;
  /** The first use, as UTF-16 offsets, `end` exclusive. */
  first: { start: number; end: number };
  /**
   * `null` for a term with no abbreviation. Otherwise `true` when the first use is the full name
   * or the expansion, or the abbreviation with the expansion beside it in parentheses (either way
   * round); `false` when it is the bare abbreviation.
   */
  spelledOut: boolean | null;
}

/** What the analysis needs of a term. */
export type DraftTermInfo = Pick<Term, 'id' | 'abbreviation' | 'expansion'>;

/**
 * Summarises the term matches of a draft.
 *
 * @example
 *   analyzeDraft('QME matters. QME again.', matches, (id) => reference.entry(id))
 *   // => [{ termId: 'qme', count: 2, first: { start: 0, end: 3 }, spelledOut: false }]
 */
export function analyzeDraft(text: string, matches: readonly TermMatch[], termInfo: (termId: string) => DraftTermInfo | undefined): DraftTerm[] {
  const byTerm = new Map<string, DraftTerm>();
  let previous: TermMatch | undefined;
  for (const match of matches) {
    const info = termInfo(match.termId);
    if (info === undefined) continue;
    const pairedWithPrevious = previous !== undefined && previous.termId === match.termId && isParentheticalPair(text, previous, match);
    previous = match;
    const existing = byTerm.get(match.termId);
    if (existing) {
      if (!pairedWithPrevious) existing.count++;
      continue;
    }
    byTerm.set(match.termId, { termId: match.termId, count: 1, first: { start: match.start, end: match.end }, spelledOut: spelledOutAt(text, match, info) });
  }
  return [...byTerm.values()];
}

/**
 * Whether the use at `match` spells the term out: `null` without an abbreviation.
 *
 * @example
 *   spelledOutAt('QME (qualitative military edge)', { termId: 'qme', start: 0, end: 3 }, qme) // => true
 */
export function spelledOutAt(text: string, match: TermMatch, info: DraftTermInfo): boolean | null {
  const { abbreviation, expansion } = info;
  if (!abbreviation) return null;
  if (!isAbbreviationUse(text.slice(match.start, match.end), abbreviation)) return true;
  if (!expansion) return false;
  return expansionBeside(text, match.start, match.end, expansion);
}

/**
 * True when the matched text is the abbreviation (bare, plural, possessive, or inside a longer
 * name such as "2016 MOU"), rather than a spelled-out name.
 *
 * @example
 *   isAbbreviationUse('QMEs', 'QME') // => true
 *   isAbbreviationUse('qualitative military edge', 'QME') // => false
 */
export function isAbbreviationUse(matched: string, abbreviation: string): boolean {
  const fold = (value: string) => value.replace(/[-\u2010-\u2015\s]+/g, '');
  const haystack = fold(matched);
  const needle = fold(abbreviation);
  const at = haystack.indexOf(needle);
  if (at < 0) return false;
  const before = haystack.charCodeAt(at - 1);
  return at === 0 || !isLetter(before);
}

/** "expansion (ABBR)" or "ABBR (expansion)" around the abbreviation at [start, end). */
function expansionBeside(text: string, start: number, end: number, expansion: string): boolean {
  // Both patterns need a parenthesis next to the abbreviation; most uses have none, and then no
  // pattern is compiled (a first scan of a draft paid for one per abbreviation).
  const after = text.slice(end, end + expansion.length * 2 + 8);
  const before = text.slice(Math.max(0, start - expansion.length * 2 - 8), start);
  const openAfter = after.trimStart().startsWith('(');
  const openBefore = before.trimEnd().endsWith('(');
  if (!openAfter && !openBefore) return false;
  const patterns = expansionPatterns(expansion);
  return (openAfter && patterns.after.test(after)) || (openBefore && patterns.before.test(before));
}

const compiledExpansions = new Map<string, { after: RegExp; before: RegExp }>();

/** The two patterns for an expansion, compiled once. */
function expansionPatterns(expansion: string): { after: RegExp; before: RegExp } {
  let patterns = compiledExpansions.get(expansion);
  if (patterns === undefined) {
    const pattern = expansionPattern(expansion);
    patterns = {
      after: new RegExp(`^[\\s\\u00a0]*\\([\\s\\u00a0]*${pattern}[\\s\\u00a0]*[),;]`, 'iu'),
      before: new RegExp(`${pattern}[\\s\\u00a0]*\\([\\s\\u00a0]*$`, 'iu'),
    };
    // Workspace glossaries edited through a long session could keep adding expansions.
    if (compiledExpansions.size >= 4000) compiledExpansions.clear();
    compiledExpansions.set(expansion, patterns);
  }
  return patterns;
}

/** The expansion as a pattern that forgives case, line wrapping, hyphen-or-space and curly apostrophes. */
function expansionPattern(expansion: string): string {
  return expansion
    .trim()
    .split(/[\s-]+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]"))
    .join('[\\s\\u00a0-]+');
}

/** "qualitative military edge (QME)": the second match only restates the first. */
function isParentheticalPair(text: string, first: TermMatch, second: TermMatch): boolean {
  const between = text.slice(first.end, second.start);
  return /^[\s\u00a0]*\([\s\u00a0]*$/.test(between) && /^[\s\u00a0]*[),;]/.test(text.slice(second.end, second.end + 4));
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code > 127 && /\p{L}/u.test(String.fromCharCode(code)));
}
