import type { Entry, EntryKind, Hit, Section, Source, TimelineEvent } from './model';
import { INDEX_FORMAT_VERSION, QUERY_OPTIONS, normalizeName, normalizeSearchTerm, type IndexFile } from './searchIndex';
import { COMPACT_INDEX_FORMAT, CompactSearchIndex, compactIndexFromMiniSearch, type CompactResult, type CompactSearchOptions } from './compactSearch';
import { readLibraryPart, readTermsPart, type PartSource, type LibraryPart, type LoadedLibraryPart, type LoadedTermsPart, type TermsPart } from './parts';
import { splitIndexFile } from './writeParts';
import { stripInvisibles } from './safeText';
import { rankCandidates, type RankContext } from './ranking';
import type { MatchOptions } from './termMatcher';
import { bibtex, citation, cslJson, knownSources, type CitationOptions, type CitationText, type CslItem } from './citations';
import { plainText, truncate } from './text';
import { checkFiguresIn, resolveFigures, type FigureFinding } from './figures';
import { markdownSkipRegions } from './markdownRegions';
import { ReferenceLoadError, TermsReference, explained, explainedRecords, readTermsPartExplained } from './termsReference';

export { ReferenceLoadError };

export interface SearchRequestOptions {
  /** At most this many hits (default 20). */
  limit?: number;
  /** Only these kinds (default all). */
  kinds?: readonly EntryKind[];
}

const SNIPPET_LENGTH = 160;

/** The library part with its lookups, made once when it is read. */
interface LoadedLibrary {
  part: LoadedLibraryPart;
  /** Every source in `data/sources` order, made on first listing. */
  sources?: Source[];
}

/** The exact-name lookups search ranks by, made with the library. */
interface NameIndex {
  /** Each entry's names split into normalised words, for the ranking's name tiers. */
  nameWords: Map<string, string[][]>;
  /** The entries whose names contain a word, so a query looks only at the names it could complete. */
  byNameWord: Map<string, string[]>;
}

/** A query is cut to this many characters: longer text is a paste, not a search. */
export const MAX_QUERY_LENGTH = 200;
/** …and to this many words, since each word is a search of its own. */
export const MAX_QUERY_WORDS = 12;

/**
 * What `Reference.search` actually searches for: the query trimmed and cut to
 * `MAX_QUERY_LENGTH` characters (never inside a surrogate pair) and `MAX_QUERY_WORDS` distinct
 * words, so the cost of a keystroke does not depend on what was pasted; zero-width and
 * direction characters are dropped (a zero-width space counts as a space).
 *
 * @example
 *   boundQuery('  iron dome  ')        // => 'iron dome'
 *   boundQuery('x'.repeat(1e6)).length // => 200
 */
export function boundQuery(query: string): string {
  // A zero-width space pasted from a web page separates words; other invisible characters only hide or reorder them.
  let head = stripInvisibles(query.slice(0, MAX_QUERY_LENGTH * 4).replace(/\u200b/g, ' '))
    .trim()
    .slice(0, MAX_QUERY_LENGTH);
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  head = head.trimEnd();
  const words = head.split(/\s+/).filter((word) => word !== '');
  // A repeated word adds nothing to an AND search but its cost, so a paste of one phrase many times costs one phrase.
  const seen = new Set<string>();
  const distinct = words.filter((word) => !seen.has(word.toLowerCase()) && seen.add(word.toLowerCase()));
  return distinct.length === words.length && words.length <= MAX_QUERY_WORDS ? head : distinct.slice(0, MAX_QUERY_WORDS).join(' ');
}

/**
 * The loaded reference: search, lookup, listing and term matching over the bundled content.
 * Build one with `loadReference` (the single index file) or `loadReferenceParts` (the terms
 * part now, the library part on first need); it is immutable and cheap to query.
 *
 * Terms, their matcher and the sources they cite come from the terms part. Sections, events,
 * the other sources and search come from the library part, read on the first call that needs
 * it: a session that only hovers never parses it.
 */
