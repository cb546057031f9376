/**
 * The bundled reference in two parts, laid out so that a load parses only what it uses.
 *
 * - The terms part (`dist/reference-terms.jsonl`): the term matcher's compiled trie, every
 *   glossary term (alphabetical by title) and the sources the terms cite. Hover cards, the writing
 *   aids and term completion need nothing else.
 * - The library part (`dist/reference-library.jsonl`): the sections, the timeline, the other
 *   sources, the search index and the names search ranks by, for search, the panel and the
 *   sidebar.
 *
 * Each part is JSON Lines: a header on the first line (what a load needs at once: the matcher or
 * the search index, the ids in order, and where each record's line starts), then one record per
 * line. Loading parses the header only; a record is parsed the first time it is asked for, so
 * the first hover parses the matcher and one term, not ninety. Everything is written as ASCII
 * (`\uXXXX` escapes), so a character offset is also a byte offset and the text stays compact in
 * memory.
 *
 * The build writes both (writeParts.ts) from the same validated content as the single index file
 * (`reference-index.json`, which tools and tests read whole); `Reference` reads the terms part at
 * once and the library part on the first call that needs it.
 */
import type { EntryKind, Section, Source, Term, TimelineEvent } from './model';
import type { CompiledMatcher } from './termMatcher';

/** Format of the two part files; bump when a header or a record changes shape. */
export const PARTS_FORMAT_VERSION = 2;

/** What a hover needs, whole (the form `splitIndexFile` makes and a test may pass in). */
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

/** Each entry's names split into normalised words, and the entries each word names, for search's name tiers. */
export interface NameTable {
  /** [entry id, its names as word lists], terms (by title), then sections, then events. */
  nameWords: [string, string[][]][];
  /** [word, the entries whose names contain it], in the order those entries come above. */
  byNameWord: [string, string[]][];
}

/** What search, the panel and the sidebar need as well (whole, as `splitIndexFile` makes it). */
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
  /** The search index, in the compact form of compactSearch.ts (or, split in memory from the single index file, a function that converts it on first search). */
  index: unknown;
  /** Made at build time, so the first search does not walk every entry's names. */
  names: NameTable;
}

/** The first line of `reference-terms.jsonl`. */
export interface TermsHeader {
  format: number;
  part: 'terms';
  matcher: CompiledMatcher;
  /** Term ids in record order (alphabetical by title). */
  terms: string[];
  /** Per term, its abbreviation and expansion: all a draft scan asks of a term, so it parses no record. */
  abbreviations: [string | null, string | null][];
  /** Source ids in record order, after the terms. */
  sources: string[];
  /** Where each record's line starts, counted from the end of the header line, then where the last one's newline ends. */
  lines: number[];
}

/** The first line of `reference-library.jsonl`. */
export interface LibraryHeader {
  format: number;
  part: 'library';
  sections: string[];
  events: string[];
  sources: string[];
  sourceOrder: string[];
  index: unknown;
  names: NameTable;
  lines: number[];
}

/**
 * A part's records of one kind, in order, each parsed on first use and kept.
 *
 * @example
 *   const terms = PartRecords.of(data.terms);
 *   terms.get('qme')?.title // => 'Qualitative military edge'
 */
export class PartRecords<T extends { id: string }> {
  private readonly parsed: (T | undefined)[];
  private readonly positions = new Map<string, number>();
  private everything: T[] | undefined;

  /** `read(i)` parses the i-th record; it is called at most once per record. */
  constructor(
    readonly ids: readonly string[],
    private readonly read: (index: number) => T,
  ) {
    this.parsed = new Array<T | undefined>(ids.length);
    ids.forEach((id, index) => this.positions.set(id, index));
  }

  /** Records already in memory. @example PartRecords.of(part.sources) */
  static of<T extends { id: string }>(records: readonly T[]): PartRecords<T> {
    const store = new PartRecords(
      records.map((record) => record.id),
      (index) => records[index],
    );
    store.everything = [...records];
    return store;
  }

  /** Where the record with this id stands in the part, or `undefined`. @example terms.indexOf('qme') */
  indexOf(id: string): number | undefined {
    return this.positions.get(id);
  }

  /** Whether a record has this id. @example terms.has('qme') */
  has(id: string): boolean {
    return this.positions.has(id);
  }

  /** The record with this id, parsed now if it has not been. @example terms.get('qme') */
  get(id: string): T | undefined {
    const index = this.positions.get(id);
    return index === undefined ? undefined : this.at(index);
  }

  /** Every record in order (parses those not yet parsed, once). @example terms.all().length */
  all(): readonly T[] {
    this.everything ??= this.ids.map((_, index) => this.at(index));
    return this.everything;
  }

