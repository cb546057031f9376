/**
 * Which names of a term to offer as the writer types, and how much of each is typed already:
 * the pure part of term completion (src/vscode/features/completion.ts shows the items).
 */
import type { Term } from './model';

/** One name to offer: the name, and how many of its characters the line already ends with. */
export interface NameCompletion {
  name: string;
  typed: number;
}

/**
 * The names of `term` whose beginning the line ends with ("Iron Do" → "Iron Dome"), counted from
 * a word start, at least two characters typed and the name not complete yet. Names that differ
 * only in case are offered once, in the case the writer typed ("Qual" → "Qualitative military
 * edge", "qual" → "qualitative military edge"), else in the first spelling the term lists
 * (abbreviation, expansion, title, aliases).
 *
 * @example
 *   termNameCompletions(qme, 'the qual') // => [{ name: 'qualitative military edge', typed: 4 }]
 */
export function termNameCompletions(term: Pick<Term, 'abbreviation' | 'expansion' | 'title' | 'aliases'>, lineBefore: string): NameCompletion[] {
  const lowerLine = lineBefore.toLowerCase();
  const byFolded = new Map<string, NameCompletion[]>();
  for (const name of [term.abbreviation, term.expansion, term.title, ...term.aliases]) {
    if (!name) continue;
    const typed = typedPrefix(lowerLine, name.toLowerCase());
    if (typed < 2 || typed >= name.length) continue;
    const folded = name.toLowerCase();
    const group = byFolded.get(folded) ?? [];
    if (!group.some((candidate) => candidate.name === name)) group.push({ name, typed });
    byFolded.set(folded, group);
  }
  return [...byFolded.values()].map((group) => group.find((candidate) => lineBefore.endsWith(candidate.name.slice(0, candidate.typed))) ?? group[0]);
}

/** How many characters of `lowerName` the line ends with, counted from a word start; 0 when none. */
function typedPrefix(lowerLine: string, lowerName: string): number {
  for (let length = Math.min(lowerName.length, lowerLine.length); length >= 2; length--) {
    const start = lowerLine.length - length;
    if (start > 0 && /[\p{L}\p{N}]/u.test(lowerLine[start - 1])) continue;
    if (lowerLine.endsWith(lowerName.slice(0, length))) return length;
  }
  return 0;
}
