// Kept free of the `vscode` import so plain-Node unit tests can check the bounds.

/** How much of a document the term lookups may read around a position. */
export const WINDOW_LIMITS = {
  /** Whole lines before the position (so a code fence opened above is seen). */
  linesBefore: 300,
  /** Characters those lines may add up to. */
  charsBefore: 20_000,
  /** Characters either side of the position on its own line. */
  lineReach: 2_000,
} as const;

/** A range of a document: from (startLine, startCharacter) to (line, endCharacter). */
export interface WindowBounds {
  startLine: number;
  startCharacter: number;
  /** The position's own line, where the window ends. */
  line: number;
  endCharacter: number;
}

/**
 * The part of a document the term matcher needs around a position: whole lines above (up to
 * `linesBefore` lines and `charsBefore` characters), and on the position's own line at most
 * `lineReach` characters either side. Lines above are only taken when the window starts at
 * the beginning of the position's line, since a window cut mid-line already has enough context.
 * Reads nothing but line lengths, so the cost does not grow with the document.
 *
 * @example
 *   windowBounds({ line: 0, character: 5_000_000 }, () => 10_000_000)
 *   // => { startLine: 0, startCharacter: 4_998_000, line: 0, endCharacter: 5_002_000 }
 */
export function windowBounds(position: { line: number; character: number }, lineLength: (line: number) => number, limits = WINDOW_LIMITS): WindowBounds {
  const length = lineLength(position.line);
  const character = Math.min(position.character, length);
  const startCharacter = Math.max(0, character - limits.lineReach);
  const endCharacter = Math.min(length, character + limits.lineReach);
  let startLine = position.line;
  if (startCharacter === 0) {
    let budget = limits.charsBefore;
    while (startLine > 0 && position.line - startLine < limits.linesBefore) {
      const previous = lineLength(startLine - 1) + 1;
      if (previous > budget) break;
      budget -= previous;
      startLine--;
    }
  }
  return { startLine, startCharacter: startLine === position.line ? startCharacter : 0, line: position.line, endCharacter };
}
