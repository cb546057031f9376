/**
 * Build side of the two part files (see parts.ts for their layout and how they are read): splits
 * the validated content, sorts what `Reference` hands out sorted, works out the names search
 * ranks by, and writes each part as JSON Lines. Nothing at run time needs this module except
 * `loadReference`, which splits the single index file in memory.
 */
import type { ReferenceData, Section, Term, TimelineEvent } from './model';
import { PARTS_FORMAT_VERSION, type LibraryHeader, type LibraryPart, type NameTable, type TermsHeader, type TermsPart } from './parts';
import { normalizeName, type IndexFile } from './searchIndex';
import { compactIndexFromMiniSearch } from './compactSearch';
import { TermMatcher } from './termMatcher';
import { compareCodeUnits, compareTitles } from './text';

/**
 * Writes the terms part as the build ships it (JSON Lines, header first).
 *
 * @example
 *   writeFileSync('dist/reference-terms.jsonl', serializeTermsPart(splitIndexFile(file).terms));
 */
export function serializeTermsPart(part: TermsPart): string {
  const matcher = part.matcher ?? new TermMatcher(part.terms).compile();
  return serialize(
    (lines) =>
      ({
        format: PARTS_FORMAT_VERSION,
        part: 'terms',
        matcher,
        terms: ids(part.terms),
        abbreviations: part.terms.map((term) => [term.abbreviation ?? null, term.expansion ?? null]),
        sources: ids(part.sources),
        lines,
      }) satisfies TermsHeader,
    [...part.terms, ...part.sources],
  );
}

/**
 * Writes the library part as the build ships it (JSON Lines, header first).
 *
 * @example
 *   writeFileSync('dist/reference-library.jsonl', serializeLibraryPart(splitIndexFile(file).library));
 */
export function serializeLibraryPart(part: LibraryPart): string {
  return serialize(
    (lines) =>
      ({
        format: PARTS_FORMAT_VERSION,
        part: 'library',
        sections: ids(part.sections),
        events: ids(part.events),
        sources: ids(part.sources),
        sourceOrder: part.sourceOrder,
        index: part.index,
        names: part.names,
        lines,
      }) satisfies LibraryHeader,
    [...part.sections, ...part.events, ...part.sources],
  );
}


/**
 * Splits validated content and its search index into the terms part and the library part, with
 * every list sorted as `Reference` hands it out and the names search ranks by worked out.
 * `compileMatcher` (default true) adds the matcher's compiled trie to the terms part.
 *
 * @example
 *   const { terms, library } = splitIndexFile(buildIndexFile(data));
 *   writeFileSync('dist/reference-terms.jsonl', serializeTermsPart(terms));
 */
export function splitIndexFile(file: IndexFile, options: { compileMatcher?: boolean; index?: unknown } = {}): { terms: TermsPart; library: LibraryPart } {
  const data: ReferenceData = file.data;
  const terms = sortTerms(data.terms);
  const cited = new Set<string>();
  for (const term of terms) {
    for (const id of term.sources) cited.add(id);
    for (const fact of term.facts) for (const id of fact.sources) cited.add(id);
  }
  const termsPart: TermsPart = { format: PARTS_FORMAT_VERSION, part: 'terms', terms, sources: data.sources.filter((source) => cited.has(source.id)) };
  if (options.compileMatcher !== false) termsPart.matcher = new TermMatcher(terms).compile();
  const sections = sortSections(data.sections);
  const events = sortEvents(data.events);
  const library: LibraryPart = {
    format: PARTS_FORMAT_VERSION,
    part: 'library',
    sections,
    events,
    sources: data.sources.filter((source) => !cited.has(source.id)),
    sourceOrder: data.sources.map((source) => source.id),
    // The compact form loads by JSON.parse alone; minisearch's own needs its tree rebuilt.
    index: options.index ?? compactIndexFromMiniSearch(file.index),
    names: nameTable(terms, sections, events),
  };
  return { terms: termsPart, library };
}

/**
 * The names search ranks by: each entry's title (and a term's abbreviation and aliases) as
 * normalised words, and which entries each word names.
 *
 * @example
 *   nameTable(terms, sections, events).nameWords[0] // => ['a-4-skyhawk', [['a', '4', 'skyhawk']]]
 */
export function nameTable(terms: readonly Term[], sections: readonly Section[], events: readonly TimelineEvent[]): NameTable {
  const nameWords: [string, string[][]][] = [];
  const byNameWord = new Map<string, string[]>();
  for (const entry of [...terms, ...sections, ...events]) {
    const entryNames = entry.kind === 'term' ? [entry.title, entry.abbreviation ?? '', ...entry.aliases] : [entry.title];
    const words: string[][] = [];
    for (const name of new Set(entryNames.map(normalizeName))) {
      if (name === '') continue;
      words.push(name.split(' '));
    }
    nameWords.push([entry.id, words]);
    for (const word of new Set(words.flat())) {
      const ids = byNameWord.get(word) ?? [];
      ids.push(entry.id);
      byNameWord.set(word, ids);
    }
  }
  return { nameWords, byNameWord: [...byNameWord] };
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


function ids(records: readonly { id: string }[]): string[] {
  return records.map((record) => record.id);
}

/** JSON with every character outside printable ASCII escaped: offsets count bytes and characters alike. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function serialize(header: (lines: number[]) => object, records: readonly object[]): string {
  const lines: number[] = [];
  let at = 0;
  const body = records.map((record) => {
    const line = asciiJson(record);
    lines.push(at);
    at += line.length + 1;
    return line;
  });
  // One more entry, where the body ends, so that every record's extent is known without reading on.
  lines.push(at);
  return `${asciiJson(header(lines))}\n${body.map((line) => `${line}\n`).join('')}`;
}
