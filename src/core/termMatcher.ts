import { indexOfWithin, isWordCode, markdownSkipRegions, type Regions } from './markdownRegions';
import type { TermMatch } from './model';

export interface MatchOptions {
  /** Skip code, link destinations, URLs, comments and front matter (default false). */
  markdown?: boolean;
}

/** What the matcher needs of a term. */
export interface MatchableTerm {
  id: string;
  aliases: readonly string[];
  /** Phrases that contain an alias but name something else ("Rafael Grossi" is not Rafael). */
  exclusions?: readonly string[];
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

/** An alias that ends at a trie node, while the trie is built. */
interface Terminal {
  termId: string;
  /** Set on an all-capitals alias: it takes a plural "s" ("MOUs"). */
  acronym: boolean;
  /** For a case-sensitive alias, its key codes in exact case; the trie itself is case-folded. */
  exactKeys: number[] | undefined;
}

/** A trie node while the trie is built; matching runs on the flat arrays made from it. */
interface BuildNode {
  children: Map<number, BuildNode> | undefined;
  terminals: Terminal[] | undefined;
}

/**
 * The matcher's trie as plain data, which JSON carries and which loads without compiling the
 * aliases again: nodes in breadth-first order from a root that stands before every alias
 * (node 0), so that each node's children are consecutive and sorted by key.
 */
export interface CompiledMatcher {
  /** Term ids; terminals refer to them by index. */
  termIds: string[];
  /** Per node, how many children it has. */
  childCounts: number[];
  /** Per node, the key on the edge into it (a folded character code), as one string; node 0's is a space. */
  keys: string;
  /** Per node, how many aliases end there. */
  terminalCounts: number[];
  /** Per terminal, in node order: its term's index times two, plus one for an acronym alias. */
  terminals: number[];
  /** Per terminal: a case-sensitive alias's exact-case keys as a string, or '' for an alias that ignores case. */
  exactKeys: string[];
  /** The longest text an alias can cover: its characters, stretched separators, a suffix. */
  maxSpan: number;
  /** Lower-cased exclusion phrases by term id. */
  exclusions: Record<string, string[]>;
}

/** How many trie levels below the root get dense ASCII tables; deeper nodes are rarely reached. */
const DENSE_LEVELS = 3;
/** No node: node 0 is the root, never anyone's child. */
const NONE = 0;

/** How many characters of an alias the candidate pattern checks before a walk (see `candidatePattern`). */
const CANDIDATE_DEPTH = 3;
/** Ranges at least this long may be scanned with the candidate pattern; its compile would cost a hover's short window more than it saves. */
const CANDIDATE_SEARCH_MIN_LENGTH = 4096;
/** After this many characters of long ranges a matcher's loop is warm, and faster than the pattern. */
const CANDIDATE_SEARCH_BUDGET = 256 * 1024;

/** The characters of text a trie key stands for, as the inside of a regular-expression class (ASCII part). */
function keyClass(key: number): string {
  const hex = (code: number) => `\\x${code.toString(16).padStart(2, '0')}`;
  if (key === SEPARATOR) return '\\t\\n\\r \\-\\u00a0\\u202f\\u2010-\\u2013';
  if (key === APOSTROPHE) return "'\\u2018\\u2019\\u02bc";
  if (key >= 97 && key <= 122) return hex(key) + hex(key - 32);
  return key < 128 ? hex(key) : '';
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
  // Built from the trie's own keys, so the validator's clash check cannot drift from matching.
  return String.fromCharCode(...keyCodes(spelling.trim(), !aliasIsCaseSensitive(spelling)));
}

/**
 * A compiled matcher for a fixed set of terms. Matching walks a character trie from each
 * word start, so its cost is linear in the text and independent of the number of aliases.
 */
export class TermMatcher {
  /** Children of node n: nodes `firstChild[n]` to `firstChild[n + 1] - 1`, sorted by key. */
  private readonly firstChild: Int32Array;
  /** The key on the edge into each node. */
  private readonly keys: string;
  /** Terminals of node n: `firstTerminal[n]` to `firstTerminal[n + 1] - 1`. */
  private readonly firstTerminal: Int32Array;
  private readonly terminals: readonly number[];
  private readonly exactKeys: readonly (string | undefined)[];
  private readonly termIds: readonly string[];
  /**
   * On the first levels, where nearly every word start is read: each node's ASCII children in a
   * dense table of 128 (`denseSlot[n]` is its table, -1 for none), faster than searching the
   * children and a quick "no alias goes on with this letter". The root always has one.
   */
  private readonly denseSlot: Int32Array;
  private readonly dense: Int32Array;
  private readonly maxSpan: number;
  /** Lower-cased exclusion phrases by term id; only the few terms that have any are here. */
  private readonly exclusions = new Map<string, string[]>();
  /**
   * The places a walk could start, found by the regular-expression engine rather than a loop
   * over every character (in a fresh process that loop runs interpreted, and the first scan of
   * a draft paid for it): a character some alias begins with (ASCII, either case; or any
   * non-ASCII one) not preceded by an ASCII letter or digit. A superset: each is checked exactly.
   */
  private readonly startCandidates: RegExp;
  /** Characters read so far in long ranges (see `scan`). */
  private longScanned = 0;