  private at(index: number): T {
    let record = this.parsed[index];
    if (record === undefined) {
      record = this.read(index);
      this.parsed[index] = record;
    }
    return record;
  }
}

/**
 * A part file read piecemeal rather than whole: its header line, and its body's text between two
 * offsets (counted from the end of the header line). In Node a record is read from the file
 * when first asked for (src/node/coreApi.ts); the extension reads the file whole.
 */
export interface PartSource {
  header: string;
  /** How long the body is: a part cut short is refused at load, not when a record is reached. */
  bodyLength: number;
  body(start: number, end: number): string;
}

/** Why a part cannot be used; the loader words it for the user. */
export class PartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PartError';
  }
}

/** The terms part, ready: the matcher's compiled form and the records, parsed on demand. */
export interface LoadedTermsPart {
  matcher: CompiledMatcher | readonly Term[];
  terms: PartRecords<Term>;
  sources: PartRecords<Source>;
  /** A term's abbreviation and expansion without parsing its record (for draft scans). */
  abbreviationOf(id: string): Pick<Term, 'id' | 'abbreviation' | 'expansion'> | undefined;
}

/** The library part, ready. */
export interface LoadedLibraryPart {
  sections: PartRecords<Section>;
  events: PartRecords<TimelineEvent>;
  sources: PartRecords<Source>;
  sourceOrder: readonly string[];
  index: unknown;
  names: NameTable;
  /** Sections' and events' kinds by id, so ranking learns a hit's kind without parsing it. */
  kinds: Map<string, EntryKind>;
}

/**
 * Reads the terms part: its header now, each record when first asked for. Throws `PartError`
 * when the header is unusable; a damaged record throws when it is reached.
 *
 * @example
 *   const { terms, matcher } = readTermsPart(readFileSync('dist/reference-terms.jsonl', 'utf8'));
 */
export function readTermsPart(input: string | PartSource | TermsPart): LoadedTermsPart {
  if (typeof input !== 'string' && !isPartSource(input)) {
    checkWhole(input, 'terms');
    if (!Array.isArray(input.terms) || !Array.isArray(input.sources)) throw new PartError('its terms or sources are missing');
    const terms = PartRecords.of(input.terms);
    return { matcher: input.matcher ?? input.terms, terms, sources: PartRecords.of(input.sources), abbreviationOf: (id) => terms.get(id) };
  }
  const { header, record } = readLines<TermsHeader>(input, 'terms');
  if (![header.terms, header.sources, header.lines].every(Array.isArray) || typeof header.matcher !== 'object' || header.matcher === null) {
    throw new PartError('its terms, sources or matcher are missing');
  }
  if (header.lines.length !== header.terms.length + header.sources.length + 1) throw new PartError('its line table does not match its records');
  const pairs = header.abbreviations;
  const isText = (value: unknown) => value === null || typeof value === 'string';
  if (!Array.isArray(pairs) || pairs.length !== header.terms.length || !pairs.every((pair) => Array.isArray(pair) && pair.length === 2 && isText(pair[0]) && isText(pair[1]))) {
    throw new PartError('its abbreviation table does not match its terms');
  }
  const termCount = header.terms.length;
  const terms = new PartRecords<Term>(header.terms, (index) => record(index, header.terms[index]));
  // A draft scan asks once per match: each term's answer is made once.
  const abbreviations = new Map<string, Pick<Term, 'id' | 'abbreviation' | 'expansion'>>();
  return {
    matcher: header.matcher,
    terms,
    sources: new PartRecords<Source>(header.sources, (index) => record(termCount + index, header.sources[index])),
    abbreviationOf: (id) => {
      const known = abbreviations.get(id);
      if (known) return known;
      const index = terms.indexOf(id);
      if (index === undefined) return undefined;
      const [abbreviation, expansion] = header.abbreviations[index];
      const info = { id, abbreviation: abbreviation ?? undefined, expansion: expansion ?? undefined };
      abbreviations.set(id, info);
      return info;
    },
  };
}

/**
 * Reads the library part: its header (search index, names, ids) now, each section, event and
 * source when first asked for. Throws `PartError` when the header is unusable.
 *
 * @example
 *   const library = readLibraryPart(readFileSync('dist/reference-library.jsonl', 'utf8'));
 */