export class Reference extends TermsReference {
  private figureContext: Parameters<typeof checkFiguresIn>[5] | undefined;
  private library: LoadedLibrary | undefined;
  private compactIndex: CompactSearchIndex | undefined;
  /** Sections' bodies as plain text, made on first use for snippets. */
  private readonly plainTextCache = new Map<string, string>();
  /** Made on the first search, with the library. */
  private names: NameIndex | undefined;
  private readonly rankContext: RankContext = {
    names: (id) => this.namesIndex().nameWords.get(id) ?? [],
    eventTerms: (id) => {
      const entry = this.entry(id);
      return entry?.kind === 'event' ? entry.terms : [];
    },
  };

  constructor(
    termsPart: LoadedTermsPart,
    /** Reads the library part; called once, on the first call that needs sections, events, all sources or search. */
    private readonly readLibrary: () => LoadedLibraryPart,
  ) {
    super(termsPart);
  }

  /** Whether the library part has been read (search, sections, events and every source ready). @example reference.hasLibrary() */
  hasLibrary(): boolean {
    return this.library !== undefined;
  }

  /**
   * Reads the library part now rather than on the first call that needs it, so that its cost and
   * its errors (`ReferenceLoadError`) come at a moment the caller picks. With `searchIndex`, also
   * readies search: restores the index and the name lookups, and runs one throwaway query,
   * since in a fresh process compiling the search code costs the first query more than the
   * query itself.
   *
   * @example
   *   reference.loadLibrary({ searchIndex: true }); // in idle time, before the first search
   */
  loadLibrary(options: { searchIndex?: boolean } = {}): void {
    this.loadedLibrary();
    if (!options.searchIndex) return;
    this.searchIndex();
    this.namesIndex();
    // A typo in two words takes the fuzzy, prefix and partial-match paths a writer's query takes.
    this.search('iron dme', { limit: 1 });
  }

  /**
   * Ranked hits for what the user typed: prefix on the last word, typo-tolerant on words,
   * titles and aliases above body text. Words that match nothing are dropped rather than
   * emptying the result, so a stray typo still finds the rest.
   *
   * @example
   *   reference.search('arow 3', { limit: 5 })[0].id // => 'arrow-3'
   */
  search(query: string, options: SearchRequestOptions = {}): Hit[] {
    const limit = options.limit ?? 20;
    const trimmed = boundQuery(query);
    if (trimmed === '' || limit <= 0) return [];
    const filter = options.kinds ? (result: { id: string }) => this.kindAllowed(result.id, options.kinds!) : undefined;
    const index = this.searchIndex();
    const all = fullThenPartialMatches((combineWith) => runSearch(index, trimmed, { ...QUERY_OPTIONS, combineWith, filter }), limit);
    const seen = new Set(all.map((result) => result.id));
    // An entry named in the query ("QME", "iron dome cost") is ranked by its name, even when
    // its text matched none of the other words; add those the text search did not return.
    const nameQuery = normalizeName(trimmed).split(' ').filter((word) => word.length > 0);
    const nameSet = new Set(nameQuery);
    const { byNameWord, nameWords } = this.namesIndex();
    for (const id of new Set(nameQuery.flatMap((word) => byNameWord.get(word) ?? []))) {
      if (seen.has(id) || (filter && !filter({ id }))) continue;
      if (nameWords.get(id)!.some((words) => words.length > 0 && words.every((word) => nameSet.has(word)))) {
        seen.add(id);
        all.push({ id, score: 0, terms: [], queryTerms: [], match: {} });
      }
    }
    const ranked = rankCandidates(
      nameQuery,
      all.map((result) => ({ id: result.id, kind: this.kindOf(result.id)!, score: result.score })),
      this.rankContext,
    );
    const queryWords = trimmed.split(/\s+/).map(normalizeSearchTerm).filter((word) => word.length > 0);
    return ranked.slice(0, limit).map((result) => {
      const entry = this.entry(result.id)!;
      return { id: entry.id, kind: entry.kind, title: entry.title, snippet: this.snippet(entry, queryWords), score: result.score };
    });
  }

  /**
   * The full record for an id, or `undefined` for an unknown id.
   *
   * @example
   *   (reference.entry('qme') as Term).aliases // => ['QME', 'qualitative military edge', ...]
   */
  entry(id: string): Entry | undefined {
    if (this.termsPart.terms.has(id)) return this.termById(id);
    const { part } = this.loadedLibrary();
    return part.sections.get(id) ?? part.events.get(id);
  }