  /**
   * Compiles the terms' aliases, or loads a trie that `compile()` made (at build time, say).
   * Throws on a compiled trie whose parts do not fit together.
   *
   * @example
   *   new TermMatcher([{ id: 'qme', aliases: ['QME'] }]).at('the QME', 5) // => { termId: 'qme', start: 4, end: 7 }
   *   new TermMatcher(JSON.parse(JSON.stringify(matcher.compile())))
   */
  constructor(
    source: readonly MatchableTerm[] | CompiledMatcher,
    /** How a scan finds word starts (see `scan`): 'auto', or one way always (tests compare the two). */
    private readonly candidateSearch: 'auto' | 'pattern' | 'loop' = 'auto',
  ) {
    const compiled = Array.isArray(source) ? compileTerms(source) : checkCompiled(source as CompiledMatcher);
    const nodeCount = compiled.childCounts.length;
    this.keys = compiled.keys;
    this.termIds = compiled.termIds;
    this.terminals = compiled.terminals;
    this.exactKeys = compiled.exactKeys.map((keys) => (keys === '' ? undefined : keys));
    this.maxSpan = compiled.maxSpan;
    for (const [termId, phrases] of Object.entries(compiled.exclusions)) this.exclusions.set(termId, phrases);
    this.firstChild = new Int32Array(nodeCount + 1);
    this.firstTerminal = new Int32Array(nodeCount + 1);
    this.firstChild[0] = 1;
    for (let node = 0; node < nodeCount; node++) {
      this.firstChild[node + 1] = this.firstChild[node] + compiled.childCounts[node];
      this.firstTerminal[node + 1] = this.firstTerminal[node] + compiled.terminalCounts[node];
    }
    // Breadth-first order puts every node of a level before the next level, so the dense levels
    // are a prefix of the nodes.
    this.denseSlot = new Int32Array(nodeCount).fill(-1);
    let slots = 0;
    let levelEnd = 1;
    for (let node = 0, depth = 0; node < nodeCount && depth < DENSE_LEVELS; node++) {
      if (node === levelEnd) {
        depth++;
        levelEnd = this.firstChild[node];
        if (depth >= DENSE_LEVELS) break;
      }
      if (node === 0 || compiled.childCounts[node] > 0) this.denseSlot[node] = slots++;
    }
    this.startCandidates = new RegExp(`(?<![0-9A-Za-z])(?:[\\u0080-\\uffff]|${this.candidatePattern(0, 0)})`, 'g');
    this.dense = new Int32Array(slots * 128);
    for (let node = 0; node < nodeCount; node++) {
      const slot = this.denseSlot[node];
      if (slot < 0) continue;
      for (let child = this.firstChild[node]; child < this.firstChild[node + 1]; child++) {
        const key = this.keys.charCodeAt(child);
        if (key < 128) this.dense[slot * 128 + key] = child;
      }
    }
  }

