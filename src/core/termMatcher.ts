import { isWordCode, markdownSkipRegions, type Regions } from './markdownRegions';
import type { TermMatch } from './model';

export interface MatchOptions {
  /** Skip code, link destinations, URLs, comments and front matter (default false). */
  markdown?: boolean;
}

/** What the matcher needs of a term. */
export interface MatchableTerm {
  id: string;
  aliases: readonly string[];
}

/** Key for a separator in an alias: whitespace, or a hyphen, in the text. */
const SEPARATOR = 32;
const APOSTROPHE = 39;

/** How far `at()` reads before the caret's line for block structure (fences, comments, indented code). */
export const TERM_AT_LOOKBACK = 8192;
/** How far `at()` reads along a line on either side of the caret. */
export const TERM_AT_LINE_WINDOW = 1024;
/** Whitespace between the words of an alias, at most: a line break plus indentation. */
const MAX_SEPARATOR_RUN = 16;

interface TrieNode {
  children: Map<number, TrieNode> | undefined;
  termId: string | undefined;
  /** Set on an all-capitals alias: it takes a plural "s" ("MOUs"). */
  acronym: boolean;
}

function newNode(): TrieNode {
  return { children: undefined, termId: undefined, acronym: false };
}

function isSpaceCode(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0x202f;
}

function isDashCode(code: number): boolean {
  return code === 45 || (code >= 0x2010 && code <= 0x2013);
}

function isApostropheCode(code: number): boolean {
  return code === APOSTROPHE || code === 0x2019 || code === 0x2018 || code === 0x02bc;
}

function lowerCode(code: number): number {
  if (code >= 65 && code <= 90) return code + 32;
  if (code < 128) return code;
  return String.fromCharCode(code).toLowerCase().charCodeAt(0);
}

/**
 * How an alias matches. One without a space (an acronym like "QME", or a single word like
 * "Arrow") is case-sensitive, so an everyday lower-case "arrow" is never a term; a
 * several-word name ("iron dome") matches in any case.
 *
 * @example
 *   aliasIsCaseSensitive('Arrow') // => true
 *   aliasIsCaseSensitive("David's Sling") // => false
 */
export function aliasIsCaseSensitive(alias: string): boolean {
  return !/\s/.test(alias.trim());
}

/** An alias with no lower-case letter and at least two capitals: "QME", "F-35I". */
export function aliasIsAcronym(alias: string): boolean {
  return !/\p{Ll}/u.test(alias) && (alias.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

/**
 * The spellings an alias stands for: every hyphen may also be written as a space or left out
 * ("F-35I", "F 35I", "F35I").
 *
 * @example
 *   aliasSpellings('F-35I') // => ['F-35I', 'F 35I', 'F35I']
 */
export function aliasSpellings(alias: string): string[] {
  const normalized = alias.trim().replace(/\s+/g, ' ');
  const parts = normalized.split(/[-\u2010-\u2013]/);
  let spellings = [parts[0]];
  for (const part of parts.slice(1)) {
    spellings = spellings.flatMap((prefix) => [`${prefix}-${part}`, `${prefix} ${part}`, `${prefix}${part}`]);
  }
  return [...new Set(spellings)];
}

/**
 * The key an alias is stored under, as the matcher reads text: separators and apostrophes
 * folded, and lower case where the alias ignores case. Two aliases with the same key would
 * claim the same text.
 *
 * @example
 *   aliasKey("David’s Sling") // => "david's sling"
 */
export function aliasKey(spelling: string): string {
  const folded = spelling.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\s\u2010-\u2013-]+/g, ' ');
  return aliasIsCaseSensitive(spelling) ? folded : folded.toLowerCase();
}

/**
 * A compiled matcher for a fixed set of terms. Matching walks a character trie from each
 * word start, so its cost is linear in the text and independent of the number of aliases.
 */
export class TermMatcher {
  private readonly sensitive = newNode();
  private readonly insensitive = newNode();
  /** Longest alias span in characters, allowing for separators, suffixes and folding. */
  private readonly maxSpan: number;

  constructor(terms: readonly MatchableTerm[]) {
    let longest = 0;
    for (const term of terms) {
      for (const alias of term.aliases) {
        const caseSensitive = aliasIsCaseSensitive(alias);
        const acronym = aliasIsAcronym(alias);
        for (const spelling of aliasSpellings(alias)) {
          this.insert(caseSensitive ? this.sensitive : this.insensitive, spelling, term.id, acronym, !caseSensitive);
          longest = Math.max(longest, spelling.length);
        }
      }
    }
    this.maxSpan = longest * MAX_SEPARATOR_RUN + 3;
  }

  /**
   * Every occurrence in document order; a longer alias wins over a shorter one at the same place.
   *
   * @example
   *   matcher.findAll('Arrow 3 and QME') // => [{ termId: 'arrow-3', start: 0, end: 7 }, { termId: 'qme', start: 12, end: 15 }]
   */
  findAll(text: string, options: MatchOptions = {}): TermMatch[] {
    if (typeof text !== 'string' || text.length === 0) return [];
    const regions = options.markdown ? markdownSkipRegions(text) : [];
    return this.scan(text, 0, text.length, regions);
  }

