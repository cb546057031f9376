/**
 * The bundled reference in two parts, so that a hover reads and parses only what a hover needs.
 *
 * - The terms part (`dist/reference-terms.json`): every glossary term, whole, sorted by title,
 *   the sources the terms cite, and the term matcher's compiled trie. The hover card, the
 *   writing aids and term completion need nothing else.
 * - The library part (`dist/reference-library.json`): the sections, the timeline, the other
 *   sources and the serialised search index, for search, the panel and the sidebar.
 *
 * The build writes both from the same validated content as the single index file; `Reference`
 * reads the first at once and the second on the first call that needs it.
 */
import type { ReferenceData, Section, Source, Term, TimelineEvent } from './model';
import { INDEX_FORMAT_VERSION, type IndexFile } from './searchIndex';
import { TermMatcher, type CompiledMatcher } from './termMatcher';
import { compareCodeUnits, compareTitles } from './text';

/** What a hover needs: `dist/reference-terms.json`. */
export interface TermsPart {
  format: number;
  part: 'terms';
  /** Every term, alphabetical by title (sorted at build time: a collator costs a cold start dearly). */
  terms: Term[];
  /** Every source a term or one of its facts cites, in `data/sources` order. */
  sources: Source[];
  /** `TermMatcher#compile()` of the terms' aliases; absent, the matcher is built from the terms. */
  matcher?: CompiledMatcher;
}

/** What search, the panel and the sidebar need as well: `dist/reference-library.json`. */
export interface LibraryPart {
  format: number;
  part: 'library';
  /** In reading order. */
  sections: Section[];
  /** Oldest first, then by title. */
  events: TimelineEvent[];
  /** The sources no term cites, in `data/sources` order. */
  sources: Source[];
  /** Every source id in `data/sources` order, so `sources()` lists them as the data does. */
  sourceOrder: string[];
  /** `MiniSearch#toJSON()` output, loadable only with `INDEX_OPTIONS`. */
  index: unknown;
}

/**
 * Splits validated content and its search index into the terms part and the library part, with
 * every list sorted as `Reference` hands it out. `compileMatcher` (default true) adds the
 * matcher's compiled trie to the terms part.
 *
 * @example
 *   const { terms, library } = splitIndexFile(buildIndexFile(data));
 *   writeFileSync('dist/reference-terms.json', JSON.stringify(terms));
 */
export function splitIndexFile(file: IndexFile, options: { compileMatcher?: boolean } = {}): { terms: TermsPart; library: LibraryPart } {
  const data: ReferenceData = file.data;
  const terms = sortTerms(data.terms);
  const cited = new Set<string>();
  for (const term of terms) {
    for (const id of term.sources) cited.add(id);
    for (const fact of term.facts) for (const id of fact.sources) cited.add(id);
  }
  const termsPart: TermsPart = { format: INDEX_FORMAT_VERSION, part: 'terms', terms, sources: data.sources.filter((source) => cited.has(source.id)) };
  if (options.compileMatcher !== false) termsPart.matcher = new TermMatcher(terms).compile();
  const library: LibraryPart = {
    format: INDEX_FORMAT_VERSION,
    part: 'library',
    sections: sortSections(data.sections),
    events: sortEvents(data.events),
    sources: data.sources.filter((source) => !cited.has(source.id)),
    sourceOrder: data.sources.map((source) => source.id),
    index: file.index,
  };
  return { terms: termsPart, library };
}

/** Terms alphabetical by title, as the glossary lists them. @example sortTerms(data.terms)[0].title */
export function sortTerms(terms: readonly Term[]): Term[] {
  return [...terms].sort((a, b) => compareTitles(a.title, b.title));
}

/** Sections in reading order. @example sortSections(data.sections)[0].title // 'Introduction' */
export function sortSections(sections: readonly Section[]): Section[] {
  return [...sections].sort((a, b) => a.order - b.order);
}

/** Events oldest first, same-date events by title. @example sortEvents(data.events)[0].date */
export function sortEvents(events: readonly TimelineEvent[]): TimelineEvent[] {
  return [...events].sort((a, b) => compareCodeUnits(a.date, b.date) || compareTitles(a.title, b.title));
}