  /**
   * The first characters of the aliases below `node` as a pattern: each ASCII key in both cases,
   * then (as a lookahead, so a match is one character long) the next keys up to
   * `CANDIDATE_DEPTH`. Every class also admits any non-ASCII character (a letter that lower-cases
   * to an ASCII key, say), and a separator ends the pattern (text folds runs of spaces into one),
   * so the pattern finds a superset of the places a walk can succeed.
   */
  private candidatePattern(node: number, depth: number): string {
    const alternatives: string[] = [];
    for (let child = this.firstChild[node]; child < this.firstChild[node + 1]; child++) {
      const key = this.keys.charCodeAt(child);
      // A non-ASCII first character is found by the pattern's own non-ASCII branch.
      if (depth === 0 && key >= 128) continue;
      const mayEnd = key === SEPARATOR || depth + 1 >= CANDIDATE_DEPTH || this.firstTerminal[child] !== this.firstTerminal[child + 1] || this.firstChild[child] === this.firstChild[child + 1];
      const rest = mayEnd ? '' : this.candidatePattern(child, depth + 1);
      const character = `[${keyClass(key)}${depth === 0 ? '' : '\\u0080-\\uffff'}]`;
      alternatives.push(depth === 0 && rest !== '' ? `${character}(?=${rest})` : `${character}${rest}`);
    }
    return alternatives.length === 0 ? '(?!)' : `(?:${alternatives.join('|')})`;
  }

