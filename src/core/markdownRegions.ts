/**
 * Finds the parts of a Markdown text where a word is not prose: front matter, fenced and
 * indented code, inline code, HTML comments and tags, link destinations, reference
 * definitions, autolinks and bare URLs. Term matching skips them.
 *
 * One forward pass, character by character, with no regular expression that can run past the
 * current line, so the cost is linear in the length scanned and nothing is re-read.
 */

const NEWLINE = 10;
const SPACE = 32;
const TAB = 9;
const BACKTICK = 96;
const TILDE = 126;
const LESS_THAN = 60;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const BACKSLASH = 92;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
/** When scanning a window, how far past it a closing fence, backtick run or comment end is sought. */
const FORWARD_SEARCH = 4096;
/** A code span cannot run further than this; longer "spans" are stray backticks. */
const MAX_PARAGRAPH = 65536;

/** Half-open `[start, end)` ranges, flattened: `[s0, e0, s1, e1, ...]`, sorted, not overlapping. */
export type Regions = number[];

export interface ScanRange {
  /** Where scanning starts; must be a line start. `0` also enables front matter. */
  from: number;
  /** Scanning stops here (exclusive). Constructs that open before it are still followed past it, within a bounded distance. */
  to: number;
  /**
   * Lines that end before this offset are read for block structure only (fences, indented
   * code, comments), which is all a later line's meaning depends on. Defaults to `from`.
   */
  inlineFrom?: number;
}