  /**
   * A source by id.
   *
   * @example
   *   reference.source('crs-rl33222')?.publisher // => 'Congressional Research Service'
   */
  source(id: string): Source | undefined {
    return this.termsPart.sources.get(id) ?? this.loadedLibrary().part.sources.get(id);
  }

  /** All sources, in the order `data/sources` lists them. @example reference.sources().length */
  sources(): readonly Source[] {
    const library = this.loadedLibrary();
    library.sources ??= library.part.sourceOrder.map((id) => this.source(id)).filter((source): source is Source => source !== undefined);
    return library.sources;
  }

  /** The article's sections in reading order. @example reference.sections()[0].title // 'Introduction' */
  sections(): readonly Section[] {
    return this.loadedLibrary().part.sections.all();
  }

  /** Timeline events, oldest first. @example reference.events()[0].date */
  events(): readonly TimelineEvent[] {
    return this.loadedLibrary().part.events.all();
  }

  /**
   * CSL-JSON items for sources, for Pandoc, Quarto and Zotero; unknown ids are left out.
   *
   * @example
   *   reference.cslJson(['crs-rl33222'])[0].type // => 'report'
   */
  cslJson(sourceIds: readonly string[]): CslItem[] {
    return cslJson(knownSources(this, sourceIds));
  }

  /**
   * BibTeX entries for sources; unknown ids are left out.
   *
   * @example
   *   reference.bibtex(['crs-rl33222']) // => '@techreport{crs-rl33222,\n  title = {…'
   */
  bibtex(sourceIds: readonly string[]): string {
    return bibtex(knownSources(this, sourceIds));
  }

  /**
   * The text to insert to cite a source: a Pandoc citation, or a footnote marker with the
   * footnote's text. `undefined` for an unknown source.
   *
   * @example
   *   reference.citation('crs-rl33222', { style: 'pandoc', locator: 'p. 12' })?.inline // => '[@crs-rl33222, p. 12]'
   */
  citation(sourceId: string, options: CitationOptions): CitationText | undefined {
    const source = this.source(sourceId);
    return source ? citation(source, options) : undefined;
  }

  /**
   * The figures in a draft that contradict the reference, in document order: each with the
   * UTF-16 span of the stated figure, what the record says, its sources, a plain-text message
   * and the replacement in the writer's own form. Flags only when sure.
   *
   * @example
   *   reference.checkFigures('Under the 2016 MOU, the United States pledged $35 billion over ten years.', { markdown: true })
   *   // => [{ start: 45, end: 56, termId: 'mou-2016', stated: '$35 billion', expected: '$38 billion', replacement: '$38 billion', … }]
   */
  checkFigures(text: string, options: MatchOptions = {}): FigureFinding[] {
    if (typeof text !== 'string' || text.length === 0) return [];
    return this.checkFiguresBetween(text, 0, text.length, options);
  }

  /**
   * `checkFigures` for `[from, to)` only, a range bounded by paragraph breaks, for re-checking
   * the paragraphs an edit touched (see `DraftTermScan`).
   *
   * @example
   *   reference.checkFiguresBetween(text, paragraphStart(text, at), paragraphEnd(text, at), { markdown: true })
   */
  checkFiguresBetween(text: string, from: number, to: number, options: MatchOptions = {}): FigureFinding[] {
    if (typeof text !== 'string' || !(from < to)) return [];
    const end = Math.min(to, text.length);
    const regions = options.markdown ? markdownSkipRegions(text, { from, to: end }) : [];
    const matches = this.termMatcher().findWithRegions(text, from, end, regions);
    if (matches.length === 0) return [];
    this.figureContext ??= { figures: resolveFigures(this.terms()), source: (id: string) => this.termsPart.sources.get(id) };
    return checkFiguresIn(text, from, end, matches, regions, this.figureContext);
  }

  private loadedLibrary(): LoadedLibrary {
    this.library ??= { part: this.readLibrary() };
    return this.library;
  }

