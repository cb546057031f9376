/**
 * Keeps the term matches of a draft current as it is edited, re-reading only the paragraphs an
 * edit touches, so the writing aids cost about the same per keystroke in a long draft as in a
 * short one.
 *
 * Markdown is not entirely local: a fence or comment can swallow many paragraphs, a list marker
 * or a stray backtick can change how a later paragraph reads. An edit inside a fence or comment
 * that spans paragraphs, or one that adds or removes a block marker, re-reads the whole draft; for
 * the rarer reach of lists and inline code across paragraphs, the editor calls `reconcile()` once
 * the writer pauses, which re-reads everything and reports whether anything moved.
 */
import { markdownSkipRegions } from './markdownRegions';
import type { TermMatch } from './model';

/** One edit, as an editor reports it: `[start, end)` of the old text replaced by `text`. */
export interface DraftEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * The matcher calls the scan needs: a whole text, and a range between paragraph breaks. Any
 * paragraph-local finding with a term and a span can be kept current the same way (the figure
 * check keeps its findings so).
 */
export interface DraftMatcher<T extends TermMatch = TermMatch> {
  findTerms(text: string, options: { markdown?: boolean }): T[];
  findTermsBetween(text: string, from: number, to: number, options: { markdown?: boolean }): T[];
}

/** Past this many characters a paragraph is re-read only around the edit (a huge single line). */
export const PARAGRAPH_WINDOW = 65_536;
/** How much of a huge paragraph around an edit is re-read. */
const EDIT_WINDOW = 4_096;
/** Characters whose arrival or removal can change how far a code block or comment reaches. */
const BLOCK_MARKERS = /```|~~~|<!--|-->|^---/m;

/**
 * A draft's term matches, kept current by `update` after each edit.
 *
 * @example
 *   const scan = new DraftTermScan(reference, text, { markdown: true });
 *   scan.update(newText, [{ start: 10, end: 10, text: 'QME ' }]);
 *   scan.matches; // same as reference.findTerms(newText, { markdown: true })
 */
export class DraftTermScan<T extends TermMatch = TermMatch> {
  private current: T[];
  /** Fences, comments and front matter that reach across a paragraph break, as [start, end) pairs. */
  private blockSpans: number[] = [];
  /** How many times the whole draft was read (the first scan, fallbacks, `reconcile`), for the benchmark and tests. */
  fullScans = 0;

  constructor(
    private readonly matcher: DraftMatcher<T>,
    private text: string,
    private readonly options: { markdown?: boolean } = {},
  ) {
    this.current = this.scanAll();
  }

  /** The matches, in document order. */
  get matches(): readonly T[] {
    return this.current;
  }

  /**
   * Applies edits (in the order the editor reports them, each against the text before it) and
   * re-reads what they touched. `newText` is the draft after all of them.
   */
  update(newText: string, edits: readonly DraftEdit[]): void {
    if (edits.length !== 1 || !this.updateOne(newText, edits[0])) {
      this.text = newText;
      this.current = this.scanAll();
    }
  }

  /**
   * Re-reads the whole draft; true when that changed the matches. Cheap enough to run when the
   * writer pauses, never needed on a keystroke.
   */
  reconcile(): boolean {
    const before = this.current;
    this.current = this.scanAll();
    return before.length !== this.current.length || before.some((match, index) => {
      const other = this.current[index];
      return match.termId !== other.termId || match.start !== other.start || match.end !== other.end;
    });
  }

  private updateOne(newText: string, edit: DraftEdit): boolean {
    const oldText = this.text;
    const { start, end } = edit;
    if (start < 0 || end < start || end > oldText.length) return false;
    if (newText.length !== oldText.length - (end - start) + edit.text.length) return false;
    if (!this.options.markdown) return this.reread(newText, edit, start, start + edit.text.length);
    // A marker that opens or closes a block, added or removed, can change the rest of the draft.
    const removed = oldText.slice(Math.max(0, start - 3), Math.min(oldText.length, end + 3));
    const added = newText.slice(Math.max(0, start - 3), Math.min(newText.length, start + edit.text.length + 3));
    if (BLOCK_MARKERS.test(added) || BLOCK_MARKERS.test(removed)) return false;
    for (let index = 0; index < this.blockSpans.length; index += 2) {
      if (this.blockSpans[index] <= end && start <= this.blockSpans[index + 1]) return false;
    }
    return this.reread(newText, edit, start, start + edit.text.length);
  }

  /** Re-reads the paragraphs around `[from, to)` of the new text and splices them into the matches. */
  private reread(newText: string, edit: DraftEdit, from: number, to: number): boolean {
    const delta = edit.text.length - (edit.end - edit.start);
    let rangeStart = paragraphStart(newText, from);
    let rangeEnd = paragraphEnd(newText, to);
    if (rangeEnd - rangeStart > PARAGRAPH_WINDOW) {
      // A huge paragraph (often one long line): read a window around the edit, cut at spaces.
      rangeStart = Math.max(rangeStart, spaceBefore(newText, from - EDIT_WINDOW));
      rangeEnd = Math.min(rangeEnd, spaceAfter(newText, to + EDIT_WINDOW));
    } else if (this.options.markdown && rangeStart > 0 && /^ {0,3}(?:\t| {4})/.test(newText.slice(rangeStart, rangeStart + 4))) {
      // An indented paragraph may be code or a list item's continuation: only the whole draft says which.
      return false;
    }
    const fresh = this.matcher.findTermsBetween(newText, rangeStart, rangeEnd, this.options);
    const oldRangeStart = rangeStart;
    const oldRangeEnd = rangeEnd - delta;
    const kept: T[] = [];
    for (const match of this.current) {
      if (match.end <= oldRangeStart) kept.push(match);
    }
    kept.push(...fresh);
    for (const match of this.current) {
      if (match.start >= oldRangeEnd) kept.push({ ...match, start: match.start + delta, end: match.end + delta });
    }
    this.current = kept;
    for (let index = 0; index < this.blockSpans.length; index++) {
      if (this.blockSpans[index] >= edit.end) this.blockSpans[index] += delta;
    }
    this.text = newText;
    return true;
  }

  private scanAll(): T[] {
    this.fullScans++;
    if (this.options.markdown) {
      const regions = markdownSkipRegions(this.text);
      this.blockSpans = [];
      for (let index = 0; index < regions.length; index += 2) {
        if (regions[index] === 0 || /\n[ \t\r]*\n/.test(this.text.slice(regions[index], regions[index + 1]))) this.blockSpans.push(regions[index], regions[index + 1]);
      }
    }
    return this.matcher.findTerms(this.text, this.options);
  }
}

/** Where the paragraph holding `offset` starts: just after the blank line before it, or 0. */
export function paragraphStart(text: string, offset: number): number {
  let lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1));
  while (lineStart > 0) {
    const previousLineStart = text.lastIndexOf('\n', lineStart - 1) + 1;
    if (/^[ \t\r]*$/.test(text.slice(previousLineStart, lineStart))) return lineStart + 1;
    lineStart = previousLineStart - 1;
  }
  return 0;
}

/** Where the paragraph holding `offset` ends: at the start of the next blank line, or the text's end. */
export function paragraphEnd(text: string, offset: number): number {
  let lineEnd = text.indexOf('\n', offset);
  while (lineEnd >= 0) {
    const nextLineEnd = text.indexOf('\n', lineEnd + 1);
    const line = text.slice(lineEnd + 1, nextLineEnd < 0 ? text.length : nextLineEnd);
    if (/^[ \t\r]*$/.test(line)) return lineEnd + 1;
    lineEnd = nextLineEnd;
  }
  return text.length;
}

function spaceBefore(text: string, offset: number): number {
  if (offset <= 0) return 0;
  const space = text.lastIndexOf(' ', offset);
  return space < 0 ? 0 : space + 1;
}

function spaceAfter(text: string, offset: number): number {
  if (offset >= text.length) return text.length;
  const space = text.indexOf(' ', offset);
  return space < 0 ? text.length : space;
}
