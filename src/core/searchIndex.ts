import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import type { Entry, EntryKind, ReferenceData } from './model';
import { aliasSpellings } from './termMatcher';
import { plainText } from './text';
import { normalizeSearchTerm, searchTermOf, tokenizeSearchText } from './searchTerms';

export { normalizeSearchTerm };

/** The document minisearch indexes for each entry. Kept flat: minisearch reads fields by name. */
export interface IndexedDocument {
  id: string;
  kind: EntryKind;
  title: string;
  aliases: string;
  body: string;
}

/** Format version of the bundled index file; bump when `IndexFile` or the options change. */
export const INDEX_FORMAT_VERSION = 1;

/** What `dist/reference-index.json` holds: the documents and the serialised index, built together. */
export interface IndexFile {
  format: number;
  data: ReferenceData;
  /** `MiniSearch#toJSON()` output, loadable only with `INDEX_OPTIONS`. */
  index: unknown;
}

/**
 * The form under which a whole name is compared with a whole query: normalised words joined by
 * single spaces, so "David’s Sling", "davids sling" and "David's-Sling" agree.
 *
 * @example
 *   normalizeName('F-35I Adir') // => 'f 35i adir'
 */
export function normalizeName(name: string): string {
  return name
    .split(/[\s\-\u2010-\u2015/()[\]{},.;:!?"“”]+/u)
    .map(normalizeSearchTerm)
    .map((word) => word.replace(/s$/, ''))
    .filter((word) => word.length > 0)
    .join(' ');
}

/**
 * The one options object for building and loading the index. Loading a serialised index
 * with different options silently breaks search, so both sides import this constant.
 */
export const INDEX_OPTIONS: Options<IndexedDocument> = {
  idField: 'id',
  fields: ['title', 'aliases', 'body'],
  storeFields: [],
  // Shared with the run-time search (compactSearch.ts), which must tokenize queries identically.
  processTerm: (term) => searchTermOf(term),
  tokenize: (text) => tokenizeSearchText(text),
  searchOptions: {
    boost: { title: 4, aliases: 3, body: 1 },
  },
};

/**
 * Typo tolerance stops at this word length. Fuzzy matching costs the square of the word's
 * length (a 100,000-letter word needs a 10 GB table), and no real word or name is longer.
 */
export const FUZZY_MAX_WORD_LENGTH = 24;

/**
 * …and to the first this-many words of a query. It is most of a search's cost, and a long pasted
 * query (twelve real words took 8 ms) needs no typo tolerance on every word to find its entries.
 */
export const FUZZY_MAX_WORDS = 4;

/** Query-time behaviour: prefix on the word being typed, typo tolerance on words, never on numbers. */
export const QUERY_OPTIONS: SearchOptions = {
  boost: { title: 4, aliases: 3, body: 1 },
  prefix: (term, index, terms) => index === terms.length - 1 || term.length > 4,
  // A three-letter query alone is mostly an acronym ("idf", "qme"), and one edit away lies every
  // other acronym; beside other words it is more often a typo ("iron bem"). Long words and words
  // past the first few are never fuzzy: their cost grows with their length (security review F2).
  fuzzy: (term, index, terms) =>
    index < FUZZY_MAX_WORDS && term.length <= FUZZY_MAX_WORD_LENGTH && /^\p{L}{3,}$/u.test(term) && (term.length > 3 || terms.length > 1) ? (term.length > 5 ? 0.25 : 0.34) : false,
  maxFuzzy: 2,
  weights: { fuzzy: 0.45, prefix: 0.6 },
};

/** Turns one entry into the document minisearch indexes. */
export function toIndexedDocument(entry: Entry): IndexedDocument {
  switch (entry.kind) {
    case 'term':
      return {
        id: entry.id,
        kind: 'term',
        // The abbreviation is part of the name ("QME"), so it carries the title's weight.
        title: entry.abbreviation ? `${entry.title} ${entry.abbreviation}` : entry.title,
        // Every spelling, so "f35" finds "F-35I" as the hover matcher does.
        aliases: [...new Set(entry.aliases.flatMap(aliasSpellings))].join(' ; '),
        body: [entry.summary, ...entry.facts.map((fact) => fact.text), entry.note ?? ''].join('\n'),
      };
    case 'section':
      return {
        id: entry.id,
        kind: 'section',
        title: entry.title,
        aliases: entry.subsections.map((subsection) => subsection.title).join(' ; '),
        body: plainText(entry.text),
      };
    case 'event':
      return {
        id: entry.id,
        kind: 'event',
        title: entry.title,
        aliases: entry.date,
        body: entry.text,
      };
  }
}

/**
 * Builds the bundled index file from validated data.
 *
 * @example
 *   const file = buildIndexFile(validateContent(files).data);
 *   writeFileSync('dist/reference-index.json', JSON.stringify(file));
 */
export function buildIndexFile(data: ReferenceData): IndexFile {
  const miniSearch = new MiniSearch<IndexedDocument>(INDEX_OPTIONS);
  const entries: Entry[] = [...data.sections, ...data.terms, ...data.events];
  miniSearch.addAll(entries.map(toIndexedDocument));
  return { format: INDEX_FORMAT_VERSION, data, index: miniSearch.toJSON() };
}

/**
 * Restores the minisearch instance from a parsed index file, or from the serialised index alone
 * (the library part's `index`).
 *
 * @example
 *   const miniSearch = loadSearchIndex(JSON.parse(json) as IndexFile);
 */
export function loadSearchIndex(file: IndexFile | IndexFile['index']): MiniSearch<IndexedDocument> {
  const index = file !== null && typeof file === 'object' && 'data' in file && 'index' in file ? (file as IndexFile).index : file;
  return MiniSearch.loadJS<IndexedDocument>(index as never, INDEX_OPTIONS);
}
