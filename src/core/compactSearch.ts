/**
 * The run-time search index: MiniSearch 7.2.0's `search()` reproduced exactly (same ids, order,
 * scores, terms, queryTerms and match) over a form that loads with little more than JSON.parse.
 *
 * Why not MiniSearch itself: `MiniSearch.loadJS` rebuilds a radix tree of Maps, one Map per term
 * and field, which costs a fresh process tens of milliseconds for a few thousand terms. Here the
 * build does that work once: the vocabulary and its postings are one string of lines in the order
 * the restored tree walks the terms, with a sorted table of line offsets for lookups, and a
 * term's postings are decoded when a query first touches the term.
 *
 * This module must not import minisearch, not even a type: the run-time bundle leaves it out.
 */
import { searchTermOf, tokenizeSearchText } from './searchTerms';

/**
 * Format version of `CompactIndexData`; bump when its shape or the postings encoding changes.
 *
 * @example
 *   if (data.format !== COMPACT_INDEX_FORMAT) rebuild();
 */
export const COMPACT_INDEX_FORMAT = 1;

/**
 * The serialisable index. Documents are numbered 0..n-1 in MiniSearch's short-id order, fields
 * 0..f-1 in its field-id order.
 *
 * @example
 *   const data: CompactIndexData = compactIndexFromMiniSearch(miniSearch.toJSON());
 */
export interface CompactIndexData {
  format: number;
  /** How many documents the index holds (BM25's document count). */
  documentCount: number;
  /** The id of each document. */
  documentIds: string[];
  /** The indexed field names, by field id. */
  fields: string[];
  /** Distinct terms per document and field, flat: `fieldLength[document * fields.length + field]`. */
  fieldLength: number[];
  /** Average of `fieldLength` per field, as MiniSearch computed it. */
  averageFieldLength: number[];
  /**
   * The vocabulary with its postings, one line per term, lines joined by `;`: the term, a space,
   * then its postings. A line's postings are one segment per field, by field id, joined by `|`
   * (trailing empty segments dropped); a segment is `,`-joined entries, each the base-36 gap from
   * the previous document (the first: the document itself), then `:` and the base-36 frequency
   * when it is not 1. E.g. `dome 3m,k|4,1:2;domes |9`.
   *
   * The lines follow the order in which MiniSearch's restored tree visits the terms depth first
   * (`fuzzyGet`'s order; `atPrefix` iterates the reverse): results with equal scores come out in
   * that order. One string rather than lists: JSON.parse makes one object instead of thousands,
   * which a fresh process parses and garbage-collects several times faster.
   */
  terms: string;
  /** Where each line of `terms` starts (its character offset), ordered by the lines' terms (UTF-16 code units): the binary search's table. */
  sortedTerms: number[];
  /** Each line's length, in line order: the typo search steps from line to line without looking for the `;`. */
  lineLengths: number[];
  /**
   * How many leading characters each line's term shares with the previous line's (0 for the
   * first), in line order: the typo search passes over a pruned branch on these alone. Stored,
   * not computed: a fresh process would spend milliseconds comparing every pair of neighbours.
   */
  sharedPrefix: number[];
}

type LowercaseCombination = 'or' | 'and' | 'and_not';

/**
 * How the results of a query's words combine, spelled as MiniSearch accepts it.
 *
 * @example
 *   const combineWith: CompactCombination = 'AND';
 */
export type CompactCombination = LowercaseCombination | Uppercase<LowercaseCombination> | Capitalize<LowercaseCombination>;

/**
 * One search result, shaped as MiniSearch's (the index stores no fields).
 *
 * @example
 *   const { id, score, match } = index.search('iron dome', QUERY_OPTIONS)[0];
 */
export type CompactResult = {
  id: string;
  score: number;
  /** The indexed terms that matched, prefix and fuzzy expansions included. */
  terms: string[];
  /** The query's words that matched. */
  queryTerms: string[];
  /** For each matched indexed term, the fields it matched in. */
  match: { [term: string]: string[] };
};

/**
 * The subset of MiniSearch's `SearchOptions` this index reproduces; a MiniSearch options object
 * without `boostDocument` or `tokenize`/`processTerm` can be passed as is. Defaults are
 * MiniSearch's library defaults (no per-index `searchOptions`): pass `boost` explicitly.
 *
 * @example
 *   index.search('arow 3', { ...QUERY_OPTIONS, combineWith: 'AND', filter: (result) => result.id !== 'x' })
 */