  /**
   * The trie as plain data for `new TermMatcher(compiled)`: JSON-safe, and loaded faster than
   * the aliases compile.
   *
   * @example
   *   writeFileSync('matcher.json', JSON.stringify(new TermMatcher(terms).compile()));
   */
  compile(): CompiledMatcher {
    const nodeCount = this.firstChild.length - 1;
    const childCounts: number[] = [];
    const terminalCounts: number[] = [];
    for (let node = 0; node < nodeCount; node++) {
      childCounts.push(this.firstChild[node + 1] - this.firstChild[node]);
      terminalCounts.push(this.firstTerminal[node + 1] - this.firstTerminal[node]);
    }
    return {
      termIds: [...this.termIds],
      childCounts,
      keys: this.keys,
      terminalCounts,
      terminals: [...this.terminals],
      exactKeys: this.exactKeys.map((keys) => keys ?? ''),
      maxSpan: this.maxSpan,
      exclusions: Object.fromEntries(this.exclusions),
    };
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
   * The occurrences that start in `[from, to)`, reading block structure as if `from` began the
   * text. Meant for a range that starts and ends at paragraph breaks (blank lines) outside any
   * fence or comment, where that reading is exact; an incremental scan uses it after an edit.
   *
   * @example
   *   matcher.findBetween(text, paragraphStart, paragraphEnd, { markdown: true })
   */
  findBetween(text: string, from: number, to: number, options: MatchOptions = {}): TermMatch[] {
    if (typeof text !== 'string' || from >= to) return [];
    const end = Math.min(to, text.length);
    const regions = options.markdown ? markdownSkipRegions(text, { from, to: end }) : [];
    return this.scan(text, from, end, regions).filter((match) => match.start < end);
  }

  /**
   * The occurrences that start in `[from, to)`, given the Markdown skip regions already read
   * (from `markdownSkipRegions`), so a caller that needs both reads the structure once.
   *
   * @example
   *   const regions = markdownSkipRegions(text);
   *   matcher.findWithRegions(text, 0, text.length, regions)
   */
  findWithRegions(text: string, from: number, to: number, regions: Regions): TermMatch[] {
    if (typeof text !== 'string' || from >= to) return [];
    const end = Math.min(to, text.length);
    return this.scan(text, from, end, regions).filter((match) => match.start < end);
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
    let regions: Regions = [];
    if (options.markdown) {
      // Inline structure is read from the caret's line start, or from a bounded distance back
      // on a very long line; block structure (fences, comments, indented code) from a bounded
      // number of characters before that line.
      const newline = lastNewlineWithin(text, offset, TERM_AT_LINE_WINDOW);
      const lineKnown = newline >= 0 || offset <= TERM_AT_LINE_WINDOW;
      const inlineFrom = newline >= 0 ? newline + 1 : lineKnown ? 0 : offset - TERM_AT_LINE_WINDOW;
      let scanFrom = inlineFrom;
      if (lineKnown && inlineFrom > TERM_AT_LOOKBACK) {
        scanFrom = indexOfWithin(text, '\n', inlineFrom - TERM_AT_LOOKBACK, inlineFrom) + 1;
      } else if (lineKnown) {
        scanFrom = 0;
      }
      if (scanFrom < inlineFrom) scanFrom = blockScanStart(text, scanFrom, inlineFrom);
      regions = markdownSkipRegions(text, { from: scanFrom, to: Math.min(text.length, offset + this.maxSpan + 1), inlineFrom });
    }
    // A match covering the offset starts at or before it; the walk may read on past `to`.
    for (const match of this.scan(text, windowStart, offset + 1, regions)) {
      if (match.start <= offset && offset < match.end) return match;
      if (match.start > offset) break;
    }
    return undefined;
  }

  /**
   * Greedy left-to-right matching over `[from, to)`, skipping `regions`. The first long ranges a
   * matcher reads (a draft's first scan, in a fresh process) find their word starts with the
   * candidate pattern: the regular-expression engine is native from the start, while the loop
   * below runs interpreted until V8 has seen it often (a 50 KB draft's first scan: 23 ms against
   * 30 ms). Once the loop is warm it is the faster (by about 15% over Markdown prose), so after
   * `CANDIDATE_SEARCH_BUDGET` characters the matcher steps through characters; so does a short
   * range, like a hover's window, always. Both ways try a walk at exactly the same places.
   */
  private scan(text: string, from: number, to: number, regions: Regions): TermMatch[] {
    const matches: TermMatch[] = [];
    const { dense } = this;
    const long = to - from >= CANDIDATE_SEARCH_MIN_LENGTH;
    const usePattern = this.candidateSearch === 'pattern' || (this.candidateSearch === 'auto' && long && this.longScanned < CANDIDATE_SEARCH_BUDGET);
    if (long) this.longScanned += to - from;
    const candidates = usePattern ? this.startCandidates : undefined;
    let regionIndex = 0;
    let nextRegionStart = regions.length > 0 ? regions[0] : Infinity;
    let position = from;
    while (position < to) {
      if (position >= nextRegionStart) {
        // Jump over skipped regions, keeping the pointer in step with the position.
        while (regionIndex < regions.length && regions[regionIndex + 1] <= position) regionIndex += 2;
        if (regionIndex < regions.length && regions[regionIndex] <= position) {
          position = regions[regionIndex + 1];
          regionIndex += 2;
        }
        nextRegionStart = regionIndex < regions.length ? regions[regionIndex] : Infinity;
        continue;
      }
      if (candidates) {
        candidates.lastIndex = position;
        if (!candidates.test(text)) break;
        // The candidate is one character long: it starts just before where the search stopped.
        position = candidates.lastIndex - 1;
        if (position >= to) break;
        if (position >= nextRegionStart) continue;
      }
      const code = text.charCodeAt(position);
      if (!isWordCode(code)) {
        position++;
        continue;
      }
      // Aliases start with a letter or digit (the validator enforces it), at a word start.
      // The root's dense table is slot 0.
      if (position === 0 || !isWordCode(text.charCodeAt(position - 1))) {
        const root = code < 128 ? dense[code < 65 || code > 90 ? code : code + 32] : this.child(0, lowerCode(code));
        if (root !== NONE && this.mayContinue(root, text.charCodeAt(position + 1))) {
          const limit = Math.min(nextRegionStart, text.length, to + this.maxSpan);
          const match = this.walk(root, text, position, limit);
          if (match) {
            if (!this.excluded(text, match)) matches.push(match);
            position = match.end;
            continue;
          }
        }
      }
      // No alias starts inside a word: skip to its end (the pattern would skip an ASCII word too,
      // but every character of a Hebrew or Cyrillic word is a candidate to it).
      position++;
      while (position < to && position < nextRegionStart && isWordCode(text.charCodeAt(position))) position++;
    }
    return matches;
  }

  /** True when the match sits inside one of its term's exclusion phrases, read in place. */
  private excluded(text: string, match: TermMatch): boolean {
    const phrases = this.exclusions.get(match.termId);
    if (phrases === undefined) return false;
    const matched = text.slice(match.start, match.end).toLowerCase();
    for (const phrase of phrases) {
      const inPhrase = phrase.indexOf(matched);
      if (inPhrase < 0) continue;
      const from = match.start - inPhrase;
      if (from < 0 || text.slice(from, from + phrase.length).toLowerCase() !== phrase) continue;
      // The phrase must itself stand as whole words: "Rafael Grossian" is not "Rafael Grossi".
      if (isWordAt(text, from + phrase.length) || (from > 0 && isWordCode(text.charCodeAt(from - 1)))) continue;
      return true;
    }
    return false;
  }

  /** The longest alias that starts at `start` (its first character already matched by `root`) and ends on a word boundary. */
  private walk(root: number, text: string, start: number, limit: number): TermMatch | undefined {
    const { firstChild, firstTerminal, terminals, exactKeys, denseSlot, dense } = this;
    let node = root;
    let position = start + 1;
    let best: TermMatch | undefined;
    for (;;) {
      for (let terminal = firstTerminal[node], last = firstTerminal[node + 1]; terminal < last; terminal++) {
        const exact = exactKeys[terminal];
        if (exact !== undefined && !matchesExactly(text, start, exact)) continue;
        const info = terminals[terminal];
        const end = this.acceptedEnd(text, position, limit, (info & 1) === 1);
        if (end < 0) continue;
        if (best === undefined || end > best.end) best = { termId: this.termIds[info >> 1], start, end };
        break;
      }
      if (position >= limit || firstChild[node] === firstChild[node + 1]) break;
      const code = text.charCodeAt(position);
      let next = position + 1;
      let key: number;
      if (isSpaceCode(code)) {
        let newlines = code === 10 ? 1 : 0;
        while (next < limit && next - position < MAX_SEPARATOR_RUN && isSpaceCode(text.charCodeAt(next))) {
          if (text.charCodeAt(next) === 10) newlines++;
          next++;
        }
        if (newlines > 1) break;
        key = SEPARATOR;
      } else {
        key = foldedKey(code);
      }
      const slot = denseSlot[node];
      const child = key < 128 && slot >= 0 ? dense[slot * 128 + key] : this.child(node, key);
      if (child === NONE) break;
      node = child;
      position = next;
    }
    return best;
  }

  /** The child of `node` on `key`, or `NONE`. */
  private child(node: number, key: number): number {
    const { keys } = this;
    for (let child = this.firstChild[node], last = this.firstChild[node + 1]; child < last; child++) {
      const childKey = keys.charCodeAt(child);
      if (childKey === key) return child;
      if (childKey > key) break;
    }
    return NONE;
  }

  /** False only when no alias can go on from `root` with the character `next` (ASCII fast path). */
  private mayContinue(root: number, next: number): boolean {
    const slot = this.denseSlot[root];
    if (this.firstTerminal[root] !== this.firstTerminal[root + 1] || !(next < 128) || slot < 0) return true;
    return this.dense[slot * 128 + foldedKey(next)] !== NONE;
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

/** The trie key for one character of text: whitespace and dashes are a separator, apostrophes one apostrophe, letters lower case. */
function foldedKey(code: number): number {
  if (isSpaceCode(code) || isDashCode(code)) return SEPARATOR;
  if (isApostropheCode(code)) return APOSTROPHE;
  return lowerCode(code);
}

/** The trie keys for a spelling, as `foldedKey` reads text; letters keep their case unless `foldCase`. */
function keyCodes(spelling: string, foldCase: boolean): number[] {
  const keys: number[] = [];
  for (const char of spelling) {
    const code = char.charCodeAt(0);
    const folded = foldedKey(code);
    if (folded === SEPARATOR) {
      if (keys[keys.length - 1] !== SEPARATOR) keys.push(SEPARATOR);
    } else {
      keys.push(folded === APOSTROPHE || foldCase ? folded : code);
    }
  }
  return keys;
}

/** Re-reads a candidate from `start` in exact case: a case-sensitive alias must match as written. */
function matchesExactly(text: string, start: number, exactKeys: string): boolean {
  let position = start;
  for (let index = 0; index < exactKeys.length; index++) {
    const key = exactKeys.charCodeAt(index);
    const code = text.charCodeAt(position);
    if (key === SEPARATOR) {
      if (!isSpaceCode(code) && !isDashCode(code)) return false;
      position++;
      while (position < text.length && isSpaceCode(text.charCodeAt(position))) position++;
    } else if (key === APOSTROPHE) {
      if (!isApostropheCode(code)) return false;
      position++;
    } else {
      if (code !== key) return false;
      position++;
    }
  }
  return true;
}

/** Builds the trie of every spelling of every alias and lays it out breadth-first. */
function compileTerms(terms: readonly MatchableTerm[]): CompiledMatcher {
  const root: BuildNode = { children: undefined, terminals: undefined };
  const exclusions: Record<string, string[]> = {};
  let longest = 0;
  for (const term of terms) {
    if (term.exclusions && term.exclusions.length > 0) exclusions[term.id] = term.exclusions.map((phrase) => phrase.toLowerCase());
    for (const alias of term.aliases) {
      const caseSensitive = aliasIsCaseSensitive(alias);
      const acronym = aliasIsAcronym(alias);
      for (const spelling of aliasSpellings(alias)) {
        insert(root, keyCodes(spelling, true), { termId: term.id, acronym, exactKeys: caseSensitive ? keyCodes(spelling, false) : undefined });
        longest = Math.max(longest, spelling.length);
      }
    }
  }
  const termIds: string[] = [];
  const termIndex = new Map<string, number>();
  const compiled: CompiledMatcher = {
    termIds,
    childCounts: [],
    keys: '',
    terminalCounts: [],
    terminals: [],
    exactKeys: [],
    // Room for a line break with indentation or two inside a name, and an "'s" after it.
    maxSpan: longest + 2 * MAX_SEPARATOR_RUN + 2,
    exclusions,
  };
  const keys: number[] = [SEPARATOR];
  const queue: BuildNode[] = [root];
  for (let index = 0; index < queue.length; index++) {
    const node = queue[index];
    const children = node.children ? [...node.children].sort((a, b) => a[0] - b[0]) : [];
    compiled.childCounts.push(children.length);
    for (const [key, child] of children) {
      keys.push(key);
      queue.push(child);
    }
    compiled.terminalCounts.push(node.terminals?.length ?? 0);
    for (const terminal of node.terminals ?? []) {
      let term = termIndex.get(terminal.termId);
      if (term === undefined) {
        term = termIds.push(terminal.termId) - 1;
        termIndex.set(terminal.termId, term);
      }
      compiled.terminals.push(term * 2 + (terminal.acronym ? 1 : 0));
      compiled.exactKeys.push(terminal.exactKeys ? String.fromCharCode(...terminal.exactKeys) : '');
    }
  }
  compiled.keys = String.fromCharCode(...keys);
  return compiled;
}

function insert(root: BuildNode, keys: readonly number[], terminal: Terminal): void {
  if (keys.length === 0) return;
  let node = root;
  for (const key of keys) {
    node.children ??= new Map();
    let child = node.children.get(key);
    if (!child) {
      child = { children: undefined, terminals: undefined };
      node.children.set(key, child);
    }
    node = child;
  }
  // The first term to claim a spelling keeps it; the validator reports the clash.
  const claimed = node.terminals?.some((existing) => (existing.exactKeys === undefined) === (terminal.exactKeys === undefined) && String(existing.exactKeys) === String(terminal.exactKeys));
  if (!claimed) (node.terminals ??= []).push(terminal);
}

/** Checks that a compiled trie's parts fit together, so that matching never reads past them. */
function checkCompiled(compiled: CompiledMatcher): CompiledMatcher {
  const sum = (counts: readonly number[]) => counts.reduce((total, count) => total + count, 0);
  const fits =
    compiled !== null &&
    typeof compiled === 'object' &&
    Array.isArray(compiled.childCounts) &&
    Array.isArray(compiled.terminalCounts) &&
    Array.isArray(compiled.terminals) &&
    Array.isArray(compiled.exactKeys) &&
    Array.isArray(compiled.termIds) &&
    typeof compiled.keys === 'string' &&
    typeof compiled.maxSpan === 'number' &&
    typeof compiled.exclusions === 'object' &&
    compiled.childCounts.length > 0 &&
    compiled.keys.length === compiled.childCounts.length &&
    compiled.terminalCounts.length === compiled.childCounts.length &&
    sum(compiled.childCounts) === compiled.childCounts.length - 1 &&
    sum(compiled.terminalCounts) === compiled.terminals.length &&
    compiled.exactKeys.length === compiled.terminals.length &&
    compiled.terminals.every((terminal) => Number.isInteger(terminal) && terminal >= 0 && terminal >> 1 < compiled.termIds.length);
  if (!fits) throw new Error('The compiled term matcher is damaged: its parts do not fit together.');
  return compiled;
}

/**
 * Where `termAt` must start reading block structure so that the line at `lineStart` is read
 * right. Only an open fence, an open comment or front matter can reach into a line that is not
 * indented, so for such a line this finds the last construct still open, by native searches
 * from marker to marker, and reading starts at its line (or at `lineStart` if none is open).
 * An indented line depends on list and code context: the whole look-back is read.
 */
function blockScanStart(text: string, from: number, lineStart: number): number {
  if (text.charCodeAt(lineStart) === 9 || text.startsWith('    ', lineStart)) return from;
  if (from === 0 && text.startsWith('---')) return from;
  const lookback = text.slice(from, lineStart);
  let fence: { marker: string; length: number; start: number } | undefined;
  let position = 0;
  for (;;) {
    if (fence) {
      const close = nextFenceLine(lookback, position, fence.marker[0]);
      if (close === undefined) return from + fence.start;
      position = close.end;
      if (close.length >= fence.length && close.bare) fence = undefined;
      continue;
    }
    const fenceLine = Math.min(nextFenceLine(lookback, position, '`')?.start ?? Infinity, nextFenceLine(lookback, position, '~')?.start ?? Infinity);
    const comment = lookback.indexOf('<!--', position);
    if (comment >= 0 && comment < fenceLine) {
      const close = lookback.indexOf('-->', comment + 4);
      if (close < 0) return from + lookback.lastIndexOf('\n', comment) + 1;
      position = close + 3;
      continue;
    }
    if (fenceLine === Infinity) return lineStart;
    const opener = nextFenceLine(lookback, fenceLine, lookback[lineIndent(lookback, fenceLine)])!;
    // A backtick fence whose info string holds a backtick is inline code, not a fence.
    if (opener.marker[0] === '`' && lookback.slice(opener.end - opener.info.length, opener.end).includes('`')) {
      position = opener.end;
      continue;
    }
    fence = { marker: opener.marker, length: opener.length, start: opener.start };
    position = opener.end;
  }
}

/** Leading spaces of the line starting at `lineStart`. */
function lineIndent(text: string, lineStart: number): number {
  let position = lineStart;
  while (text.charCodeAt(position) === 32) position++;
  return position;
}

/** The next line at or after `from` that starts (after at most three spaces) with three or more `char`. */
function nextFenceLine(text: string, from: number, char: string): { start: number; end: number; marker: string; length: number; bare: boolean; info: string } | undefined {
  const needle = char.repeat(3);
  for (let at = text.indexOf(needle, from); at >= 0; at = text.indexOf(needle, at + 3)) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    if (lineStart < from || at - lineStart > 3 || text.slice(lineStart, at).trim() !== '') continue;
    let end = at;
    while (text[end] === char) end++;
    const lineEnd = text.indexOf('\n', end);
    const info = text.slice(end, lineEnd < 0 ? text.length : lineEnd);
    return { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd, marker: text.slice(at, end), length: end - at, bare: info.trim() === '', info };
  }
  return undefined;
}

/** The last line break before `offset`, looking back at most `window` characters, or -1. */
function lastNewlineWithin(text: string, offset: number, window: number): number {
  const stop = Math.max(0, offset - window);
  for (let position = offset - 1; position >= stop; position--) {
    if (text.charCodeAt(position) === 10) return position;
  }
  return -1;
}

function isWordAt(text: string, position: number): boolean {
  return position < text.length && isWordCode(text.charCodeAt(position));
}