export function readLibraryPart(input: string | PartSource | LibraryPart): LoadedLibraryPart {
  let loaded: Omit<LoadedLibraryPart, 'kinds'>;
  if (typeof input !== 'string' && !isPartSource(input)) {
    checkWhole(input, 'library');
    if (![input.sections, input.events, input.sources, input.sourceOrder].every(Array.isArray)) throw new PartError('sections, events or sources are missing');
    loaded = {
      sections: PartRecords.of(input.sections),
      events: PartRecords.of(input.events),
      sources: PartRecords.of(input.sources),
      sourceOrder: input.sourceOrder,
      index: input.index,
      names: input.names,
    };
  } else {
    const { header, record } = readLines<LibraryHeader>(input, 'library');
    if (![header.sections, header.events, header.sources, header.sourceOrder, header.lines].every(Array.isArray)) throw new PartError('sections, events or sources are missing');
    if (header.lines.length !== header.sections.length + header.events.length + header.sources.length + 1) throw new PartError('its line table does not match its records');
    const eventsFrom = header.sections.length;
    const sourcesFrom = eventsFrom + header.events.length;
    loaded = {
      sections: new PartRecords<Section>(header.sections, (index) => record(index, header.sections[index])),
      events: new PartRecords<TimelineEvent>(header.events, (index) => record(eventsFrom + index, header.events[index])),
      sources: new PartRecords<Source>(header.sources, (index) => record(sourcesFrom + index, header.sources[index])),
      sourceOrder: header.sourceOrder,
      index: header.index,
      names: header.names,
    };
  }
  if (!Array.isArray(loaded.names?.nameWords) || !Array.isArray(loaded.names?.byNameWord)) throw new PartError('its name table is missing');
  const kinds = new Map<string, EntryKind>();
  for (const id of loaded.sections.ids) kinds.set(id, 'section');
  for (const id of loaded.events.ids) kinds.set(id, 'event');
  return { ...loaded, kinds };
}

function checkWhole(part: { format?: unknown; part?: unknown } | null, kind: 'terms' | 'library'): void {
  if (part === null || typeof part !== 'object') throw new PartError('it is empty');
  if (part.format !== PARTS_FORMAT_VERSION) throw new PartError(`it has format ${String(part.format)}, but this version reads format ${PARTS_FORMAT_VERSION}`);
  if (part.part !== kind) throw new PartError(`it is not the ${kind} part`);
}

/**
 * The line table must start at 0, never go back, and end where the body ends: a file cut short,
 * or padded, is refused now rather than when some record is first asked for (by then a feature
 * that never expects a load error may be the caller).
 */
function checkLineTable(lines: unknown, bodyLength: number): void {
  if (!Array.isArray(lines) || lines.length === 0) throw new PartError('its line table is missing');
  let previous = -1;
  for (const line of lines) {
    if (!Number.isSafeInteger(line) || (line as number) <= previous) throw new PartError('its line table is damaged');
    previous = line as number;
  }
  if (lines[0] !== 0) throw new PartError('its line table is damaged');
  if (previous !== bodyLength) throw new PartError(`it is ${previous > bodyLength ? 'cut short' : 'longer than its line table says'} (${bodyLength} of ${previous} characters after the header)`);
}

function isPartSource(input: unknown): input is PartSource {
  return typeof input === 'object' && input !== null && typeof (input as PartSource).header === 'string' && typeof (input as PartSource).body === 'function' && typeof (input as PartSource).bodyLength === 'number';
}

/** A part read whole: its header line and body sliced from the text. */
function textSource(text: string): PartSource {
  const headerEnd = text.indexOf('\n');
  if (headerEnd < 0) throw new PartError(text.trim() === '' ? 'it is empty' : 'it has no records after its header');
  const bodyStart = headerEnd + 1;
  return { header: text.slice(0, headerEnd), bodyLength: text.length - bodyStart, body: (start, end) => text.slice(bodyStart + start, bodyStart + end) };
}

function readLines<H extends { format: number; part: string; lines: number[] }>(input: string | PartSource, kind: 'terms' | 'library'): { header: H; record: <T extends { id: string }>(index: number, id: string) => T } {
  const source = typeof input === 'string' ? textSource(input) : input;
  let header: H;
  try {
    header = JSON.parse(source.header) as H;
  } catch (error) {
    throw new PartError(`its header is not valid JSON (${(error as Error).message})`);
  }
  checkWhole(header, kind);
  checkLineTable(header.lines, source.bodyLength);
  const record = <T extends { id: string }>(index: number, id: string): T => {
    let value: T;
    try {
      // The line without its newline.
      value = JSON.parse(source.body(header.lines[index], header.lines[index + 1] - 1)) as T;
    } catch (error) {
      throw new PartError(`its record for "${id}" is damaged (${(error as Error).message})`);
    }
    // A line table that points at the wrong line would hand out the wrong entry without this.
    if (value === null || typeof value !== 'object' || value.id !== id) throw new PartError(`its record for "${id}" is not where its line table says`);
    return value;
  };
  return { header, record };
}
