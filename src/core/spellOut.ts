/**
 * The spell-out-on-first-use rule: a reader meets an abbreviation's expansion at its first use,
 * and after that the abbreviation serves. Pure: the draft's text and term matches in, findings out.
 */
import type { TermMatch } from './model';
import { isAbbreviationUse, spelledOutAt, type DraftTermInfo } from './draftTerms';
import { draftMarkdown } from './safeText';

/** One place the rule applies, with the text that would fix it. */
export interface SpellOutFinding {
  /** `first-use`: the first use is the bare abbreviation. `later-full`: a later use spells out again. */
  kind: 'first-use' | 'later-full';
  termId: string;
  abbreviation: string;
  expansion: string;
  /** UTF-16 offsets of the occurrence, `end` exclusive. */
  start: number;
  end: number;
  /** What to write over `[start, end)`. */
  replacement: string;
}

/**
 * Where a draft breaks the spell-out rule, and where a later full spelling could be shortened.
 * Terms in `known` (abbreviations the writer treats as known) are left alone.
 *
 * @example
 *   spellOutFindings('QME matters.', matches, info, new Set())
 *   // => [{ kind: 'first-use', termId: 'qme', start: 0, end: 3, replacement: 'Qualitative military edge (QME)', … }]
 */
export function spellOutFindings(
  text: string,
  matches: readonly TermMatch[],
  termInfo: (termId: string) => DraftTermInfo | undefined,
  known: ReadonlySet<string> = new Set(),
): SpellOutFinding[] {
  const findings: SpellOutFinding[] = [];
  // Keyed by the abbreviation, not the term: "the MOU" and "the 2016 MOU" share one first use.
  const seen = new Set<string>();
  for (const match of matches) {
    const info = termInfo(match.termId);
    if (!info?.abbreviation || !info.expansion || known.has(info.abbreviation)) continue;
    const matched = text.slice(match.start, match.end);
    const base = { termId: match.termId, abbreviation: info.abbreviation, expansion: info.expansion, start: match.start, end: match.end };
    if (!seen.has(info.abbreviation)) {
      seen.add(info.abbreviation);
      if (spelledOutAt(text, match, info) === false) findings.push({ ...base, kind: 'first-use', replacement: spelledOut(text, match, info.abbreviation, info.expansion, matched) });
      continue;
    }
    // A later use that spells the name out again, not as the definition pair "name (ABBR)".
    if (!isAbbreviationUse(matched, info.abbreviation) && matched.toLowerCase() === info.expansion.toLowerCase() && !/^\s*\(/.test(text.slice(match.end, match.end + 3))) {
      findings.push({ ...base, kind: 'later-full', replacement: draftMarkdown(info.abbreviation) });
    }
  }
  return findings.sort((a, b) => a.start - b.start);
}

/**
 * "qualitative military edge (QME)" for "QME": the expansion where the abbreviation stands, the
 * abbreviation after it, and the rest of the writer's words kept in place ("2016 memorandum of
 * understanding (MOU)", "Terminal High Altitude Area Defense (THAAD) battery"); a possessive
 * stays after the parenthesis.
 */
function spelledOut(text: string, match: TermMatch, abbreviation: string, expansion: string, matched: string): string {
  const possessive = /['’]s$/.exec(matched)?.[0] ?? '';
  const bare = possessive ? matched.slice(0, -possessive.length) : matched;
  const atSentenceStart = /(?:^|[.!?:]\s+|\n\s*(?:[-*+>]|#{1,6}|\d{1,3}[.)])?\s*)$/.test(text.slice(Math.max(0, match.start - 200), match.start));
  // The expansion and abbreviation come from content (a workspace glossary, even): inert Markdown
  // in the draft. The writer's own text around them stays as written.
  const safeAbbreviation = draftMarkdown(abbreviation);
  const safe = draftMarkdown(expansion);
  const name = atSentenceStart ? safe.charAt(0).toUpperCase() + safe.slice(1) : safe;
  const at = bare.indexOf(abbreviation);
  if (at < 0) return `${name} (${bare})${possessive}`;
  const before = bare.slice(0, at);
  const after = bare.slice(at + abbreviation.length);
  // An acronym plural ("QMEs") makes the expansion plural as well.
  if (after === 's') return `${before}${at === 0 ? name : safe}s (${safeAbbreviation}s)${possessive}`;
  return `${before}${at === 0 ? name : safe} (${safeAbbreviation})${after}${possessive}`;
}