const AUTOLINK = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>/y;
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?\/?>/y;
const SPECIAL = /[\\`<\]]/g;
const BARE_URL = /(?:[Hh][Tt][Tt][Pp][Ss]?:\/\/|[Ww][Ww][Ww]\.)[^\s<>]*/y;
const REFERENCE_DEFINITION = /[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S/y;
const LIST_ITEM = /[ ]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/my;

const ASCII_WORD = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  ASCII_WORD[code] = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? 1 : 0;
}
const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;

/** Letters, digits and combining marks of any script; underscores are Markdown emphasis, not word characters. */
export function isWordCode(code: number): boolean {
  return code < 128 ? ASCII_WORD[code] === 1 : NON_ASCII_WORD.test(String.fromCharCode(code));
}

/**
 * `text.indexOf(needle, from)`, reading no further than `limit`. Over the whole text the
 * native search is fastest; over a window, searching a slice keeps the cost to the window.
 */
export function indexOfWithin(text: string, needle: string, from: number, limit: number): number {
  if (limit >= text.length) return text.indexOf(needle, from);
  if (from >= limit) return -1;
  const found = text.slice(from, limit).indexOf(needle);
  return found < 0 ? -1 : from + found;
}


/** Counts a run of the same character starting at `position`. */
function runLength(text: string, position: number, code: number, limit: number): number {
  let end = position;
  while (end < limit && text.charCodeAt(end) === code) end++;
  return end - position;
}

/** Leading spaces (a tab counts as four) and where the content starts. */
function indentation(text: string, lineStart: number, lineEnd: number): { width: number; contentStart: number } {
  let width = 0;
  let position = lineStart;
  while (position < lineEnd) {
    const code = text.charCodeAt(position);
    if (code === SPACE) width++;
    else if (code === TAB) width += 4 - (width % 4);
    else break;
    position++;
  }
  return { width, contentStart: position };
}

function isBlank(text: string, lineStart: number, lineEnd: number): boolean {
  for (let position = lineStart; position < lineEnd; position++) {
    const code = text.charCodeAt(position);
    if (code !== SPACE && code !== TAB && code !== 13) return false;
  }
  return true;
}

/** How far a link destination is first looked for directly, before the line's table is built. */
const NEAR_CLOSE = 256;

/** The `)` closing the destination starting at `from`, searched up to `limit` only; -1 if not there. */
function closeWithin(text: string, from: number, limit: number): number {
  let depth = 0;
  for (let position = from; position < limit; position++) {
    const code = text.charCodeAt(position);
    if (code === BACKSLASH) position++;
    else if (code === OPEN_PAREN) depth++;
    else if (code === CLOSE_PAREN) {
      if (depth === 0) return position;
      depth--;
    }
  }
  return -1;
}

/** A growable list of offsets. Typed, because plain arrays of this many numbers cost far more to grow. */
class OffsetList {
  values = new Int32Array(16);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/** Link destinations of one line: the destination starting at `starts[i]` closes at `closes[i]`, or -1. */
export interface DestinationCloses {
  /** Increasing offsets, each just after a `](`; `count` of them are used. */
  starts: Int32Array;
  closes: Int32Array;
  count: number;
}

/**
 * Where the link destination starting at `from` (just after a `](`) closes, and the same for
 * every later `](` before `lineEnd` that is still open when `from`'s closes: -1 when the line
 * has no `)` for it. One pass with a stack of open destinations: a `)` at parenthesis depth d
 * closes every destination opened at depth d. Escapes are read from `from`; since `from`
 * follows a `(`, every later `](` is read with the escapes a search from it would see.
 *
 * @example
 *   linkDestinationCloses('[a](x) [b](y', 4, 12) // => { starts: [4], closes: [5], count: 1 }
 */
export function linkDestinationCloses(text: string, from: number, lineEnd: number): DestinationCloses {
  const starts = new OffsetList();
  const closes = new OffsetList();
  // Open destinations, innermost last: their index in `starts`, and the depth they opened at.
  const openIndex = new OffsetList();
  const openDepth = new OffsetList();
  starts.push(from);
  closes.push(-1);
  openIndex.push(0);
  openDepth.push(0);
  let depth = 0;
  for (let position = from; position < lineEnd && openIndex.length > 0; position++) {
    const code = text.charCodeAt(position);
    if (code === BACKSLASH) position++;
    else if (code === OPEN_PAREN) {
      depth++;
      if (position > from && text.charCodeAt(position - 1) === CLOSE_BRACKET) {
        openIndex.push(starts.length);
        openDepth.push(depth);
        starts.push(position + 1);
        closes.push(-1);
      }
    } else if (code === CLOSE_PAREN) {
      while (openIndex.length > 0 && openDepth.values[openDepth.length - 1] === depth) {
        closes.values[openIndex.values[--openIndex.length]] = position;
        openDepth.length--;
      }
      depth--;
    }
  }
  return { starts: starts.values, closes: closes.values, count: starts.length };
}

class RegionList {
  readonly flat: Regions = [];
  add(start: number, end: number): void {
    if (end <= start) return;
    const last = this.flat.length - 1;
    if (last > 0 && start <= this.flat[last]) {
      this.flat[last] = Math.max(this.flat[last], end);
      return;
    }
    this.flat.push(start, end);
  }
}

/**
 * The regions of `text` (within `range`) where terms must not match.
 *
 * @example
 *   markdownSkipRegions('QME `QME`') // => [4, 9]
 */
export function markdownSkipRegions(text: string, range: ScanRange = { from: 0, to: text.length }): Regions {
  return new MarkdownScanner(text, range).scan();
}

class MarkdownScanner {
  private readonly regions = new RegionList();
  private readonly end: number;
  /** How far a search for a closing delimiter may read: the whole text, or a bounded distance past a window. */
  private readonly searchLimit: number;
  /** The text as far as searches for closing delimiters may read; a cheap slice when scanning a window. */
  private readonly haystack: string;
  /** The text as far as scanning goes, for finding where constructs open. */
  private readonly openingHaystack: string;
  private specialAt = -1;
  private schemeUrlAt = -1;
  private wwwUrlAt = -1;
  private readonly inlineFrom: number;
  private fence: { code: number; length: number; start: number } | undefined;
  private previousBlank = true;
  private previousIndentedCode = false;
  private inList = false;
  /** Per backtick-run length, the offset up to which no closing run exists (a paragraph end). */
  private readonly noCloserBefore = new Map<number, number>();
  private nextComment = -2;
  /** Link-destination closes for the `](` of the current line, from `destinationClosesFrom`. */
  private destinationCloses: { lineEnd: number; found: DestinationCloses; cursor: number } | undefined;
  private cachedParagraph: { from: number; end: number } | undefined;

  constructor(
    private readonly text: string,
    range: ScanRange,
  ) {
    this.end = Math.min(text.length, range.to);
    this.searchLimit = this.end >= text.length ? text.length : Math.min(text.length, this.end + FORWARD_SEARCH);
    this.haystack = this.searchLimit >= text.length ? text : text.slice(0, this.searchLimit);
    this.openingHaystack = this.end >= text.length ? text : text.slice(0, this.end);
    this.inlineFrom = range.inlineFrom ?? range.from;
    this.position = range.from;
  }

  private position: number;

  scan(): Regions {
    const { text } = this;
    if (this.position === 0) this.skipFrontMatter();
    while (this.position < this.end) {
      const lineStart = this.position;
      const lineEnd = this.lineEnd(lineStart, this.end);
      const atLineStart = lineStart === 0 || text.charCodeAt(lineStart - 1) === NEWLINE;
      const inlineStart = atLineStart ? this.classifyLine(lineStart, lineEnd) : lineStart;
      if (inlineStart >= 0) {
        this.position = lineEnd >= this.inlineFrom ? this.scanInline(inlineStart, lineEnd) : this.skipCommentsOnly(inlineStart, lineEnd);
      } else {
        this.position = lineEnd;
      }
      if (this.position === lineEnd) this.position++;
    }
    if (this.fence) this.regions.add(this.fence.start, this.end);
    return this.regions.flat;
  }

  /** The end of the line at `position`, at most `limit`; reads no further than the haystack. */
  private lineEnd(position: number, limit: number): number {
    const end = this.haystack.indexOf('\n', position);
    return end < 0 || end > limit ? Math.min(limit, this.text.length) : end;
  }

  private skipFrontMatter(): void {
    const { text } = this;
    const firstLineEnd = this.lineEnd(0, Math.min(this.searchLimit, 16));
    if (!/^---[ \t]*\r?$/.test(text.slice(0, firstLineEnd))) return;
    let lineStart = firstLineEnd + 1;
    while (lineStart < this.searchLimit) {
      const lineEnd = this.lineEnd(lineStart, this.searchLimit);
      const line = text.slice(lineStart, Math.min(lineEnd, lineStart + 8)).trimEnd();
      if (line === '---' || line === '...') {
        this.regions.add(0, lineEnd);
        this.position = lineEnd + 1;
        return;
      }
      lineStart = lineEnd + 1;
    }
    // An unclosed opening line is a thematic break, not front matter.
  }

  /**
   * Handles a line's block structure. Returns where inline scanning should start, or -1
   * when the whole line is skipped (code, fence lines).
   */
  private classifyLine(lineStart: number, lineEnd: number): number {
    const { text } = this;
    const { width, contentStart } = indentation(text, lineStart, lineEnd);
    const first = text.charCodeAt(contentStart);

    if (this.fence) {
      if (width < 4 && first === this.fence.code) {
        const length = runLength(text, contentStart, first, lineEnd);
        if (length >= this.fence.length && isBlank(text, contentStart + length, lineEnd)) {
          this.regions.add(this.fence.start, lineEnd);
          this.fence = undefined;
        }
      }
      return -1;
    }

    if (isBlank(text, lineStart, lineEnd)) {
      this.previousBlank = true;
      return -1;
    }
    const wasBlank = this.previousBlank;
    this.previousBlank = false;

    if (width >= 4 && !this.inList && (wasBlank || this.previousIndentedCode)) {
      this.previousIndentedCode = true;
      this.regions.add(lineStart, lineEnd);
      return -1;
    }
    this.previousIndentedCode = false;

    if (width < 4 && (first === BACKTICK || first === TILDE)) {
      const length = runLength(text, contentStart, first, lineEnd);
      const infoHasBacktick = first === BACKTICK && text.slice(contentStart + length, lineEnd).includes('`');
      if (length >= 3 && !infoHasBacktick) {
        this.fence = { code: first, length, start: lineStart };
        return -1;
      }
    }

    REFERENCE_DEFINITION.lastIndex = lineStart;
    if (width < 4 && first === OPEN_BRACKET && REFERENCE_DEFINITION.test(text)) {
      const colon = text.indexOf(']:', lineStart);
      this.regions.add(colon + 2, lineEnd);
      return -1;
    }

    LIST_ITEM.lastIndex = lineStart;
    if ((first === 45 || first === 42 || first === 43 || (first >= 48 && first <= 57)) && LIST_ITEM.test(text)) this.inList = true;
    else if (width === 0 && wasBlank) this.inList = false;
    return contentStart;
  }

  /** Before `inlineFrom` only comments matter: one can open on an early line and hide a later one. */
  private skipCommentsOnly(from: number, lineEnd: number): number {
    if (this.nextComment === -2 || (this.nextComment >= 0 && this.nextComment < from)) {
      this.nextComment = this.openingHaystack.indexOf('<!--', from);
    }
    if (this.nextComment < 0 || this.nextComment >= lineEnd) return lineEnd;
    return this.skipComment(this.nextComment);
  }

  private skipComment(start: number): number {
    const close = this.haystack.indexOf('-->', start + 4);
    const end = close < 0 ? this.searchLimit : close + 3;
    this.regions.add(start, end);
    return end;
  }

  /** Scans one line's inline syntax. Returns where the next scan resumes (past spans that cross lines). */
  private scanInline(from: number, lineEnd: number): number {
    const { text } = this;
    let position = from;
    for (;;) {
      // Jump straight to the next character that can open a construct; prose between is skipped natively.
      const special = this.nextSpecial(position);
      const url = this.nextUrl(position);
      if (special >= lineEnd && url >= lineEnd) return lineEnd;
      if (url < special) {
        const end = this.matchSticky(BARE_URL, url);
        if (end !== undefined && end > url + 4) this.regions.add(url, end);
        position = end ?? url + 1;
        continue;
      }
      position = special;
      const code = text.charCodeAt(position);
      if (code === BACKSLASH) {
        position += 2;
      } else if (code === BACKTICK) {
        const length = runLength(text, position, BACKTICK, lineEnd);
        const close = this.findCodeSpanClose(position + length, length);
        if (close < 0) {
          position += length;
        } else {
          this.regions.add(position, close + length);
          if (close + length > lineEnd) return close + length;
          position = close + length;
        }
      } else if (code === LESS_THAN) {
        if (text.startsWith('<!--', position)) {
          const end = this.skipComment(position);
          if (end > lineEnd) return end;
          position = end;
          continue;
        }
        const end = this.matchSticky(AUTOLINK, position) ?? this.matchSticky(HTML_TAG, position);
        if (end !== undefined) this.regions.add(position, end);
        position = end ?? position + 1;
      } else if (text.charCodeAt(position + 1) === OPEN_PAREN) {
        const close = this.findLinkDestinationClose(position + 2, lineEnd);
        if (close >= 0) this.regions.add(position + 1, close + 1);
        position = close >= 0 ? close + 1 : position + 2;
      } else {
        position++;
      }
    }
  }

  /** The next backslash, backtick, `<` or `]` at or after `position` (Infinity if none within reach). */
  private nextSpecial(position: number): number {
    if (this.specialAt >= position) return this.specialAt;
    SPECIAL.lastIndex = position;
    this.specialAt = SPECIAL.test(this.openingHaystack) ? SPECIAL.lastIndex - 1 : Infinity;
    return this.specialAt;
  }

  /** The start of the next bare URL ("http://", "https://", "www.") at or after `position`. */
  private nextUrl(position: number): number {
    if (this.schemeUrlAt < position) this.schemeUrlAt = this.findSchemeUrl(position);
    if (this.wwwUrlAt < position) this.wwwUrlAt = this.findWwwUrl(position);
    return Math.min(this.schemeUrlAt, this.wwwUrlAt);
  }

  private findSchemeUrl(position: number): number {
    const { text, openingHaystack: haystack } = this;
    for (let from = position + 4; from < haystack.length; ) {
      const separator = haystack.indexOf('://', from);
      if (separator < 0) break;
      for (const start of [separator - 5, separator - 4]) {
        if (start >= position && /^https?$/i.test(text.slice(start, separator)) && (start === 0 || !isWordCode(text.charCodeAt(start - 1)))) return start;
      }
      from = separator + 3;
    }
    return Infinity;
  }

  private findWwwUrl(position: number): number {
    const { text, openingHaystack: haystack } = this;
    for (let from = position; from < haystack.length; ) {
      const www = haystack.indexOf('www.', from);
      if (www < 0) break;
      if (www === 0 || !isWordCode(text.charCodeAt(www - 1))) return www;
      from = www + 4;
    }
    return Infinity;
  }

  private matchSticky(pattern: RegExp, position: number): number | undefined {
    pattern.lastIndex = position;
    return pattern.test(this.haystack) ? pattern.lastIndex : undefined;
  }

  /** A code span closes at the next run of exactly as many backticks within the paragraph. */
  private findCodeSpanClose(from: number, length: number): number {
    const { text } = this;
    const knownNone = this.noCloserBefore.get(length);
    if (knownNone !== undefined && from < knownNone) return -1;
    const paragraphEnd = this.paragraphEnd(from);
    let position = from;
    while (position < paragraphEnd) {
      const next = this.haystack.indexOf('`', position);
      if (next < 0 || next >= paragraphEnd) break;
      const run = runLength(text, next, BACKTICK, paragraphEnd);
      if (run === length) return next;
      position = next + run;
    }
    this.noCloserBefore.set(length, paragraphEnd);
    return -1;
  }

  private paragraphEnd(from: number): number {
    // Scanning only moves forward, so every offset before the last paragraph end found shares it.
    if (this.cachedParagraph && from >= this.cachedParagraph.from && from <= this.cachedParagraph.end) return this.cachedParagraph.end;
    const limit = Math.min(this.searchLimit, from + MAX_PARAGRAPH);
    const found = /\n[ \t]*\r?\n/.exec(this.text.slice(from, limit));
    const end = found ? from + found.index : limit;
    this.cachedParagraph = { from, end };
    return end;
  }

  /**
   * The `)` closing a link destination that starts at `from` (just after `](`), or -1 when the
   * line has none. Searching from each `](` would re-read the rest of the line once per `](`:
   * quadratic on a line of `](` with no `)`. Instead the first search on a line answers for
   * every `](` after it in one pass, and later ones are looked up.
   */
  private findLinkDestinationClose(from: number, lineEnd: number): number {
    // Lookups come in increasing order, so a cursor into the line's starts finds each one.
    let line = this.destinationCloses;
    if (line && line.lineEnd === lineEnd) {
      const { starts, closes, count } = line.found;
      while (line.cursor < count && starts[line.cursor] < from) line.cursor++;
      if (line.cursor < count && starts[line.cursor] === from) return closes[line.cursor];
    }
    // An ordinary link closes within a few characters: find that directly, and build the
    // line's table only when a destination runs on (the case that used to go quadratic).
    const near = closeWithin(this.text, from, Math.min(lineEnd, from + NEAR_CLOSE));
    if (near >= 0 || from + NEAR_CLOSE >= lineEnd) return near;
    line = { lineEnd, found: linkDestinationCloses(this.text, from, lineEnd), cursor: 0 };
    this.destinationCloses = line;
    return line.found.closes[0];
  }
}
