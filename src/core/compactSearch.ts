/**
 * The run-time search index: MiniSearch 7.2.0's `search()` reproduced exactly (same ids, order,
 * scores, terms, queryTerms and match) over a form that loads with little more than JSON.parse.
 *
 * Why not MiniSearch itself: `MiniSearch.loadJS` rebuilds a radix tree of Maps, one Map per term
 * and field, which costs a fresh process tens of milliseconds for a few thousand terms. Here the
 * build does that work once: the vocabulary is stored in the order the restored tree walks it,
 * with a sorted permutation for lookups, and each term's postings stay a short string until a
 * query touches the term.
 *
 * This module must not import minisearch, not even a type: the run-time bundle leaves it out.
 */
import { searchTermOf, tokenizeSearchText } from './searchTerms';

/** Format version of `CompactIndexData`; bump when its shape or the postings encoding changes. */
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
   * The vocabulary in the order MiniSearch's restored tree visits it depth first (`fuzzyGet`'s
   * order; `atPrefix` iterates the reverse). Results with equal scores come out in this order.
   */
  terms: string[];
  /** Positions in `terms`, ordered by the terms' UTF-16 code units, for binary search. */
  sortedTerms: number[];
  /**
   * Per term, its documents and frequencies: one segment per field, by field id, joined by `|`
   * (trailing empty segments dropped); a segment is `,`-joined entries, each the base-36 gap from
   * the previous document (the first: the document itself), then `:` and the base-36 frequency
   * when it is not 1.
   */
  postings: string[];
}

/** How MiniSearch combines the results of a query's words. */
type LowercaseCombination = 'or' | 'and' | 'and_not';
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