  /**
   * The occurrence covering `offset`, reading only a bounded window around it.
   *
   * @example
   *   matcher.at('see Iron Dome', 6) // => { termId: 'iron-dome', start: 4, end: 13 }
   */
  at(text: string, offset: number, options: MatchOptions = {}): TermMatch | undefined {
    if (typeof text !== 'string' || !Number.isInteger(offset) || offset < 0 || offset >= text.length) return undefined;
    const reach = Math.min(this.maxSpan, TERM_AT_LINE_WINDOW);
    const windowStart = Math.max(0, offset - reach);
    const windowEnd = Math.min(text.length, offset + reach);
    let regions: Regions = [];
    if (options.markdown) {
      const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
      // A line longer than the window is read from the window's start; very long lines are
      // rare in prose and their inline structure beyond the window cannot reach the caret.
      const inlineFrom = Math.max(lineStart, offset - TERM_AT_LINE_WINDOW);
      let scanFrom = inlineFrom;
      if (lineStart === inlineFrom && lineStart > 0) {
        const lookbackLimit = Math.max(0, lineStart - TERM_AT_LOOKBACK);
        const lookbackLine = lookbackLimit === 0 ? 0 : text.indexOf('\n', lookbackLimit) + 1;
        scanFrom = lookbackLine > 0 && lookbackLine <= lineStart ? lookbackLine : lookbackLimit === 0 ? 0 : lineStart;
      }
      regions = markdownSkipRegions(text, { from: scanFrom, to: windowEnd, inlineFrom });
    }
    for (const match of this.scan(text, windowStart, windowEnd, regions)) {
      if (match.start <= offset && offset < match.end) return match;
      if (match.start > offset) break;
    }
    return undefined;
  }

  private insert(root: TrieNode, spelling: string, termId: string, acronym: boolean, foldCase: boolean): void {
    let node = root;
    let previousWasSeparator = false;
    for (const char of spelling) {
      const raw = char.charCodeAt(0);
      let key: number;
      if (isSpaceCode(raw) || isDashCode(raw)) {
        if (previousWasSeparator) continue;
        key = SEPARATOR;
        previousWasSeparator = true;
      } else {
        key = isApostropheCode(raw) ? APOSTROPHE : foldCase ? lowerCode(raw) : raw;
        previousWasSeparator = false;
      }
      node.children ??= new Map();
      let child = node.children.get(key);
      if (!child) {
        child = newNode();
        node.children.set(key, child);
      }
      node = child;
    }
    if (node.termId === undefined) {
      node.termId = termId;
      node.acronym = acronym;
    }
  }

  /** Greedy left-to-right matching over `[from, to)`, skipping `regions`. */
  private scan(text: string, from: number, to: number, regions: Regions): TermMatch[] {
    const matches: TermMatch[] = [];
    const sensitiveRoot = this.sensitive.children;
    const insensitiveRoot = this.insensitive.children;
    if (!sensitiveRoot && !insensitiveRoot) return matches;
    let regionIndex = 0;
    let position = from;
    while (position < to) {
      // Jump over skipped regions, keeping the pointer in step with the position.
      while (regionIndex < regions.length && regions[regionIndex + 1] <= position) regionIndex += 2;
      if (regionIndex < regions.length && regions[regionIndex] <= position) {
        position = regions[regionIndex + 1];
        continue;
      }
      const code = text.charCodeAt(position);
      const startsWord = position === 0 || !isWordCode(text.charCodeAt(position - 1));
      if (startsWord && (sensitiveRoot?.has(code) || insensitiveRoot?.has(lowerCode(code)))) {
        const limit = regionIndex < regions.length ? Math.min(to + this.maxSpan, regions[regionIndex]) : Math.min(text.length, to + this.maxSpan);
        const sensitiveMatch = this.walk(this.sensitive, text, position, limit, false);
        const insensitiveMatch = this.walk(this.insensitive, text, position, limit, true);
        const best = !sensitiveMatch ? insensitiveMatch : !insensitiveMatch ? sensitiveMatch : insensitiveMatch.end > sensitiveMatch.end ? insensitiveMatch : sensitiveMatch;
        if (best) {
          matches.push({ termId: best.termId, start: position, end: best.end });
          position = best.end;
          continue;
        }
      }
      position++;
    }
    return matches;
  }

  /** The longest alias that starts at `start` and ends on a word boundary before `limit`. */
  private walk(root: TrieNode, text: string, start: number, limit: number, foldCase: boolean): { termId: string; end: number } | undefined {
    let node = root;
    let position = start;
    let best: { termId: string; end: number } | undefined;
    while (position < limit) {
      const code = text.charCodeAt(position);
      let key: number;
      let next = position + 1;
      if (isSpaceCode(code)) {
        let newlines = code === 10 ? 1 : 0;
        while (next < limit && next - position < MAX_SEPARATOR_RUN && isSpaceCode(text.charCodeAt(next))) {
          if (text.charCodeAt(next) === 10) newlines++;
          next++;
        }
        if (newlines > 1) break;
        key = SEPARATOR;
      } else if (isDashCode(code)) {
        key = SEPARATOR;
      } else if (isApostropheCode(code)) {
        key = APOSTROPHE;
      } else {
        key = foldCase ? lowerCode(code) : code;
      }
      const child = node.children?.get(key);
      if (!child) break;
      node = child;
      position = next;
      if (node.termId !== undefined) {
        const end = this.acceptedEnd(text, position, limit, node.acronym);
        if (end >= 0) best = { termId: node.termId, end };
      }
    }
    return best;
  }

  /** Where a match that reaches `position` ends, with its suffix, or -1 if it ends inside a word. */
  private acceptedEnd(text: string, position: number, limit: number, acronym: boolean): number {
    const code = text.charCodeAt(position);
    if (position < limit && isApostropheCode(code)) {
      const after = text.charCodeAt(position + 1);
      if ((after === 115 || after === 83) && position + 2 <= limit && !isWordAt(text, position + 2)) return position + 2;
    }
    if (acronym && code === 115 && position + 1 <= limit && !isWordAt(text, position + 1)) return position + 1;
    return isWordAt(text, position) ? -1 : position;
  }
}

function isWordAt(text: string, position: number): boolean {
  return position < text.length && isWordCode(text.charCodeAt(position));
}