  private namesIndex(): NameIndex {
    if (this.names === undefined) {
      const { names } = this.loadedLibrary().part;
      this.names = { nameWords: new Map(names.nameWords), byNameWord: new Map(names.byNameWord) };
    }
    return this.names;
  }

  private searchIndex(): CompactSearchIndex {
    if (!this.compactIndex) {
      const { index } = this.loadedLibrary().part;
      try {
        // The single index file's library hands over a conversion to run now (loadReference).
        this.compactIndex = CompactSearchIndex.load(typeof index === 'function' ? (index as () => unknown)() : index);
      } catch (error) {
        throw new ReferenceLoadError(`The reference's search index could not be read (${(error as Error).message}). Rebuild it with "npm run build".`);
      }
    }
    return this.compactIndex;
  }

  private kindAllowed(id: string, kinds: readonly EntryKind[]): boolean {
    const kind = this.kindOf(id);
    return kind !== undefined && kinds.includes(kind);
  }

  /** An entry's kind without parsing its record. */
  private kindOf(id: string): EntryKind | undefined {
    return this.termsPart.terms.has(id) ? 'term' : this.loadedLibrary().part.kinds.get(id);
  }

  private sectionPlainText(section: Section): string {
    let text = this.plainTextCache.get(section.id);
    if (text === undefined) {
      text = plainText(section.text).replace(/\s+/g, ' ');
      this.plainTextCache.set(section.id, text);
    }
    return text;
  }

  private snippet(entry: Entry, queryWords: string[]): string {
    // A summary is short enough to read whole; a long text is shown around the first query
    // word it contains (words under three letters would land on any number or article).
    if (entry.kind === 'term') return truncate(entry.summary, SNIPPET_LENGTH);
    const text = entry.kind === 'event' ? entry.text : this.sectionPlainText(entry);
    const lower = text.toLowerCase();
    let at = -1;
    for (const word of queryWords) {
      if (word.length < 3) continue;
      const found = lower.indexOf(word.slice(0, Math.max(3, word.length - 1)));
      if (found >= 0 && (at < 0 || found < at)) at = found;
    }
    if (at < SNIPPET_LENGTH / 2) return truncate(text, SNIPPET_LENGTH);
    const start = text.lastIndexOf(' ', at - 40) + 1;
    return `…${truncate(text.slice(start), SNIPPET_LENGTH - 1)}`;
  }
}

/**
 * Builds a `Reference` from the bundled index, given as its JSON text or already parsed.
 * Throws `ReferenceLoadError` with a readable reason when the file is not a usable index.
 *
 * @example
 *   const reference = loadReference(await readFile(indexUri));
 */
export function loadReference(input: string | IndexFile): Reference {
  let file: IndexFile;
  try {
    file = typeof input === 'string' ? (JSON.parse(input) as IndexFile) : input;
  } catch (error) {
    throw new ReferenceLoadError(`The reference index is not valid JSON (${(error as Error).message}). Rebuild it with "npm run build".`);
  }
  if (file === null || typeof file !== 'object' || typeof file.data !== 'object' || file.data === null || typeof file.index !== 'object') {
    throw new ReferenceLoadError('The reference index is incomplete: it lacks its data or its search index. Rebuild it with "npm run build".');
  }
  if (file.format !== INDEX_FORMAT_VERSION) {
    throw new ReferenceLoadError(`The reference index has format ${String(file.format)}, but this version reads format ${INDEX_FORMAT_VERSION}. Rebuild it with "npm run build".`);
  }
  const { sections, terms, events, sources } = file.data;
  if (![sections, terms, events, sources].every(Array.isArray)) {
    throw new ReferenceLoadError('The reference index is incomplete: sections, terms, events or sources are missing. Rebuild it with "npm run build".');
  }
  checkSearchIndex(file.index);
  // The single file holds both parts; it is split in memory, sorting at load what the parts
  // carry sorted, and its matcher is compiled from the aliases on the first match.
  // Its minisearch index is converted to the compact form on the first search, not here.
  const parts = splitIndexFile(file, { compileMatcher: false, index: () => compactIndexFromMiniSearch(file.index) });
  const library = readLibraryPart(parts.library);
  return new Reference(readTermsPart(parts.terms), () => library);
}