export interface CompactSearchOptions {
  /** Search only these fields (default: all). */
  fields?: string[];
  /** Weight per field; a missing or zero weight counts as 1, as in MiniSearch. */
  boost?: { [field: string]: number };
  boostTerm?: (term: string, index: number, terms: string[]) => number;
  prefix?: boolean | ((term: string, index: number, terms: string[]) => boolean);
  /**
   * Typo tolerance: a fraction below 1 of the word's length (capped by `maxFuzzy`), or a whole
   * number of edits; `true` means 0.2.
   */
  fuzzy?: boolean | number | ((term: string, index: number, terms: string[]) => boolean | number);
  maxFuzzy?: number;
  weights?: { fuzzy: number; prefix: number };
  combineWith?: CompactCombination;
  filter?: (result: CompactResult) => boolean;
  bm25?: { k: number; b: number; d: number };
}

/** MiniSearch 7.2.0's `defaultSearchOptions`. */
const DEFAULT_OPTIONS = {
  combineWith: 'or' as CompactCombination,
  prefix: false as NonNullable<CompactSearchOptions['prefix']>,
  fuzzy: false as NonNullable<CompactSearchOptions['fuzzy']>,
  maxFuzzy: 6,
  boost: {} as { [field: string]: number },
  weights: { fuzzy: 0.45, prefix: 0.375 },
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
};

/** One field's postings of one term: parallel arrays, documents ascending. */
interface FieldPostings {
  documents: number[];
  frequencies: number[];
}

/** A document's running result for one query, as MiniSearch accumulates it. */
interface RawResult {
  score: number;
  terms: string[];
  match: { [term: string]: string[] };
}

type RawResults = Map<number, RawResult>;

interface QuerySpec {
  term: string;
  fuzzy: boolean | number;
  prefix: boolean;
  termBoost: number;
}

