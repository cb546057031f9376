import * as vscode from 'vscode';
import { windowBounds } from './windowBounds';

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
 * `document.getText(range)` over the bounded range `windowBounds` picks. The cost is the same
 * for a short draft and a 10 MB single-line file.
 */
export function documentWindow(document: vscode.TextDocument, position: vscode.Position): DocumentWindow {
  const bounds = windowBounds(position, (line) => document.lineAt(line).range.end.character);
  const start = new vscode.Position(bounds.startLine, bounds.startCharacter);
  const text = document.getText(new vscode.Range(start, new vscode.Position(bounds.line, bounds.endCharacter)));
  const offset = bounds.startLine === position.line ? position.character - bounds.startCharacter : document.offsetAt(position) - document.offsetAt(start);
  return { text, offset, start };
}

/** Maps an offset inside a window back to a document position. */
export function windowPosition(document: vscode.TextDocument, window: DocumentWindow, offset: number): vscode.Position {
  return document.positionAt(document.offsetAt(window.start) + offset);
}