function combineResults(results: RawResults[], combineWith: string): RawResults {
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
 *   const index = CompactSearchIndex.load(JSON.parse(json).search);
 *   index.search('iron dome', { ...QUERY_OPTIONS, combineWith: 'AND' })[0].id // => 'iron-dome'
 */
export class CompactSearchIndex {
  /** Each term's postings, decoded the first time a query touches the term. */
  private readonly decoded: (readonly (FieldPostings | undefined)[])[] = [];
  private readonly fieldIds: { [field: string]: number } = Object.create(null);
  /** The Levenshtein table, kept between queries so typing does not allocate one per word. */
  private table = new Int32Array(0);

  private constructor(private readonly data: CompactIndexData) {
    data.fields.forEach((field, id) => (this.fieldIds[field] = id));
  }

  /**
   * Wraps parsed `CompactIndexData`, checking its shape (not every posting: those are checked
   * when a query first reads them). Throws an Error saying what is wrong with a malformed object.
   *
   * @example
   *   const index = CompactSearchIndex.load(JSON.parse(readFileSync('search.json', 'utf8')));
   */
  static load(data: unknown): CompactSearchIndex {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw malformed('it is not an object');
    const candidate = data as Partial<CompactIndexData>;
    if (candidate.format !== COMPACT_INDEX_FORMAT) throw malformed(`its format is ${JSON.stringify(candidate.format)}, not ${COMPACT_INDEX_FORMAT}`);
    const { documentIds, fields, documentCount, fieldLength, averageFieldLength, terms, sortedTerms, postings } = candidate;
    if (!isStringArray(documentIds)) throw malformed('"documentIds" is not a list of strings');
    if (documentCount !== documentIds.length) throw malformed(`"documentCount" is ${JSON.stringify(documentCount)}, but there are ${documentIds.length} documents`);
    if (!isStringArray(fields) || fields.length === 0) throw malformed('"fields" is not a non-empty list of strings');
    if (!isNumberArray(fieldLength, documentIds.length * fields.length)) throw malformed('"fieldLength" is not a list of one number per document and field');
    if (!isNumberArray(averageFieldLength, fields.length)) throw malformed('"averageFieldLength" is not a list of one number per field');
    if (!isStringArray(terms)) throw malformed('"terms" is not a list of strings');
    if (!isStringArray(postings) || postings.length !== terms.length) throw malformed('"postings" is not a list of one string per term');
    if (!Array.isArray(sortedTerms) || sortedTerms.length !== terms.length) throw malformed('"sortedTerms" is not a list of one position per term');
    // Strictly ascending terms through in-range positions make it a permutation the binary search can trust.
    let previous: string | undefined;
    for (const position of sortedTerms) {
      const term = Number.isInteger(position) ? terms[position] : undefined;
      if (term === undefined || (previous !== undefined && !(previous < term))) throw malformed('"sortedTerms" does not list the terms in ascending order');
      previous = term;
    }
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
    this.termResults(term, this.exactTerm(term), 1, termBoost, fieldBoosts, settings.bm25, results);

    let fuzzyMatches: number[] | undefined;
    if (spec.fuzzy) {
      const fuzzy = spec.fuzzy === true ? 0.2 : spec.fuzzy;
      const maxDistance = fuzzy < 1 ? Math.min(settings.maxFuzzy, Math.round(term.length * fuzzy)) : fuzzy;
      if (maxDistance) fuzzyMatches = this.fuzzyMatches(term, maxDistance);
    }
    if (spec.prefix) {
      for (const index of this.prefixMatches(term)) {
        const derived = this.data.terms[index];
        const distance = derived.length - term.length;
        if (!distance) continue;
        const weight = (prefixWeight * derived.length) / (derived.length + 0.3 * distance);
        this.termResults(term, index, weight, termBoost, fieldBoosts, settings.bm25, results);
      }
    }
    if (fuzzyMatches) {
      for (let at = 0; at < fuzzyMatches.length; at += 2) {
        const index = fuzzyMatches[at];
        const distance = fuzzyMatches[at + 1];
        const derived = this.data.terms[index];
        // MiniSearch drops a fuzzy match that is also a prefix match: it was scored as one.
        if (!distance || (spec.prefix && derived.startsWith(term))) continue;
        const weight = (fuzzyWeight * derived.length) / (derived.length + distance);
        this.termResults(term, index, weight, termBoost, fieldBoosts, settings.bm25, results);
      }
    }
    return results;
  }

  /** MiniSearch's `termResults`: adds one indexed term's BM25 scores to `results`. */
  private termResults(sourceTerm: string, index: number, termWeight: number, termBoost: number, fieldBoosts: { [field: string]: number }, bm25: { k: number; b: number; d: number }, results: RawResults): void {
    if (index < 0) return;
    const derivedTerm = this.data.terms[index];
    const postings = this.postingsOf(index);
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

  /** Where `term` is in `terms`, or -1. */
  private exactTerm(term: string): number {
    const { terms, sortedTerms } = this.data;
    const at = this.lowerBound(term);
    return at < sortedTerms.length && terms[sortedTerms[at]] === term ? sortedTerms[at] : -1;
  }

  /** The first place in `sortedTerms` whose term is not below `term`. */
  private lowerBound(term: string): number {
    const { terms, sortedTerms } = this.data;
    let low = 0;
    let high = sortedTerms.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (terms[sortedTerms[middle]] < term) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The terms starting with `prefix` (itself included), in the order `atPrefix` iterates them. */
  private prefixMatches(prefix: string): number[] {
    const { terms, sortedTerms } = this.data;
    const found: number[] = [];
    for (let at = this.lowerBound(prefix); at < sortedTerms.length && terms[sortedTerms[at]].startsWith(prefix); at++) found.push(sortedTerms[at]);
    // The tree's iterator walks each node's children last-inserted first: the reverse of `terms`.
    return found.sort((a, b) => b - a);
  }

  /**
   * The terms within `maxDistance` edits (insert, delete, substitute) of `query`, in `terms`
   * order, as flat `[index, distance, ...]` pairs: what `fuzzyGet` finds, in its order.
   * `terms` is a depth-first walk of a prefix tree, so neighbours share prefixes: each term
   * reuses the table rows of the shared prefix, and once a prefix is out of reach every term
   * below it is skipped, as the tree walk prunes a branch.
   */
  private fuzzyMatches(query: string, maxDistance: number): number[] {
    const { terms } = this.data;
    const columns = query.length + 1;
    const longest = query.length + maxDistance;
    const shortest = query.length - maxDistance;
    if (this.table.length < columns * (longest + 1)) this.table = new Int32Array(columns * (longest + 1));
    const table = this.table;
    for (let column = 0; column < columns; column++) table[column] = column;
    const found: number[] = [];
    let previous = '';
    let validRows = 0;
    let prunedAt = Infinity;
    for (let index = 0; index < terms.length; index++) {
      const term = terms[index];
      const length = term.length;
      if (length > longest || length < shortest) continue;
      const limit = Math.min(validRows, length);
      let shared = 0;
      while (shared < limit && term.charCodeAt(shared) === previous.charCodeAt(shared)) shared++;
      if (shared >= prunedAt) continue;
      let row = shared + 1;
      let pruned = false;
      for (; row <= length; row++) {
        const char = term.charCodeAt(row - 1);
        const here = row * columns;
        const above = here - columns;
        table[here] = row;
        let rowMinimum = row;
        for (let column = 1; column < columns; column++) {
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
      previous = term;
      if (pruned) {
        validRows = row;
        prunedAt = row;
        continue;
      }
      validRows = length;
      prunedAt = Infinity;
      const distance = table[length * columns + columns - 1];
      if (distance <= maxDistance) found.push(index, distance);
    }
    return found;
  }

  /** A term's postings by field id, decoded on first use. */
  private postingsOf(index: number): readonly (FieldPostings | undefined)[] {
    const known = this.decoded[index];
    if (known !== undefined) return known;
    const postings = decodePostings(this.data.postings[index], this.data.fields.length, this.data.documentCount);
    if (postings === undefined) throw malformed(`the postings of "${this.data.terms[index]}" cannot be read`);
    this.decoded[index] = postings;
    return postings;
  }
}

/** Reads one term's postings (see `CompactIndexData.postings`), or `undefined` when malformed. */
function decodePostings(text: string, fieldCount: number, documentCount: number): (FieldPostings | undefined)[] | undefined {
  const segments = text.split('|');
  if (segments.length > fieldCount) return undefined;
  const byField: (FieldPostings | undefined)[] = [];
  for (const segment of segments) {
    if (segment === '') {
      byField.push(undefined);
      continue;
    }
    const documents: number[] = [];
    const frequencies: number[] = [];
    let document = 0;
    for (const entry of segment.split(',')) {
      const colon = entry.indexOf(':');
      const gap = parseInt(colon < 0 ? entry : entry.slice(0, colon), 36);
      const frequency = colon < 0 ? 1 : parseInt(entry.slice(colon + 1), 36);
      document += gap;
      if (!(gap >= 0 && frequency >= 1 && document < documentCount)) return undefined;
      documents.push(document);
      frequencies.push(frequency);
    }
    byField.push({ documents, frequencies });
  }
  return byField;
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
  const order = depthFirst(tree, []);
  const terms = order.map((position) => index[position][0]);
  const postings = order.map((position) => encodePostings(index[position][1], fields.length, documentOf, index[position][0]));
  const sortedTerms = terms.map((_, position) => position).sort((a, b) => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0));

  return {
    format: COMPACT_INDEX_FORMAT,
    documentCount,
    documentIds: ids,
    fields,
    fieldLength: lengths,
    averageFieldLength: fields.map((_, fieldId) => averageFieldLength[fieldId] ?? 0),
    terms,
    sortedTerms,
    postings,
  };
}
