import { TERM_CATEGORIES, type Entry, type Source, type Term, type TermCategory } from '../model';
import { draftMarkdown } from '../safeText';
import { markdownUrl } from './escape';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Formats a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date for reading. Done by hand rather than with
 * `Intl`, so the card reads the same in every host and locale.
 *
 * @example
 *   formatDate('2016-09-14') // => '14 September 2016'
 */
export function formatDate(date: string): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!match) return date;
  const [, year, month, day] = match;
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  if (!monthName) return year;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

/**
 * The display label of a glossary category.
 *
 * @example
 *   categoryLabel('aid-and-funding') // => 'Aid and funding mechanisms'
 */
export function categoryLabel(category: TermCategory | string): string {
  return TERM_CATEGORIES.find((candidate) => candidate.id === category)?.label ?? category;
}

/**
 * What kind of entry this is, in words, for descriptions and panel headers.
 *
 * @example
 *   kindLabel(term) // => 'Glossary term'
 */
export function kindLabel(entry: Pick<Entry, 'kind'>): string {
  return entry.kind === 'term' ? 'Glossary term' : entry.kind === 'section' ? 'Article section' : 'Timeline event';
}

/**
 * A one-line citation of a source: who, what, when.
 *
 * @example
 *   sourceCitation(source) // => 'Jeremy M. Sharp, “U.S. Foreign Aid to Israel”, Congressional Research Service, 2023'
 */
export function sourceCitation(source: Source): string {
  const parts = [source.author, `“${source.title}”`, source.publisher, source.date.slice(0, 4)].filter((part): part is string => Boolean(part));
  return parts.join(', ');
}

/**
 * The text a writer puts in a draft for an entry: a term with its abbreviation, an event with
 * its date, a section by its title.
 *
 * @example
 *   draftText(qme) // => 'Qualitative military edge (QME)'
 */
export function draftText(entry: Entry): string {
  if (entry.kind === 'term') {
    return entry.abbreviation && entry.abbreviation !== entry.title ? `${entry.title} (${entry.abbreviation})` : entry.title;
  }
  if (entry.kind === 'event') return `${entry.title} (${formatDate(entry.date)})`;
  return entry.title;
}

/**
 * The sources an entry rests on, primary first: the entry's own list, then its facts' sources.
 *
 * @example
 *   entrySourceIds(qme) // => ['crs-rl33222', 'usc-22-2776']
 */
export function entrySourceIds(entry: Entry): string[] {
  const ids = [...entry.sources];
  if (entry.kind === 'term') for (const fact of entry.facts) ids.push(...fact.sources);
  return [...new Set(ids)];
}

/**
 * A Markdown link to an entry for a writer's draft: its draft text, pointing at its primary
 * public source (the reference itself has no public address). Without a usable source the
 * text alone is returned. The text is inert Markdown (`draftMarkdown`): content never writes
 * HTML, a second link or a line break into the draft.
 *
 * @example
 *   markdownLink(qme, reference) // => '[Qualitative military edge (QME)](https://crsreports.congress.gov/...)'
 */
export function markdownLink(entry: Entry, lookup: { source(id: string): Source | undefined }): string {
  const text = draftMarkdown(draftText(entry));
  for (const id of entrySourceIds(entry)) {
    const url = lookup.source(id)?.url;
    const safe = url === undefined ? undefined : markdownUrl(url);
    if (safe) return `[${text}](${safe})`;
  }
  return text;
}

/**
 * What "Insert Expansion" writes over a term occurrence: a bare abbreviation becomes
 * "long form (ABBR)", a bare long form gains " (ABBR)". The long form is spelled as the
 * aliases spell it (writers' casing, not title casing), capitalised at a sentence start.
 * `undefined` when the term has no abbreviation or the occurrence carries a suffix
 * (possessive, plural) that no rewrite would keep grammatical.
 *
 * @example
 *   expansionFor(qme, 'QME', false)                       // => 'qualitative military edge (QME)'
 *   expansionFor(qme, 'qualitative military edge', false) // => 'qualitative military edge (QME)'
 */
export function expansionFor(term: Term, matched: string, sentenceStart: boolean): string | undefined {
  const abbreviation = term.abbreviation;
  if (!abbreviation || abbreviation === term.title) return undefined;
  const longForm = term.aliases.find((alias) => alias.toLowerCase() === term.title.toLowerCase()) ?? term.title;
  // The occurrence is the writer's own text and stays as written; what comes from the content is made inert.
  if (matched === abbreviation) {
    const text = sentenceStart ? longForm.charAt(0).toUpperCase() + longForm.slice(1) : longForm;
    return `${draftMarkdown(text)} (${draftMarkdown(abbreviation)})`;
  }
  const spelled = [term.title, ...term.aliases].filter((alias) => alias !== abbreviation && /\s/.test(alias));
  if (spelled.some((alias) => alias.toLowerCase() === matched.toLowerCase())) return `${matched} (${draftMarkdown(abbreviation)})`;
  return undefined;
}

/**
 * Whether an occurrence starts a sentence, judged by the text just before it.
 *
 * @example
 *   startsSentence('Aid rose. ') // => true
 *   startsSentence('the ')       // => false
 */
export function startsSentence(textBefore: string): boolean {
  return /(?:^|[.!?:]\s+|(?:^|\n)\s*(?:[-*+>]|#{1,6}|\d{1,3}[.)])\s+|\n\s*)$/.test(textBefore.slice(-200));
}