/**
 * Builds a `Reference` from the terms part now and the library part on first need (see
 * `parts.ts`). `readLibrary` is called at most once, synchronously, when a call needs sections,
 * events, every source or search; what it throws reaches that caller. Either part may be given
 * as the text the build writes or already split (`splitIndexFile`). Only the parts' headers are
 * parsed at load; each record when first used. Throws `ReferenceLoadError` when the terms part
 * is not usable, and the call that needed the library throws it when the library part is not.
 *
 * @example
 *   const reference = loadReferenceParts(readFileSync('dist/reference-terms.jsonl', 'utf8'), () => readFileSync('dist/reference-library.jsonl', 'utf8'));
 *   reference.termAt('The QME rule', 5); // parses the matcher and no term
 */
export function loadReferenceParts(termsInput: string | PartSource | TermsPart, readLibrary: () => string | LibraryPart): Reference {
  return referenceFromTermsPart(readTermsPartExplained(termsInput), readLibrary);
}

/**
 * `loadReferenceParts` for a terms part already read (`readTermsPartExplained`), so that a
 * hover-only `TermsReference` can grow into the whole reference without parsing the part again.
 *
 * @example
 *   const terms = readTermsPartExplained(text);
 *   const hovers = new TermsReference(terms);
 *   const whole = referenceFromTermsPart(terms, () => readFileSync('dist/reference-library.jsonl', 'utf8'));
 */
export function referenceFromTermsPart(terms: LoadedTermsPart, readLibrary: () => string | LibraryPart): Reference {
  return new Reference(
    terms,
    () => {
      const library = explained('library part', () => readLibraryPart(readLibrary()));
      checkCompactIndex(library.index);
      return { ...library, sections: explainedRecords(library.sections, 'library part'), events: explainedRecords(library.events, 'library part'), sources: explainedRecords(library.sources, 'library part') };
    },
  );
}

function checkSearchIndex(index: unknown): void {
  if (index === null || typeof index !== 'object' || !('documentIds' in index) || !('index' in index)) {
    throw new ReferenceLoadError('The reference index is incomplete: its search index is not a serialised minisearch index. Rebuild it with "npm run build".');
  }
}

/** The library part's search index is the compact form (compactSearch.ts) the build converts the minisearch index into. */
function checkCompactIndex(index: unknown): void {
  if (index === null || typeof index !== 'object' || (index as { format?: unknown }).format !== COMPACT_INDEX_FORMAT || typeof (index as { terms?: unknown }).terms !== 'string') {
    throw new ReferenceLoadError('The reference\'s library part is incomplete: its search index is missing or from another format. Rebuild it with "npm run build".');
  }
}

/**
 * The entries matching every word, then, while fewer than `limit`, those matching some of them,
 * each ranked below every full match: a stray typo still finds the rest. `search` runs one query
 * combining the words as asked.
 *
 * @example
 *   fullThenPartialMatches((combineWith) => index.search(query, { ...QUERY_OPTIONS, combineWith }), 20)
 */
export function fullThenPartialMatches(search: (combineWith: 'AND' | 'OR') => CompactResult[], limit: number): CompactResult[] {
  const all = search('AND');
  if (all.length >= limit) return all;
  const seen = new Set(all.map((result) => result.id));
  const floor = all.length > 0 ? Math.min(...all.map((result) => result.score)) : Infinity;
  for (const result of search('OR')) {
    if (seen.has(result.id)) continue;
    seen.add(result.id);
    all.push({ ...result, score: Math.min(result.score, floor * 0.999) });
  }
  return all;
}

/**
 * One query against the compact index. The index checks its term lines as a search first reads
 * them (a full check at load would cost every session), so a damaged file can surface here; it
 * is worded like the other load errors rather than escaping as a bare Error.
 */
function runSearch(index: CompactSearchIndex, query: string, options: CompactSearchOptions): CompactResult[] {
  try {
    return index.search(query, options);
  } catch (error) {
    if (error instanceof Error && /malformed/.test(error.message)) {
      throw new ReferenceLoadError(`The reference's search index is damaged (${error.message}). Rebuild it with "npm run build".`);
    }
    throw error;
  }
}
