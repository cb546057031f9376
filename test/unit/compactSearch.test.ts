import { strict as assert } from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';
import MiniSearch from 'minisearch';
import { CompactSearchIndex, compactIndexFromDocuments, compactIndexFromMiniSearch, type CompactIndexData, type CompactSearchOptions } from '../../src/core/compactSearch';
import { validateContent, type ContentFile } from '../../src/core/content';
import type { Entry, ReferenceData } from '../../src/core/model';
import { loadReference } from '../../src/core/reference';
import { INDEX_OPTIONS, QUERY_OPTIONS, toIndexedDocument, type IndexedDocument } from '../../src/core/searchIndex';
import { bundledIds, readWorkspaceGlossaries } from '../../src/core/workspaceGlossary';

// The compact index must answer every query exactly as MiniSearch does on the index it was made
// from, restored with `loadJS` as the extension restored it: same ids, order, scores to the bit,
// terms, queryTerms and match. Real minisearch is the oracle.

const root = join(__dirname, '..', '..');

/** The content files under data/, as the build reads them (src/node/buildIndex.ts). */
function contentFiles(): ContentFile[] {
  const files: ContentFile[] = [];
  for (const folder of ['sections', 'terms', 'events', 'sources']) {
    for (const name of readdirSync(join(root, 'data', folder)).sort()) {
      if (!name.endsWith('.md') && !name.endsWith('.json')) continue;
      const path = join(root, 'data', folder, name);
      files.push({ path: relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8') });
    }
  }
  return files;
}

/** The serialised index as `buildIndexFile` makes it: every entry, sections, terms, then events. */
function miniSearchJson(data: ReferenceData): unknown {
  const miniSearch = new MiniSearch<IndexedDocument>(INDEX_OPTIONS);
  const entries: Entry[] = [...data.sections, ...data.terms, ...data.events];
  miniSearch.addAll(entries.map(toIndexedDocument));
  return JSON.parse(JSON.stringify(miniSearch));
}

/** Both indexes as the run time would hold them: each restored from its JSON text. */
function pair(json: unknown): { mini: MiniSearch<IndexedDocument>; compact: CompactSearchIndex; data: CompactIndexData } {
  const data = compactIndexFromMiniSearch(json);
  return {
    mini: MiniSearch.loadJS<IndexedDocument>(json as never, INDEX_OPTIONS),
    compact: CompactSearchIndex.load(JSON.parse(JSON.stringify(data))),
    data,
  };
}

// Deterministic pseudo-random numbers (the bench's), so a failure names a query that fails again.
const { prng } = require('../bench/draft.js') as { prng: (seed: number) => () => number };

const EDIT_LETTERS = 'aeiourstnlxzé3';

/** One edit of `word`: insert, delete, substitute or transpose (two edits for Levenshtein). */
function edit(word: string, kind: number, random: () => number): string {
  const at = Math.floor(random() * (word.length + 1));
  const letter = EDIT_LETTERS[Math.floor(random() * EDIT_LETTERS.length)];
  switch (kind % 4) {
    case 0:
      return word.slice(0, at) + letter + word.slice(at);
    case 1:
      return word.length > 1 ? word.slice(0, Math.min(at, word.length - 1)) + word.slice(Math.min(at, word.length - 1) + 1) : word + letter;
    case 2: {
      const where = Math.min(at, word.length - 1);
      return word.slice(0, where) + letter + word.slice(where + 1);
    }
    default: {
      const where = Math.min(at, word.length - 2);
      return where < 0 ? letter + word : word.slice(0, where) + word[where + 1] + word[where] + word.slice(where + 2);
    }
  }
}

function sample<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return picked;
}

/** Hand-picked queries: figures, apostrophes, punctuation, case, long and empty input. */
const SPECIAL_QUERIES = [
  '',
  '   ',
  '\n\t',
  '—',
  '...',
  '!?;:',
  '"',
  "'s",
  '38,000',
  '$38 billion',
  '3.3',
  '$3.3 billion',
  '2016',
  '1973',
  '0',
  'David’s sling',
  "david's sling",
  'Davids Sling',
  'F-35I',
  'f35',
  'F 35',
  'U.S.',
  'US–Israel',
  'Iron Dome',
  'IRON DOME',
  'iron d',
  'iron dome cost',
  'iron bem',
  'arow 3',
  'qme',
  'idf',
  'qualitative military edge',
  'foreign military fin',
  'hezbolah',
  'yom kipur war 1973',
  'the the the the the',
  'missile defense cooperation agreement arrow juniper cobra',
  'aid aid aid aid aid aid aid',
  'ab',
  'a',
  'x',
  'zzzzzz',
  'constructor',
  '__proto__',
  'toString hasOwnProperty',
  'mémorandum',
  'naïve',
  'ﬁnancing',
  '😀 iron',
  'iron\u200bdome',
];

function longQuery(words: readonly string[]): string {
  let query = '';
  for (let at = 0; query.length < 200; at++) query += `${words[at % words.length]} `;
  return query.slice(0, 200);
}

/**
 * MiniSearch falls back on the index's own `searchOptions` (a boost per field); the compact index
 * has none, so options that leave them out are completed the same way for both.
 */
const withIndexDefaults = (options: CompactSearchOptions): CompactSearchOptions => ({ ...INDEX_OPTIONS.searchOptions, ...options }) as CompactSearchOptions;

const modes = (filter?: CompactSearchOptions['filter']): CompactSearchOptions[] => [
  { ...QUERY_OPTIONS, combineWith: 'AND', filter } as CompactSearchOptions,
  { ...QUERY_OPTIONS, combineWith: 'OR', filter } as CompactSearchOptions,
];

describe('compact search', function () {
  this.timeout(120000);

  const data = validateContent(contentFiles()).data;
  const json = miniSearchJson(data);
  const { mini, compact, data: compactData } = pair(json);
  const vocabulary = compactData.terms.split(';').map((line) => line.slice(0, line.indexOf(' ')));
  const events = new Set(data.events.map((event) => event.id));
  const eventsOnly = (result: { id: string }) => events.has(result.id);

  /** Runs `query` through both, asserting equal results; returns how many results there were. */
  function check(query: string, options: CompactSearchOptions): number {
    const expected = mini.search(query, options as never);
    const actual = compact.search(query, options);
    assert.deepStrictEqual(actual, expected, `${JSON.stringify(query)} with ${JSON.stringify({ ...options, filter: options.filter ? 'yes' : undefined })}`);
    return expected.length;
  }

  function checkAll(queries: readonly string[], optionSets: readonly CompactSearchOptions[]): { queries: number; withResults: number } {
    let withResults = 0;
    for (const query of queries) {
      let found = 0;
      for (const options of optionSets) found += check(query, options);
      if (found > 0) withResults++;
    }
    return { queries: queries.length, withResults };
  }

  it('walks the vocabulary as the restored tree does: prefix search iterates it in reverse', () => {
    // A white-box check of the order ties depend on, so a failure below is easier to read.
    const treeOrder = [...(mini as unknown as { _index: { keys(): Iterable<string> } })._index.keys()];
    assert.equal(vocabulary.length, treeOrder.length);
    assert.deepStrictEqual([...vocabulary].reverse(), treeOrder);
  });

  it('finds what MiniSearch finds for the project queries', () => {
    // Not vacuous: the oracle returns real hits, and the compact index returns the same.
    const [first] = compact.search('iron dome', { ...QUERY_OPTIONS, combineWith: 'AND' } as CompactSearchOptions);
    assert.equal(first.id, 'iron-dome');
    assert.ok(first.score > 0);
    const { withResults, queries } = checkAll(SPECIAL_QUERIES, [...modes(), ...modes(eventsOnly)]);
    assert.ok(withResults > queries / 2, `${withResults} of ${queries} queries found something`);
  });

  it('agrees on every term of the vocabulary', () => {
    // One word: AND and OR combine nothing, so one mode suffices; the filter runs on half.
    let withResults = 0;
    vocabulary.forEach((term, at) => {
      if (check(term, { ...QUERY_OPTIONS, combineWith: at % 2 ? 'AND' : 'OR', filter: at % 4 === 1 ? eventsOnly : undefined } as CompactSearchOptions) > 0) withResults++;
    });
    assert.ok(withResults > vocabulary.length * 0.6, `${withResults} of ${vocabulary.length}`);
  });

  it('agrees on words one and two edits away from 500 terms', () => {
    const random = prng(12);
    const queries: string[] = [];
    for (const term of sample(vocabulary, 500, random)) {
      for (let kind = 0; kind < 4; kind++) queries.push(edit(term, kind, random));
      queries.push(edit(edit(term, Math.floor(random() * 4), random), Math.floor(random() * 4), random));
      queries.push(edit(edit(term, Math.floor(random() * 4), random), Math.floor(random() * 4), random));
    }
    const { withResults } = checkAll(queries, [{ ...QUERY_OPTIONS, combineWith: 'OR' } as CompactSearchOptions]);
    assert.ok(withResults > queries.length / 2, `${withResults} of ${queries.length}`);
    // Two-word queries of edited words, where AND and OR differ.
    checkAll(
      queries.slice(0, 400).map((query, at) => `${query} ${queries[(at * 7 + 3) % queries.length]}`),
      modes(),
    );
  });

  it('agrees on every prefix of 200 terms', () => {
    const random = prng(35);
    const queries = sample(vocabulary, 200, random).flatMap((term) => [...term].map((_, length) => term.slice(0, length + 1)));
    checkAll(queries, [{ ...QUERY_OPTIONS, combineWith: 'OR' } as CompactSearchOptions]);
  });

  it('agrees on two- and three-word queries, edited or not, with AND and OR and a filter', () => {
    const random = prng(2016);
    const word = () => {
      const term = vocabulary[Math.floor(random() * vocabulary.length)];
      const roll = random();
      return roll < 0.25 ? edit(term, Math.floor(random() * 4), random) : roll < 0.4 ? term.slice(0, 1 + Math.floor(random() * term.length)) : term;
    };
    const queries: string[] = [];
    for (let count = 0; count < 300; count++) queries.push([word(), word()].join(' '), [word(), word(), word()].join(count % 2 ? ' ' : ', '));
    const { withResults } = checkAll(queries, [...modes(), { ...QUERY_OPTIONS, combineWith: 'OR', filter: eventsOnly } as CompactSearchOptions]);
    assert.ok(withResults > queries.length / 2, `${withResults} of ${queries.length}`);
  });

  it('agrees past the fourth word, where words are no longer fuzzy, and on a 200-character query', () => {
    const random = prng(4);
    const queries = [longQuery(['iron', 'dome', 'arrow', 'sling', 'missile', 'defense', 'cooperation']), longQuery(vocabulary.slice(100, 140)), 'x'.repeat(200)];
    for (let count = 0; count < 60; count++) queries.push(Array.from({ length: 5 + (count % 4) }, () => edit(vocabulary[Math.floor(random() * vocabulary.length)], count, random)).join(' '));
    checkAll(queries, [...modes(), ...modes(eventsOnly)]);
  });

  it('agrees with options the project does not use: plain prefix, numeric fuzzy, field choice, term boost, AND_NOT', () => {
    const random = prng(7);
    const optionSets: CompactSearchOptions[] = [
      {},
      { prefix: true },
      { fuzzy: true },
      { fuzzy: 0.3, maxFuzzy: 1, prefix: true, combineWith: 'AND' },
      { fuzzy: 1, boost: { title: 2 } },
      { fuzzy: 2, prefix: true, weights: { fuzzy: 0.2, prefix: 0.9 }, combineWith: 'and' },
      { fields: ['title', 'aliases'], prefix: true, fuzzy: 0.2 },
      { fields: ['body', 'no-such-field'], boost: { body: 0 } },
      { boostTerm: (term, index) => (index === 0 ? 2 : term.length / 3), prefix: (_, index, terms) => index === terms.length - 1 },
      { combineWith: 'AND_NOT', prefix: true },
      { bm25: { k: 2, b: 0.5, d: 1 }, fuzzy: 0.2 },
    ];
    const queries = [...SPECIAL_QUERIES.slice(0, 30), ...sample(vocabulary, 60, random).map((term) => `${edit(term, 2, random)} ${term.slice(0, 3)}`)];
    checkAll(queries, optionSets.map(withIndexDefaults));
  });

  it('gives a malformed compact index a readable error', () => {
    const valid = JSON.parse(JSON.stringify(compactData)) as CompactIndexData;
    const broken = (change: (copy: Record<string, unknown>) => void): unknown => {
      const copy = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
      change(copy);
      return copy;
    };
    const cases: [unknown, RegExp][] = [
      [null, /not an object/],
      ['{}', /not an object/],
      [[], /not an object/],
      [broken((copy) => (copy.format = 99)), /format is 99/],
      [broken((copy) => delete copy.documentIds), /"documentIds"/],
      [broken((copy) => (copy.documentCount = 3)), /"documentCount" is 3/],
      [broken((copy) => (copy.fields = [])), /"fields"/],
      [broken((copy) => (copy.fieldLength = [1, 2])), /"fieldLength"/],
      [broken((copy) => (copy.averageFieldLength = ['5', 5, 5])), /"averageFieldLength"/],
      [broken((copy) => (copy.terms = vocabulary)), /"terms" is not a string/],
      [broken((copy) => delete copy.sortedTerms), /"sortedTerms" is not a list/],
      [broken((copy) => (copy.lineLengths as number[]).pop()), /"lineLengths" is not a list of one length per entry of "sortedTerms"/],
      [broken((copy) => (copy.sharedPrefix = {})), /"sharedPrefix" is not a list of one length per entry of "sortedTerms"/],
    ];
    for (const [data, message] of cases) {
      assert.throws(() => CompactSearchIndex.load(data), (error: Error) => error instanceof Error && /compact search index is malformed/.test(error.message) && message.test(error.message), JSON.stringify(data)?.slice(0, 80));
    }
    // A damaged line or sorted entry is found when a query first reads it, with the term or place named.
    const sortedAs = (entry: (offset: number) => unknown) => broken((copy) => (copy.sortedTerms = (copy.sortedTerms as number[]).map(entry)));
    assert.throws(() => CompactSearchIndex.load(sortedAs(() => valid.terms.length)).search('iron'), new RegExp(`"sortedTerms" holds ${valid.terms.length}, which is not where a line of "terms" starts`));
    assert.throws(() => CompactSearchIndex.load(sortedAs((offset) => offset + 1)).search('iron'), /"sortedTerms" holds \d+, which is not where a line/);
    assert.throws(() => CompactSearchIndex.load(sortedAs(() => '0')).search('iron'), /"sortedTerms" holds "0"/);
    const damagedLine = (replacement: (line: string) => string) =>
      broken((copy) => {
        const lines = (copy.terms as string).split(';');
        lines[vocabulary.indexOf('iron')] = replacement(lines[vocabulary.indexOf('iron')]);
        copy.terms = lines.join(';');
      });
    // Same-length damage, so the sorted offsets still point at the lines.
    assert.throws(() => CompactSearchIndex.load(damagedLine((line) => `iron ${'z'.repeat(line.length - 5)}`)).search('iron'), /postings of "iron" cannot be read/);
    assert.throws(() => CompactSearchIndex.load(damagedLine((line) => `iron ,${line.slice(6)}`)).search('iron'), /postings of "iron" cannot be read/);
    assert.throws(() => CompactSearchIndex.load(damagedLine((line) => `ironx${line.slice(5)}`)).search('irom', { fuzzy: 1 }), /the line at \d+ of "terms" has no space after its term within its length/);
    assert.throws(
      () => CompactSearchIndex.load(broken((copy) => (copy.lineLengths as number[])[7]--)).search('irom', { fuzzy: 1 }),
      new RegExp(`"lineLengths" add up to ${valid.lineLengths.reduce((sum, length) => sum + length, 0) - 1}, not to the`),
    );
    assert.throws(() => CompactSearchIndex.load(damagedLine((line) => `ironx${line.slice(5)}`)).search('iro', { prefix: true }), /the line at \d+ of "terms" has no space after its term/);
  });

  it('refuses to convert what is not a MiniSearch index it can reproduce', () => {
    assert.throws(() => compactIndexFromMiniSearch(null), /Not a MiniSearch index.*not an object/);
    assert.throws(() => compactIndexFromMiniSearch({ ...(json as object), serializationVersion: 1 }), /serializationVersion is 1/);
    assert.throws(() => compactIndexFromMiniSearch({ ...(json as object), storedFields: { 0: { title: 'x' } } }), /stores fields/);
    const withSpace = JSON.parse(JSON.stringify(json));
    withSpace.index[0][0] = 'two words';
    assert.throws(() => compactIndexFromMiniSearch(withSpace), /the term "two words" is empty or holds a space or ';'/);
    const discarded = new MiniSearch<IndexedDocument>(INDEX_OPTIONS);
    discarded.addAll([{ id: 'a', kind: 'term', title: 'alpha', aliases: '', body: 'one' }, { id: 'b', kind: 'term', title: 'beta', aliases: '', body: 'two' }]);
    discarded.discard('a');
    assert.throws(() => compactIndexFromMiniSearch(JSON.parse(JSON.stringify(discarded))), /discarded documents are not supported/);
  });
});

describe('compact search on a hand-made index', () => {
  // Written to reach the corners: shared prefixes that split tree nodes, a term that is a prefix
  // of others, figures, curly apostrophes, an empty field, repeated words (frequency > 1).
  const documents: IndexedDocument[] = [
    { id: 'one', kind: 'term', title: 'Iron Dome', aliases: 'iron dome ; IRON-DOME', body: 'Iron Dome intercepts rockets; iron is iron. It cost $3.3 billion in 2016 and 38,000 hours.' },
    { id: 'two', kind: 'term', title: 'Iron Beam', aliases: '', body: 'A laser: iron beams, ironing out the cost of interceptors. David’s Sling is different.' },
    { id: 'three', kind: 'event', title: 'David’s Sling', aliases: 'davids sling ; Magic Wand', body: 'Intercepts at medium range, in 2016 and 2017; the sling of David.' },
    { id: 'four', kind: 'section', title: 'Interoperability', aliases: 'Inter ; Interop', body: 'Interceptors and interoperability: intercept, intercepted, interception, inter-service.' },
  ];
  const miniSearch = new MiniSearch<IndexedDocument>(INDEX_OPTIONS);
  miniSearch.addAll(documents);
  const json = JSON.parse(JSON.stringify(miniSearch));
  const { mini, compact } = pair(json);
  const queries = ['iron', 'irn', 'iro', 'ironn dome', 'inter', 'intercept', 'interseptors', 'davids', 'David’s sling', 'sling david', '2016', '3.3', '38,000', 'beam laser', 'magic wand', 'xyz', '', 'in', 'i', 'dome beam sling'];
  const optionSets: CompactSearchOptions[] = [...modes(), ...modes((result) => result.id !== 'one'), { prefix: true, fuzzy: 2 }, { fuzzy: 1, combineWith: 'AND' as const }].map(withIndexDefaults);

  it('gives the same results as MiniSearch on the same documents', () => {
    let found = 0;
    for (const query of queries) {
      for (const options of optionSets) {
        const expected = mini.search(query, options as never);
        found += expected.length;
        assert.deepStrictEqual(compact.search(query, options), expected, `${JSON.stringify(query)} with ${JSON.stringify(options)}`);
      }
    }
    assert.ok(found > 50, `${found} results in all`);
  });

  it('finds a typo and a prefix where MiniSearch does', () => {
    const options = { ...QUERY_OPTIONS, combineWith: 'OR' } as CompactSearchOptions;
    assert.deepStrictEqual(
      compact.search('interseptors', options).map((result) => result.id),
      ['four', 'two'],
    );
    assert.deepStrictEqual(compact.search('iro', options)[0].queryTerms, ['iro']);
  });
});

describe('compact search made from documents, as a fresh MiniSearch answers', function () {
  this.timeout(120000);
  // The run-time index of workspace glossaries (ComposedReference) is made from documents, not
  // restored: it must answer as `new MiniSearch(INDEX_OPTIONS)` + `addAll` does.
  const reference = loadReference(readFileSync(join(root, 'dist', 'reference-index.json'), 'utf8'));
  const glossaryTerms = ['hostile/hostile.terms.json', 'team/team.terms.json'].flatMap(
    (path) => readWorkspaceGlossaries([{ glossary: { path, text: readFileSync(join(root, 'test', 'fixtures', 'workspace', path), 'utf8') } }], bundledIds(reference)).terms,
  );
  const data = validateContent(contentFiles()).data;
  const sets: [string, IndexedDocument[]][] = [
    ['the bundled entries', [...data.sections, ...data.terms, ...data.events].map(toIndexedDocument)],
    ['the hostile and team glossaries', glossaryTerms.map(toIndexedDocument)],
  ];

  for (const [name, documents] of sets) {
    it(`agrees on ${name}`, () => {
      assert.ok(documents.length > 5, `${documents.length} documents`);
      const fresh = new MiniSearch<IndexedDocument>(INDEX_OPTIONS);
      fresh.addAll(documents);
      const compactData = compactIndexFromDocuments(documents, INDEX_OPTIONS);
      const compact = CompactSearchIndex.load(JSON.parse(JSON.stringify(compactData)));
      const vocabulary = compactData.terms.split(';').map((line) => line.slice(0, line.indexOf(' ')));
      // Built alike: the fresh tree's order, and the lengths BM25 reads, to the bit.
      assert.deepStrictEqual([...vocabulary].reverse(), [...(fresh as unknown as { _index: { keys(): Iterable<string> } })._index.keys()]);
      const serialised = JSON.parse(JSON.stringify(fresh));
      assert.deepStrictEqual(compactData.averageFieldLength, serialised.averageFieldLength);
      assert.deepStrictEqual(compactData.documentIds, Object.values(serialised.documentIds));

      const random = prng(name.length);
      const titles = documents.flatMap((document) => [document.title, document.aliases.split(' ; ')[0] ?? '']);
      const queries = [...SPECIAL_QUERIES, ...titles, ...sample(vocabulary, 200, random), ...sample(vocabulary, 200, random).map((term) => edit(term, Math.floor(random() * 4), random))];
      let withResults = 0;
      for (const query of queries) {
        let found = 0;
        for (const options of modes()) {
          const expected = fresh.search(query, options as never);
          found += expected.length;
          assert.deepStrictEqual(compact.search(query, options), expected, `${JSON.stringify(query)} with ${options.combineWith}`);
        }
        if (found > 0) withResults++;
      }
      assert.ok(withResults > queries.length / 2, `${withResults} of ${queries.length}`);
    });
  }

  it('refuses documents it cannot index as MiniSearch would, saying why', () => {
    const document = (id: unknown) => ({ id, kind: 'term', title: 'Title', aliases: '', body: 'Body' });
    assert.throws(() => compactIndexFromDocuments([document('a'), document('a')], INDEX_OPTIONS), /cannot be indexed: the id "a" is used twice/);
    assert.throws(() => compactIndexFromDocuments([document(7)], INDEX_OPTIONS), /"id" is 7, not a string/);
    assert.throws(() => compactIndexFromDocuments([document('a')], { ...INDEX_OPTIONS, storeFields: ['title'] }), /stored fields are not supported/);
    assert.throws(() => compactIndexFromDocuments([document('a')], { fields: ['title'], processTerm: () => ['two words'] }), /the term "two words" is empty or holds a space/);
  });
});