const getOwnProperty = <T>(object: { [key: string]: T }, property: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(object, property) ? object[property] : undefined;

/** MiniSearch's BM25+ term score, written in the same operation order so sums agree to the bit. */
function bm25Score(termFrequency: number, matchingCount: number, totalCount: number, fieldLength: number, averageFieldLength: number, params: { k: number; b: number; d: number }): number {
  const { k, b, d } = params;
  const inverseDocumentFrequency = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return inverseDocumentFrequency * (d + (termFrequency * (k + 1)) / (termFrequency + k * (1 - b + (b * fieldLength) / averageFieldLength)));
}

function assignUniqueTerms(target: string[], source: readonly string[]): void {
  for (const term of source) if (!target.includes(term)) target.push(term);
}

/** MiniSearch's combinators: they reuse and mutate the first operand's results, and so do these. */
const COMBINATORS: { [operator in LowercaseCombination]: (a: RawResults, b: RawResults) => RawResults } = {
  or: (a, b) => {
    for (const documentId of b.keys()) {
      const existing = a.get(documentId);
      if (existing === undefined) {
        a.set(documentId, b.get(documentId)!);
      } else {
        const { score, terms, match } = b.get(documentId)!;
        existing.score = existing.score + score;
        existing.match = Object.assign(existing.match, match);
        assignUniqueTerms(existing.terms, terms);
      }
    }
    return a;
  },
  and: (a, b) => {
    // Ordered by the later word's results, as MiniSearch orders them.
    const combined: RawResults = new Map();
    for (const documentId of b.keys()) {
      const existing = a.get(documentId);
      if (existing === undefined) continue;
      const { score, terms, match } = b.get(documentId)!;
      assignUniqueTerms(existing.terms, terms);
      combined.set(documentId, { score: existing.score + score, terms: existing.terms, match: Object.assign(existing.match, match) });
    }
    return combined;
  },
  and_not: (a, b) => {
    for (const documentId of b.keys()) a.delete(documentId);
    return a;
  },
};

function combineResults(results: RawResults[], combineWith: string = 'or'): RawResults {
  if (results.length === 0) return new Map();
  const operator = combineWith.toLowerCase();
  const combinator = Object.prototype.hasOwnProperty.call(COMBINATORS, operator) ? COMBINATORS[operator as LowercaseCombination] : undefined;
  if (!combinator) throw new Error(`Invalid combination operator: ${combineWith}`);
  return results.reduce(combinator) || new Map();
}

function malformed(reason: string): Error {
  return new Error(`The compact search index is malformed: ${reason}.`);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isNumberArray(value: unknown, length: number): value is number[] {
  return Array.isArray(value) && value.length === length && value.every((item) => typeof item === 'number' && Number.isFinite(item));
}

/**
 * Searches a `CompactIndexData` exactly as MiniSearch 7.2.0 searches the index it was made from,
 * restored with `MiniSearch.loadJS`.
 *
 * @example
 *   const index = CompactSearchIndex.load(JSON.parse(searchJson));
 *   index.search('iron dome', { ...QUERY_OPTIONS, combineWith: 'AND' })[0].id // => 'iron-dome'
 */
export class CompactSearchIndex {
  /** Each term's postings by the offset of its line, decoded the first time a query touches the term. */
  private readonly decoded = new Map<number, readonly (FieldPostings | undefined)[]>();
  private readonly fieldIds: { [field: string]: number } = Object.create(null);
  /** The Levenshtein table, kept between queries so typing does not allocate one per word. */
  private table = new Int32Array(0);
  private readonly text: string;

  private constructor(private readonly data: CompactIndexData) {
    this.text = data.terms;
    data.fields.forEach((field, id) => (this.fieldIds[field] = id));
  }

  /**
   * Wraps parsed `CompactIndexData`, checking its shape; the lines of `terms` and the entries of
   * `sortedTerms` are checked when a query first reads them, since a fresh process would spend
   * milliseconds checking thousands a search never reads. Throws an Error saying what is wrong.
   *
   * @example
   *   const index = CompactSearchIndex.load(JSON.parse(readFileSync('search.json', 'utf8')));
   */
  static load(data: unknown): CompactSearchIndex {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw malformed('it is not an object');
    const candidate = data as Partial<CompactIndexData>;
    if (candidate.format !== COMPACT_INDEX_FORMAT) throw malformed(`its format is ${JSON.stringify(candidate.format)}, not ${COMPACT_INDEX_FORMAT}`);
    const { documentIds, fields, documentCount, fieldLength, averageFieldLength, terms, sortedTerms, lineLengths, sharedPrefix } = candidate;
    if (!isStringArray(documentIds)) throw malformed('"documentIds" is not a list of strings');
    if (documentCount !== documentIds.length) throw malformed(`"documentCount" is ${JSON.stringify(documentCount)}, but there are ${documentIds.length} documents`);
    if (!isStringArray(fields) || fields.length === 0) throw malformed('"fields" is not a non-empty list of strings');
    if (!isNumberArray(fieldLength, documentIds.length * fields.length)) throw malformed('"fieldLength" is not a list of one number per document and field');
    if (!isNumberArray(averageFieldLength, fields.length)) throw malformed('"averageFieldLength" is not a list of one number per field');
    if (typeof terms !== 'string') throw malformed('"terms" is not a string');
    // Its entries are checked as searches read them (`sortedLine`), and their order not at all:
    // a wrong order, which only a broken build could write, misses words rather than failing.
    if (!Array.isArray(sortedTerms)) throw malformed('"sortedTerms" is not a list');
    if (!Array.isArray(lineLengths) || lineLengths.length !== sortedTerms.length) throw malformed('"lineLengths" is not a list of one length per entry of "sortedTerms"');
    if (!Array.isArray(sharedPrefix) || sharedPrefix.length !== sortedTerms.length) throw malformed('"sharedPrefix" is not a list of one length per entry of "sortedTerms"');
    return new CompactSearchIndex(candidate as CompactIndexData);
  }

  /** How many documents the index holds. @example index.documentCount // => 180 */
  get documentCount(): number {
    return this.data.documentCount;
  }

  /**
   * MiniSearch 7.2.0's `search(query, options)` for a string query, with the same results.
   *
   * @example
   *   index.search('arow 3', { ...QUERY_OPTIONS, combineWith: 'OR' }).map((result) => result.id)
   */
  search(query: string, options: CompactSearchOptions = {}): CompactResult[] {
    const settings = { ...DEFAULT_OPTIONS, ...options };
    const words = tokenizeSearchText(query)
      .map((word) => searchTermOf(word))
      .filter((word): word is string => !!word);
    // Every word's spec first, then every search: the option callbacks run in MiniSearch's order.
    const specs = words.map((term, index, terms): QuerySpec => ({
      term,
      fuzzy: typeof settings.fuzzy === 'function' ? settings.fuzzy(term, index, terms) : settings.fuzzy || false,
      prefix: typeof settings.prefix === 'function' ? settings.prefix(term, index, terms) : settings.prefix === true,
      termBoost: typeof settings.boostTerm === 'function' ? settings.boostTerm(term, index, terms) : 1,
    }));
    const raw = combineResults(
      specs.map((spec) => this.executeSpec(spec, settings)),
      settings.combineWith,
    );
    const results: CompactResult[] = [];
    for (const [documentId, { score, terms, match }] of raw) {
      const quality = terms.length || 1;
      const result: CompactResult = { id: this.data.documentIds[documentId], score: score * quality, terms: Object.keys(match), queryTerms: terms, match };
      if (settings.filter == null || settings.filter(result)) results.push(result);
    }
    // Array#sort is stable: equal scores keep the order the documents were first matched in.
    results.sort((a, b) => b.score - a.score);
    return results;
  }

  /** MiniSearch's `executeQuerySpec`: the exact term, then prefix expansions, then fuzzy ones. */
  private executeSpec(spec: QuerySpec, settings: typeof DEFAULT_OPTIONS & CompactSearchOptions): RawResults {
    const fieldBoosts = (settings.fields || this.data.fields).reduce<{ [field: string]: number }>(
      (boosts, field) => ({ ...boosts, [field]: getOwnProperty(settings.boost, field) || 1 }),
      {},
    );
    const { fuzzy: fuzzyWeight, prefix: prefixWeight } = { ...DEFAULT_OPTIONS.weights, ...settings.weights };
    const { term, termBoost } = spec;
    const results: RawResults = new Map();
    const exact = this.exactTerm(term);
    if (exact >= 0) this.termResults(term, term, exact, 1, termBoost, fieldBoosts, settings.bm25, results);

    let fuzzyMatches: number[] | undefined;
    if (spec.fuzzy) {
      const fuzzy = spec.fuzzy === true ? 0.2 : spec.fuzzy;
      const maxDistance = fuzzy < 1 ? Math.min(settings.maxFuzzy, Math.round(term.length * fuzzy)) : fuzzy;
      if (maxDistance) fuzzyMatches = this.fuzzyMatches(term, maxDistance);
    }
    if (spec.prefix) {
      for (const line of this.prefixMatches(term)) {
        const derived = this.termAt(line);
        const distance = derived.length - term.length;
        if (!distance) continue;
        const weight = (prefixWeight * derived.length) / (derived.length + 0.3 * distance);
        this.termResults(term, derived, line, weight, termBoost, fieldBoosts, settings.bm25, results);
      }
    }
    if (fuzzyMatches) {
      for (let at = 0; at < fuzzyMatches.length; at += 2) {
        const line = fuzzyMatches[at];
        const distance = fuzzyMatches[at + 1];
        const derived = this.termAt(line);
        // MiniSearch drops a fuzzy match that is also a prefix match: it was scored as one.
        if (!distance || (spec.prefix && derived.startsWith(term))) continue;
        const weight = (fuzzyWeight * derived.length) / (derived.length + distance);
        this.termResults(term, derived, line, weight, termBoost, fieldBoosts, settings.bm25, results);
      }
    }
    return results;
  }

  /** MiniSearch's `termResults`: adds one indexed term's BM25 scores to `results`. */
  private termResults(sourceTerm: string, derivedTerm: string, line: number, termWeight: number, termBoost: number, fieldBoosts: { [field: string]: number }, bm25: { k: number; b: number; d: number }, results: RawResults): void {
    const postings = this.postingsOf(line);
    const fieldCount = this.data.fields.length;
    for (const field of Object.keys(fieldBoosts)) {
      const fieldBoost = fieldBoosts[field];
      const fieldId = this.fieldIds[field];
      const fieldPostings = fieldId === undefined ? undefined : postings[fieldId];
      if (fieldPostings === undefined) continue;
      const { documents, frequencies } = fieldPostings;
      const matchingFields = documents.length;
      const averageFieldLength = this.data.averageFieldLength[fieldId];
      for (let at = 0; at < documents.length; at++) {
        const documentId = documents[at];
        const fieldLength = this.data.fieldLength[documentId * fieldCount + fieldId];
        const rawScore = bm25Score(frequencies[at], matchingFields, this.data.documentCount, fieldLength, averageFieldLength, bm25);
        const weightedScore = termWeight * termBoost * fieldBoost * rawScore;
        const result = results.get(documentId);
        if (result) {
          result.score += weightedScore;
          if (!result.terms.includes(sourceTerm)) result.terms.push(sourceTerm);
          const match = getOwnProperty(result.match, derivedTerm);
          if (match) match.push(field);
          else result.match[derivedTerm] = [field];
        } else {
          results.set(documentId, { score: weightedScore, terms: [sourceTerm], match: { [derivedTerm]: [field] } });
        }
      }
    }
  }

  /** Where the term of the line at `line` ends (the space before its postings). */
  private termEnd(line: number): number {
    const space = this.text.indexOf(' ', line);
    const next = this.text.indexOf(';', line);
    if (space < 0 || (next >= 0 && next < space)) throw malformed(`the line at ${line} of "terms" has no space after its term`);
    return space;
  }

  private termAt(line: number): string {
    return this.text.slice(line, this.termEnd(line));
  }

  /**
   * Compares the term of the line at `line` with `term` as JavaScript compares strings (by UTF-16
   * code units), without cutting the term out of the text: negative when it sorts first.
   */
  private compareTerm(line: number, term: string): number {
    const { text } = this;
    for (let at = 0; ; at++) {
      const code = text.charCodeAt(line + at);
      // Terms hold no space or ';', so either ends the line's term.
      const ended = code === SPACE || code === LINE_BREAK || Number.isNaN(code);
      if (at === term.length) return ended ? 0 : 1;
      if (ended) return -1;
      const difference = code - term.charCodeAt(at);
      if (difference !== 0) return difference;
    }
  }

  /** The line of `term`, or -1. */
  private exactTerm(term: string): number {
    const { sortedTerms } = this.data;
    const at = this.lowerBound(term);
    return at < sortedTerms.length && this.compareTerm(this.sortedLine(at), term) === 0 ? this.sortedLine(at) : -1;
  }

  /** The first place in `sortedTerms` whose term is not below `term`. */
  private lowerBound(term: string): number {
    const { sortedTerms } = this.data;
    let low = 0;
    let high = sortedTerms.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compareTerm(this.sortedLine(middle), term) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The lines of the terms starting with `prefix` (itself included), in the order `atPrefix` iterates them. */
  private prefixMatches(prefix: string): number[] {
    const { text } = this;
    const { sortedTerms } = this.data;
    const found: number[] = [];
    for (let at = this.lowerBound(prefix); at < sortedTerms.length; at++) {
      const line = this.sortedLine(at);
      if (!text.startsWith(prefix, line) || this.termEnd(line) < line + prefix.length) break;
      found.push(line);
    }
    // The tree's iterator walks each node's children last-inserted first: the reverse of the lines' order.
    return found.sort((a, b) => b - a);
  }

  /**
   * The terms within `maxDistance` edits (insert, delete, substitute) of `query`, in line order,
   * as flat `[line, distance, ...]` pairs: what `fuzzyGet` finds, in its order. The lines are a
   * depth-first walk of a prefix tree, so every prefix's terms are neighbours: each term reuses
   * the table rows of the prefix it shares with the last term computed, and once a prefix is out
   * of reach, the terms sharing it are passed over on their shared-prefix length alone, as the
   * tree walk prunes a branch.
   */
  private fuzzyMatches(query: string, maxDistance: number): number[] {
    const { text } = this;
    const { lineLengths, sharedPrefix } = this.data;
    const count = lineLengths.length;
    const columns = query.length + 1;
    const longest = query.length + maxDistance;
    const size = columns * (longest + 1);
    if (this.table.length < size) this.table = new Int32Array(size);
    const table = this.table;
    // Only a band of each row is computed, as in MiniSearch: a cell more than `maxDistance` off
    // the diagonal is out of reach whatever it holds, so it keeps a value just beyond reach.
    table.fill(maxDistance + 1, 0, size);
    for (let column = 0; column < columns; column++) table[column] = column;
    const found: number[] = [];
    let computed = 0; // the line of the last term computed, whose rows 1..validRows the table holds
    let validRows = 0;
    let prunedAt = Infinity; // that term's row beyond reach, if any
    let common = 0; // how many letters the current term shares with that term
    let line = 0;
    for (let index = 0; index < count; line += lineLengths[index] + 1, index++) {
      common = Math.min(common, sharedPrefix[index]);
      if (common >= prunedAt) continue;
      const end = text.indexOf(' ', line);
      if (end < 0 || end >= line + lineLengths[index]) throw malformed(`the line at ${line} of "terms" has no space after its term within its length`);
      const length = end - line;
      const lastRow = Math.min(length, longest);
      let row = Math.min(common, validRows, lastRow) + 1;
      let pruned = false;
      for (; row <= lastRow; row++) {
        const char = text.charCodeAt(line + row - 1);
        const here = row * columns;
        const above = here - columns;
        table[here] = row;
        let rowMinimum = row;
        const bandEnd = Math.min(columns - 1, row + maxDistance);
        for (let column = Math.max(1, row - maxDistance); column <= bandEnd; column++) {
          const substitute = table[above + column - 1] + (char === query.charCodeAt(column - 1) ? 0 : 1);
          const remove = table[above + column] + 1;
          const insert = table[here + column - 1] + 1;
          const distance = substitute < remove ? (substitute < insert ? substitute : insert) : remove < insert ? remove : insert;
          table[here + column] = distance;
          if (distance < rowMinimum) rowMinimum = distance;
        }
        if (rowMinimum > maxDistance) {
          pruned = true;
          break;
        }
      }
      computed = line;
      common = length;
      if (pruned) {
        validRows = row;
        prunedAt = row;
        continue;
      }
      validRows = lastRow;
      // A term longer than `longest` is out of reach at its next letter, and so is every term sharing that prefix.
      prunedAt = length > longest ? longest + 1 : Infinity;
      if (length <= longest) {
        const distance = table[length * columns + columns - 1];
        if (distance <= maxDistance) found.push(computed, distance);
      }
    }
    if (count > 0 && line !== text.length + 1) throw malformed(`"lineLengths" add up to ${line - count}, not to the ${text.length - count + 1} characters of the lines of "terms"`);
    return found;
  }

  /**
   * The line offset at `at` in `sortedTerms`, checked when read rather than all at load: a
   * fresh process would spend a millisecond checking thousands of entries a search never reads.
   */
  private sortedLine(at: number): number {
    const line = this.data.sortedTerms[at];
    if (!(Number.isInteger(line) && line >= 0 && line < this.text.length && (line === 0 || this.text.charCodeAt(line - 1) === LINE_BREAK))) {
      throw malformed(`"sortedTerms" holds ${JSON.stringify(line)}, which is not where a line of "terms" starts`);
    }
    return line;
  }

  /** The postings of the line at `line`, by field id, decoded on first use. */
  private postingsOf(line: number): readonly (FieldPostings | undefined)[] {
    const known = this.decoded.get(line);
    if (known !== undefined) return known;
    const start = this.termEnd(line) + 1;
    const next = this.text.indexOf(';', start);
    const postings = decodePostings(this.text, start, next < 0 ? this.text.length : next, this.data.fields.length, this.data.documentCount);
    if (postings === undefined) throw malformed(`the postings of "${this.termAt(line)}" cannot be read`);
    this.decoded.set(line, postings);
    return postings;
  }
}

const SPACE = 32;
const LINE_BREAK = 59; // ';'
const COLON = 58;
const COMMA = 44;
const BAR = 124;

/** The value of a base-36 digit's char code, or -1. */
function digitValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  return -1;
}

/**
 * Reads one line's postings (see `CompactIndexData.terms`) from `text[from, to)` in place, or
 * `undefined` when malformed.
 */
function decodePostings(text: string, from: number, to: number, fieldCount: number, documentCount: number): (FieldPostings | undefined)[] | undefined {
  const byField: (FieldPostings | undefined)[] = [];
  let documents: number[] = [];
  let frequencies: number[] = [];
  let document = 0;
  let gap = 0;
  let number = 0;
  let digits = 0;
  let afterColon = false;
  for (let at = from; at <= to; at++) {
    const code = at < to ? text.charCodeAt(at) : BAR;
    const value = digitValue(code);
    if (value >= 0) {
      number = number * 36 + value;
      digits++;
    } else if (code === COLON && !afterColon && digits > 0) {
      gap = number;
      afterColon = true;
      number = digits = 0;
    } else if (code === COMMA || code === BAR) {
      if (digits > 0) {
        const frequency = afterColon ? number : 1;
        document += afterColon ? gap : number;
        if (frequency < 1 || document >= documentCount) return undefined;
        documents.push(document);
        frequencies.push(frequency);
      } else if (code === COMMA || afterColon || documents.length > 0) {
        return undefined;
      }
      number = digits = 0;
      afterColon = false;
      if (code === BAR) {
        byField.push(documents.length > 0 ? { documents, frequencies } : undefined);
        documents = [];
        frequencies = [];
        document = 0;
      }
    } else {
      return undefined;
    }
  }
  return byField.length <= fieldCount ? byField : undefined;
}

/** MiniSearch's serialised index (serializationVersion 2), as far as the conversion reads it. */
interface MiniSearchJson {
  documentCount: number;
  documentIds: { [shortId: string]: unknown };
  fieldIds: { [field: string]: number };
  fieldLength: { [shortId: string]: (number | null)[] };
  averageFieldLength: (number | null)[];
  storedFields: { [shortId: string]: unknown };
  index: [string, { [fieldId: string]: { [shortId: string]: number } }][];
  serializationVersion: number;
}

/** A node of MiniSearch's radix tree: edges by label, and '' for the term ending here. */
type TreeNode = Map<string, TreeNode | number>;

/**
 * Inserts `key` as `SearchableMap#set` does (its `createPath`), so the simulated tree's Maps
 * end up with MiniSearch's child order, splits included.
 */
function insertIntoTree(root: TreeNode, key: string, value: number): void {
  let node = root;
  let position = 0;
  outer: while (position < key.length) {
    for (const label of node.keys()) {
      if (label !== '' && key[position] === label[0]) {
        const length = Math.min(key.length - position, label.length);
        let offset = 1;
        while (offset < length && key[position + offset] === label[offset]) ++offset;
        const child = node.get(label) as TreeNode;
        if (offset === label.length) {
          node = child;
        } else {
          const intermediate: TreeNode = new Map();
          intermediate.set(label.slice(offset), child);
          node.set(key.slice(position, position + offset), intermediate);
          node.delete(label);
          node = intermediate;
        }
        position += offset;
        continue outer;
      }
    }
    const child: TreeNode = new Map();
    node.set(key.slice(position), child);
    node = child;
    break;
  }
  node.set('', value);
}

/** The values of `node`'s subtree in `fuzzyGet`'s visiting order: depth first, Map order. */
function depthFirst(node: TreeNode, out: number[]): number[] {
  for (const [label, child] of node) {
    if (label === '') out.push(child as number);
    else depthFirst(child as TreeNode, out);
  }
  return out;
}

function encodePostings(fieldData: { [fieldId: string]: { [shortId: string]: number } }, fieldCount: number, documentOf: Map<number, number>, term: string): string {
  const segments: string[] = [];
  for (let fieldId = 0; fieldId < fieldCount; fieldId++) {
    const frequencies = getOwnProperty(fieldData, String(fieldId));
    if (frequencies === undefined) {
      segments.push('');
      continue;
    }
    // Object.keys lists integer keys ascending: the order loadJS restores and termResults walks.
    const entries: string[] = [];
    let previous = 0;
    for (const shortId of Object.keys(frequencies)) {
      const document = documentOf.get(Number(shortId));
      const frequency = frequencies[shortId];
      if (document === undefined) throw new Error(`MiniSearch index: "${term}" lists document ${shortId}, which the index does not hold (build a fresh index: discarded documents are not supported).`);
      if (!Number.isInteger(frequency) || frequency < 1) throw new Error(`MiniSearch index: "${term}" has frequency ${JSON.stringify(frequency)} in document ${shortId}.`);
      entries.push((document - previous).toString(36) + (frequency === 1 ? '' : `:${frequency.toString(36)}`));
      previous = document;
    }
    segments.push(entries.join(','));
  }
  while (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
  return segments.join('|');
}

/**
 * Converts `MiniSearch#toJSON()` output (serializationVersion 2, no stored fields) into the
 * compact form; build time only. Throws an Error naming what it cannot convert.
 *
 * @example
 *   const data = compactIndexFromMiniSearch(miniSearch.toJSON());
 *   writeFileSync('dist/search.json', JSON.stringify(data));
 */
export function compactIndexFromMiniSearch(json: unknown): CompactIndexData {
  const fail = (reason: string) => new Error(`Not a MiniSearch index this can convert: ${reason}.`);
  if (json === null || typeof json !== 'object') throw fail('it is not an object');
  const source = json as Partial<MiniSearchJson>;
  if (source.serializationVersion !== 2) throw fail(`serializationVersion is ${JSON.stringify(source.serializationVersion)}, not 2`);
  const { documentCount, documentIds, fieldIds, fieldLength, averageFieldLength, storedFields, index } = source;
  if (!documentIds || typeof documentIds !== 'object' || !fieldIds || typeof fieldIds !== 'object' || !fieldLength || typeof fieldLength !== 'object') throw fail('documentIds, fieldIds or fieldLength is missing');
  if (!Array.isArray(averageFieldLength) || !Array.isArray(index)) throw fail('averageFieldLength or index is not a list');
  if (storedFields && Object.keys(storedFields).length > 0) throw fail('it stores fields, which search results would have to carry');

  const fields: string[] = [];
  for (const [field, id] of Object.entries(fieldIds)) fields[id] = field;
  if (fields.length !== Object.keys(fieldIds).length || fields.some((field) => field === undefined)) throw fail('its field ids are not 0..n-1');

  // Documents numbered densely in short-id order: postings list short ids ascending, so the order survives.
  const shortIds = Object.keys(documentIds).map(Number);
  const documentOf = new Map(shortIds.map((shortId, document) => [shortId, document]));
  const ids = shortIds.map((shortId) => documentIds[String(shortId)]);
  if (!ids.every((id): id is string => typeof id === 'string')) throw fail('a document id is not a string');
  if (documentCount !== ids.length) throw fail(`documentCount is ${JSON.stringify(documentCount)} for ${ids.length} documents`);
  const lengths = shortIds.flatMap((shortId) => fields.map((_, fieldId) => fieldLength[String(shortId)]?.[fieldId] ?? 0));

  // loadJS inserts the terms in serialised order into a fresh tree, whose Map order (and so its
  // iteration order) differs from the tree that was serialised: simulate it.
  const tree: TreeNode = new Map();
  index.forEach(([term], position) => insertIntoTree(tree, term, position));
  // A term without postings (left by a removal) matches no document: leaving it out changes no result.
  const order = depthFirst(tree, []).filter((position) => Object.values(index[position][1]).some((frequencies) => Object.keys(frequencies).length > 0));
  return {
    format: COMPACT_INDEX_FORMAT,
    documentCount,
    documentIds: ids,
    fields,
    fieldLength: lengths,
    averageFieldLength: fields.map((_, fieldId) => averageFieldLength[fieldId] ?? 0),
    ...termTables(
      order.map((position) => index[position][0]),
      order.map((position) => index[position][1]),
      fields.length,
      documentOf,
      fail,
    ),
  };
}

/**
 * The vocabulary's lines and tables (see `CompactIndexData`), from the terms in tree order and
 * each one's postings as MiniSearch serialises them (`{ fieldId: { shortId: frequency } }`).
 */
function termTables(
  terms: string[],
  postings: { [fieldId: string]: { [shortId: string]: number } }[],
  fieldCount: number,
  documentOf: Map<number, number>,
  fail: (reason: string) => Error,
): Pick<CompactIndexData, 'terms' | 'sortedTerms' | 'lineLengths' | 'sharedPrefix'> {
  const separator = terms.find((term) => /[ ;]/.test(term) || term === '');
  if (separator !== undefined) throw fail(`the term ${JSON.stringify(separator)} is empty or holds a space or ';', which separate the terms`);
  const lines = terms.map((term, line) => `${term} ${encodePostings(postings[line], fieldCount, documentOf, term)}`);
  const starts: number[] = [];
  lines.reduce((start, line) => (starts.push(start), start + line.length + 1), 0);
  const sortedTerms = starts.map((_, line) => line).sort((a, b) => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0)).map((line) => starts[line]);
  const sharedPrefix = terms.map((term, line) => {
    const previous = line > 0 ? terms[line - 1] : '';
    let shared = 0;
    while (shared < term.length && shared < previous.length && term[shared] === previous[shared]) shared++;
    return shared;
  });
  return { terms: lines.join(';'), sortedTerms, lineLengths: lines.map((line) => line.length), sharedPrefix };
}

/**
 * What `compactIndexFromDocuments` needs of MiniSearch's `Options`; `INDEX_OPTIONS` fits. Without
 * `tokenize` and `processTerm` it uses the project's (searchTerms.ts), not MiniSearch's defaults.
 *
 * @example
 *   const options: CompactIndexOptions = { fields: ['title', 'body'] };
 */
export interface CompactIndexOptions {
  fields: string[];
  idField?: string;
  tokenize?: (text: string, fieldName?: string) => string[];
  processTerm?: (term: string, fieldName?: string) => string | string[] | null | undefined | false;
  storeFields?: string[];
}

/**
 * Indexes documents directly, as `new MiniSearch(options)` then `addAll(documents)` would, for a
 * search that answers as that fresh instance does: for indexes made at run time (a workspace
 * glossary), where minisearch is not bundled. The document ids must be strings.
 *
 * @example
 *   const index = CompactSearchIndex.load(compactIndexFromDocuments(glossaryTerms.map(toIndexedDocument), INDEX_OPTIONS));
 */
export function compactIndexFromDocuments(documents: readonly object[], options: CompactIndexOptions): CompactIndexData {
  const fail = (reason: string) => new Error(`These documents cannot be indexed: ${reason}.`);
  const { fields, idField = 'id', tokenize = tokenizeSearchText, processTerm = searchTermOf, storeFields = [] } = options;
  if (storeFields.length > 0) throw fail('stored fields are not supported');
  if (new Set(fields).size !== fields.length) throw fail('a field is listed twice');
  const ids: string[] = [];
  const seen = new Set<string>();
  const fieldLength: number[] = [];
  const averageFieldLength: number[] = [];
  const postingsOf = new Map<string, { [fieldId: string]: { [shortId: string]: number } }>();
  const terms: string[] = [];
  // The tree grows as MiniSearch's does: each term inserted where it first occurs.
  const tree: TreeNode = new Map();
  const addTerm = (term: unknown, fieldId: number, document: number) => {
    if (typeof term !== 'string') throw fail(`processTerm gave ${JSON.stringify(term)}, not a string`);
    let postings = postingsOf.get(term);
    if (postings === undefined) {
      postings = {};
      postingsOf.set(term, postings);
      insertIntoTree(tree, term, terms.length);
      terms.push(term);
    }
    const frequencies = (postings[fieldId] ??= {});
    frequencies[document] = (frequencies[document] || 0) + 1;
  };
  for (const candidate of documents) {
    const document = candidate as { [field: string]: unknown };
    const id = document[idField];
    if (typeof id !== 'string') throw fail(`a document's "${idField}" is ${JSON.stringify(id)}, not a string`);
    if (seen.has(id)) throw fail(`the id ${JSON.stringify(id)} is used twice`);
    seen.add(id);
    const shortId = ids.push(id) - 1;
    fields.forEach((field, fieldId) => {
      const value = document[field];
      if (value == null) return;
      const tokens = tokenize(String(value), field);
      // MiniSearch counts distinct raw tokens, before processTerm, and averages as it goes: the same sums, in the same order.
      const length = new Set(tokens).size;
      fieldLength[shortId * fields.length + fieldId] = length;
      averageFieldLength[fieldId] = ((averageFieldLength[fieldId] || 0) * shortId + length) / (shortId + 1);
      for (const token of tokens) {
        const processed = processTerm(token, field);
        if (Array.isArray(processed)) for (const term of processed) addTerm(term, fieldId, shortId);
        else if (processed) addTerm(processed, fieldId, shortId);
      }
    });
  }
  const order = depthFirst(tree, []);
  return {
    format: COMPACT_INDEX_FORMAT,
    documentCount: ids.length,
    documentIds: ids,
    fields: [...fields],
    fieldLength: Array.from({ length: ids.length * fields.length }, (_, at) => fieldLength[at] ?? 0),
    averageFieldLength: fields.map((_, fieldId) => averageFieldLength[fieldId] ?? 0),
    ...termTables(
      order.map((position) => terms[position]),
      order.map((position) => postingsOf.get(terms[position])!),
      fields.length,
      new Map(ids.map((_, document) => [document, document])),
      fail,
    ),
  };
}
