import * as vscode from 'vscode';

/** How much of a document the term lookups may read around a position. */
export const WINDOW_LIMITS = {
  /** Whole lines before the position (so a code fence opened above is seen). */
  linesBefore: 300,
  /** Characters those lines may add up to. */
  charsBefore: 20_000,
  /** Characters either side of the position on its own line. */
  lineReach: 2_000,
} as const;

/** A bounded piece of a document and where the position falls inside it. */
export interface DocumentWindow {
  text: string;
  /** The position as an offset into `text`. */
  offset: number;
  /** Where `text` starts in the document. */
  start: vscode.Position;
}

/**
 * The text around a position that the core's term matcher needs, read with
 * `document.getText(range)` over a bounded range: whole lines above (up to a line and
 * character budget), and on the position's own line at most `lineReach` characters either
 * side. The cost is the same for a short draft and a 10 MB single-line file.
 */
export function documentWindow(document: vscode.TextDocument, position: vscode.Position): DocumentWindow {
  const lineLength = document.lineAt(position.line).range.end.character;
  const startChar = Math.max(0, position.character - WINDOW_LIMITS.lineReach);
  const endChar = Math.min(lineLength, position.character + WINDOW_LIMITS.lineReach);
  let startLine = position.line;
  if (startChar === 0) {
    let budget = WINDOW_LIMITS.charsBefore;
    while (startLine > 0 && position.line - startLine < WINDOW_LIMITS.linesBefore) {
      const length = document.lineAt(startLine - 1).range.end.character + 1;
      if (length > budget) break;
      budget -= length;
      startLine--;
    }
  }
  const start = new vscode.Position(startLine, startLine === position.line ? startChar : 0);
  const text = document.getText(new vscode.Range(start, new vscode.Position(position.line, endChar)));
  const offset = startLine === position.line ? position.character - startChar : document.offsetAt(position) - document.offsetAt(start);
  return { text, offset, start };
}

/** Maps an offset inside a window back to a document position. */
export function windowPosition(document: vscode.TextDocument, window: DocumentWindow, offset: number): vscode.Position {
  return document.positionAt(document.offsetAt(window.start) + offset);
}
