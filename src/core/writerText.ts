/**
 * What the writer's actions put into a draft or on the clipboard: a term's spelled-out first
 * use, the source an entry's citation points at, a fact with its formatted sources. Pure text
 * in, text out; the editor adapters decide where it goes. Citations themselves: ./citations.ts.
 */

import { formatReference } from './citations';
import type { Entry, Fact, Source, Term } from './model';
import { entrySourceIds, formatDate } from './render/format';
import { draftMarkdown } from './safeText';

/** What the draft helpers need from the reference. `Reference` satisfies it. */
export interface SourceLookup {
  source(id: string): Source | undefined;
}

/**
 * What an abbreviation stands for, in the case a writer uses mid-sentence. The term's
 * `expansion` when the content gives one; otherwise an alias whose words' initials spell the
 * abbreviation ("qualitative military edge" for QME). `undefined` when neither exists: a wrong
 * expansion in a draft is worse than none.
 *
 * @example
 *   expansionOf(qme) // => 'qualitative military edge'
 */
export function expansionOf(term: Pick<Term, 'abbreviation' | 'expansion' | 'aliases'>): string | undefined {
  const abbreviation = term.abbreviation;
  if (!abbreviation) return undefined;
  if (term.expansion) return term.expansion;
  const letters = abbreviation.replace(/[^\p{L}]/gu, '').toLowerCase();
  if (letters.length < 2) return undefined;
  return term.aliases.find((alias) => {
    const words = alias.split(/[\s-]+/).filter((word) => /^\p{L}/u.test(word));
    return words.length >= 2 && words.map((word) => word.charAt(0).toLowerCase()).join('') === letters;
  });
}

/**
 * Whether `text` spells the term out before `offset`: its expansion appears there as whole
 * words, in any case. Markdown emphasis or a line break between the words still counts.
 *
 * @example
 *   spelledOutBefore('The qualitative military edge (QME) … QME', 38, qme) // => true
 *   spelledOutBefore('QME first, qualitative military edge later', 0, qme)  // => false
 */
export function spelledOutBefore(text: string, offset: number, term: Pick<Term, 'abbreviation' | 'expansion' | 'aliases'>): boolean {
  const expansion = expansionOf(term);
  if (!expansion || offset <= 0) return false;
  const words = expansion.split(/\s+/).map(escapeRegExp);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s*_]+')}(?![\\p{L}\\p{N}])`, 'iu');
  return pattern.test(text.slice(0, offset));
}

/**
 * The replacement "Insert Expansion" writes over one occurrence of a term, or `undefined` when
 * it should not be offered there: the term has no known expansion, the draft already spelled
 * it out before this point, the occurrence is neither the bare abbreviation nor the bare
 * expansion, or the abbreviation already follows it in parentheses.
 *
 * @example
 *   expansionAt('We keep the QME.', { start: 12, end: 15 }, qme) // => 'qualitative military edge (QME)'
 *   expansionAt('QME matters.', { start: 0, end: 3 }, qme)       // => 'Qualitative military edge (QME)'
 */
export function expansionAt(text: string, occurrence: { start: number; end: number }, term: Pick<Term, 'abbreviation' | 'expansion' | 'aliases'>): string | undefined {
  const abbreviation = term.abbreviation;
  const expansion = expansionOf(term);
  if (!abbreviation || !expansion) return undefined;
  if (spelledOutBefore(text, occurrence.start, term)) return undefined;
  const matched = text.slice(occurrence.start, occurrence.end);
  if (matched === abbreviation) {
    // "the QME (qualitative military edge)" is spelled out already, the other way round.
    if (new RegExp(`^\\s*\\(\\s*${escapeRegExp(expansion)}\\s*\\)`, 'i').test(text.slice(occurrence.end, occurrence.end + expansion.length + 8))) return undefined;
    const spelled = startsSentence(text.slice(Math.max(0, occurrence.start - 200), occurrence.start)) ? expansion.charAt(0).toUpperCase() + expansion.slice(1) : expansion;
    // What comes from the content is inert Markdown in the draft; the writer's own text stays as written.
    return `${draftMarkdown(spelled)} (${draftMarkdown(abbreviation)})`;
  }
  if (matched.toLowerCase() === expansion.toLowerCase()) {
    if (new RegExp(`^\\s*\\(\\s*${escapeRegExp(abbreviation)}\\s*\\)`).test(text.slice(occurrence.end, occurrence.end + abbreviation.length + 8))) return undefined;
    return `${matched} (${draftMarkdown(abbreviation)})`;
  }
  return undefined;
}

/**
 * Whether an occurrence starts a sentence, judged by the text just before it.
 *
 * @example
 *   startsSentence('Aid rose. ') // => true
 */
function startsSentence(textBefore: string): boolean {
  return /(?:^|[.!?:]\s+|(?:^|\n)\s*(?:[-*+>]|#{1,6}|\d{1,3}[.)])\s+|\n\s*)$/.test(textBefore);
}

/** How strongly a kind of source stands on its own, the primary record first. */
const SOURCE_STRENGTH: Record<Source['type'], number> = {
  statute: 0,
  official: 1,
  'crs-report': 2,
  research: 3,
  press: 4,
  secondary: 5,
  opinion: 6,
  'state-media': 7,
};

/** For citing a whole term: reports that cover a subject first, a statute only for a law. */
const COVERAGE_RANK: Partial<Record<Source['type'], number>> = { 'crs-report': 0, official: 1, research: 2, statute: 3, press: 4 };

/**
 * The source an entry's citation points at. For a term, among the sources listed for the whole
 * term (not those of one fact, where the strongest kind can be a statute about one detail), the
 * one that covers a subject best: a CRS report, then an official record, research, a statute
 * (first for a term that is itself a law), the press; never a weak kind while another is
 * listed. For an event, the strongest of its own sources. None for a disambiguation card, which
 * makes no claim of its own.
 *
 * @example
 *   primarySource(fmf, reference)?.type // => 'crs-report'
 */
export function primarySource(entry: Entry, lookup: SourceLookup): Source | undefined {
  if (entry.kind === 'term') {
    if (entry.disambiguation && entry.disambiguation.length > 0) return undefined;
    const rank = (source: Source) => (source.type === 'statute' && entry.category === 'agreements-and-law' ? -1 : COVERAGE_RANK[source.type] ?? 9);
    let chosen: Source | undefined;
    for (const id of entry.sources) {
      const source = lookup.source(id);
      if (source && rank(source) < 9 && (chosen === undefined || rank(source) < rank(chosen))) chosen = source;
    }
    if (chosen) return chosen;
  }
  let best: Source | undefined;
  for (const id of entrySourceIds(entry)) {
    const source = lookup.source(id);
    if (source && (best === undefined || (SOURCE_STRENGTH[source.type] ?? 9) < (SOURCE_STRENGTH[best.type] ?? 9))) best = source;
  }
  return best;
}

/**
 * One fact ready to paste into a draft: its text as inert Markdown, the date it describes when
 * the content gives one, and each of its sources formatted with where in the source it is found
 * and its address.
 *
 * @example
 *   factWithCitation(qme.facts[1], qme, reference)
 *   // => 'Public Law 110-429 … assessments of it (as of May 2025). (Source: “Public Law 110-429,” U.S. Congress, 15 October 2008, sec. 201, https://…)'
 */
export function factWithCitation(fact: Fact, term: Pick<Term, 'asOf'> | undefined, lookup: SourceLookup): string {
  const asOf = fact.asOf ?? term?.asOf;
  // Pasted into a draft: the content's text is inert Markdown (the references format themselves so).
  const trimmed = draftMarkdown(fact.text.trim());
  // The date goes inside the sentence: "… $929.3 million (as of November 2025)."
  const text = asOf ? trimmed.replace(/([.!?]?)$/, (end) => ` (as of ${formatDate(asOf)})${end}`) : trimmed;
  const cited = fact.sources
    .map((id) => lookup.source(id))
    .filter((source): source is Source => source !== undefined)
    .map((source) => formatReference(source, fact.at?.[source.id]));
  if (cited.length === 0) return text;
  return `${text} (${cited.length === 1 ? 'Source' : 'Sources'}: ${cited.join('; ')})`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
