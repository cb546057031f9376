import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Term } from '../../src/core/model';
import { PartRecords, readLibraryPart, readTermsPart } from '../../src/core/parts';
import { serializeLibraryPart, serializeTermsPart, splitIndexFile } from '../../src/core/writeParts';
import { loadReference, loadReferenceParts, ReferenceLoadError } from '../../src/core/reference';
import { renderHoverCard } from '../../src/core/render/hover';
import { TermMatcher } from '../../src/core/termMatcher';

// The parts as `npm run build` writes them, beside the single index file they were split from.
const dist = join(__dirname, '..', '..', 'dist');
const indexJson = readFileSync(join(dist, 'reference-index.json'), 'utf8');
const termsJson = readFileSync(join(dist, 'reference-terms.jsonl'), 'utf8');
const libraryJson = readFileSync(join(dist, 'reference-library.jsonl'), 'utf8');
const single = loadReference(indexJson);

/** The parts, counting how often the library is read. */
function fromParts() {
  const reads = { library: 0 };
  const reference = loadReferenceParts(termsJson, () => {
    reads.library++;
    return libraryJson;
  });
  return { reference, reads };
}

const drafts = ['aid-and-the-2016-mou.md', 'missile-defense-briefing.md', 'regional-diplomacy-notes.md'].map((name) => readFileSync(join(__dirname, '..', '..', 'sample', name), 'utf8'));
const QUERIES = ['qme', 'iron dome', 'arow 3', '38 billion', 'davids sling', 'leahy', 'yom kippur', 'foreign military fin', 'hezbolah', '1973', 'Iron Dome'];

describe('the reference in two parts', () => {
  it('answers every question as the single index does', () => {
    const { reference } = fromParts();
    assert.deepEqual(reference.terms(), single.terms());
    assert.deepEqual(reference.sections(), single.sections());
    assert.deepEqual(reference.events(), single.events());
    assert.deepEqual(reference.sources(), single.sources());
    for (const entry of [...single.terms(), ...single.sections(), ...single.events()]) assert.deepEqual(reference.entry(entry.id), entry, entry.id);
    for (const source of single.sources()) assert.deepEqual(reference.source(source.id), source, source.id);
    for (const query of QUERIES) assert.deepEqual(reference.search(query), single.search(query), query);
    assert.deepEqual(reference.search('iron', { kinds: ['event'], limit: 5 }), single.search('iron', { kinds: ['event'], limit: 5 }));
    for (const draft of drafts) {
      assert.deepEqual(reference.findTerms(draft, { markdown: true }), single.findTerms(draft, { markdown: true }));
      assert.deepEqual(reference.draftTerms(draft, { markdown: true }), single.draftTerms(draft, { markdown: true }));
      for (let offset = 0; offset < draft.length; offset += 7) assert.deepEqual(reference.termAt(draft, offset, { markdown: true }), single.termAt(draft, offset, { markdown: true }), `offset ${offset}`);
    }
    const ids = single.sources().slice(0, 5).map((source) => source.id);
    assert.equal(reference.bibtex(ids), single.bibtex(ids));
    assert.deepEqual(reference.cslJson(ids), single.cslJson(ids));
  });

  it('hovers, scans drafts and renders every card without reading the library', () => {
    const reference = loadReferenceParts(termsJson, () => {
      throw new Error('the library was read');
    });
    const options = { openCommand: 'x.open', searchCommand: 'x.search' };
    for (const term of single.terms()) {
      assert.equal(renderHoverCard(reference.entry(term.id) as Term, reference, options), renderHoverCard(term, single, options), term.id);
    }
    for (const draft of drafts) reference.draftTerms(draft, { markdown: true });
    assert.equal(reference.termAt('The Iron Dome radar', 6)?.termId, 'iron-dome');
    assert.equal(reference.hasLibrary(), false);
  });

  it('reads the library once, on the first call that needs it', () => {
    const { reference, reads } = fromParts();
    reference.termAt('The QME rule', 5);
    reference.entry('qme');
    assert.equal(reads.library, 0);
    assert.equal(reference.search('qme', { limit: 1 })[0].id, 'qme');
    reference.sections();
    reference.entry(single.events()[0].id);
    assert.equal(reads.library, 1);
    assert.equal(reference.hasLibrary(), true);
  });

  it('carries the lists sorted, the matcher compiled and the names worked out, so loading sorts and compiles nothing', () => {
    const terms = readTermsPart(termsJson);
    assert.deepEqual(terms.terms.ids, single.terms().map((term) => term.id));
    assert.ok(!Array.isArray(terms.matcher), 'the terms part carries the compiled matcher');
    const library = readLibraryPart(libraryJson);
    assert.deepEqual(library.sections.ids, single.sections().map((section) => section.id));
    assert.deepEqual(library.events.ids, single.events().map((event) => event.id));
    assert.ok(library.names.nameWords.some(([id, names]) => id === 'qme' && names.some((words) => words.join(' ') === 'qme')));
    // No source is in both parts, and together they hold every source once.
    const termSources = new Set(terms.sources.ids);
    assert.ok(library.sources.ids.every((id) => !termSources.has(id)));
    assert.equal(terms.sources.ids.length + library.sources.ids.length, library.sourceOrder.length);
  });

  it('parses a record only when it is first asked for', () => {
    const terms = readTermsPart(termsJson);
    const parse = JSON.parse;
    let parsed = 0;
    JSON.parse = (...args: Parameters<typeof JSON.parse>) => {
      parsed++;
      return parse(...args);
    };
    try {
      assert.equal(terms.terms.get('qme')?.title, single.entry('qme')?.title);
      assert.equal(terms.terms.get('qme'), terms.terms.get('qme'), 'kept once parsed');
      assert.equal(parsed, 1);
      assert.equal(terms.terms.get('no-such-term'), undefined);
      assert.equal(parsed, 1);
    } finally {
      JSON.parse = parse;
    }
    assert.deepEqual(terms.terms.all(), single.terms());
  });

  it('writes ASCII only, header first, one record per line', () => {
    for (const text of [termsJson, libraryJson]) {
      assert.ok(/^[\x00-\x7f]*$/.test(text), 'ASCII only');
      const lines = text.split('\n');
      assert.equal(lines.pop(), '', 'ends with a newline');
      for (const line of lines) JSON.parse(line);
    }
    assert.equal(termsJson.split('\n').length - 2, single.terms().length + readTermsPart(termsJson).sources.ids.length);
  });

  it('splits the single file in memory into the parts the build writes', () => {
    const { terms, library } = splitIndexFile(JSON.parse(indexJson));
    assert.equal(serializeTermsPart(terms), termsJson);
    assert.equal(serializeLibraryPart(library), libraryJson);
  });

  it('explains a missing, foreign or damaged part', () => {
    const isLoadError = (pattern: RegExp) => (error: Error) => error instanceof ReferenceLoadError && pattern.test(error.message);
    assert.throws(() => loadReferenceParts('{not json\n{}', () => libraryJson), isLoadError(/terms part cannot be used: its header is not valid JSON/));
    assert.throws(() => loadReferenceParts('', () => libraryJson), isLoadError(/terms part cannot be used: it is empty/));
    assert.throws(() => loadReferenceParts(termsJson.replace('"format":2', '"format":999'), () => libraryJson), isLoadError(/format 999/));
    assert.throws(() => loadReferenceParts(libraryJson, () => libraryJson), isLoadError(/not the terms part/));
    // A bad library leaves hovers working and is explained to the call that needed it.
    const reference = loadReferenceParts(termsJson, () => termsJson);
    assert.equal(reference.termAt('the QME', 5)?.termId, 'qme');
    assert.throws(() => reference.search('qme'), isLoadError(/library part cannot be used: it is not the library part/));
    const { library } = splitIndexFile(JSON.parse(indexJson));
    const damagedIndex = loadReferenceParts(termsJson, () => ({ ...library, index: { garbage: true } }));
    assert.throws(() => damagedIndex.sections(), isLoadError(/search index/));
    // A record damaged on disk is found when it is first read, with the entry it belongs to.
    const qmeLine = termsJson.split('\n').findIndex((line) => line.startsWith('{"id":"qme"'));
    const damagedRecord = termsJson.split('\n').map((line, index) => (index === qmeLine ? line.slice(0, 40) + '#'.repeat(line.length - 40) : line)).join('\n');
    const withDamage = loadReferenceParts(damagedRecord, () => libraryJson);
    assert.equal(withDamage.entry('iron-dome')?.title, single.entry('iron-dome')?.title);
    assert.throws(() => withDamage.entry('qme'), isLoadError(/record for "qme" is (damaged|not where)/));
    // A part cut short (a copy interrupted, a disk full) is refused at load, not when a record is first reached.
    assert.throws(() => loadReferenceParts(termsJson.slice(0, Math.floor(termsJson.length * 0.6)), () => libraryJson), isLoadError(/terms part cannot be used: it is cut short/));
    assert.throws(() => loadReferenceParts(termsJson, () => libraryJson.slice(0, -5000)).sources(), isLoadError(/library part cannot be used: it is cut short/));
    assert.throws(() => loadReferenceParts(termsJson.replace('"lines":[0,', '"lines":[-1,'), () => libraryJson), isLoadError(/line table is damaged/));
    assert.throws(() => loadReferenceParts(termsJson.replace('"abbreviations":[[', '"abbreviations":[5,['), () => libraryJson), isLoadError(/abbreviation table/));
    // A line table that points at other lines would hand out the wrong entry: refused instead.
    const lines = termsJson.split('\n');
    const shifted = [lines[0], ...lines.slice(2), lines[1]].join('\n');
    assert.throws(() => loadReferenceParts(shifted, () => libraryJson).entry(single.terms()[0].id), isLoadError(/not where its line table says|is damaged/));
  });

  it('reads a part piecemeal as it reads it whole', () => {
    const newline = termsJson.indexOf('\n');
    const slices: [number, number][] = [];
    const source = {
      header: termsJson.slice(0, newline),
      bodyLength: termsJson.length - newline - 1,
      body: (start: number, end: number) => {
        slices.push([start, end]);
        return termsJson.slice(newline + 1 + start, newline + 1 + end);
      },
    };
    const reference = loadReferenceParts(source, () => libraryJson);
    assert.equal(reference.termAt('The Iron Dome radar', 6)?.termId, 'iron-dome');
    assert.equal(slices.length, 0, 'a match reads no record');
    for (const draft of drafts) assert.deepEqual(reference.draftTerms(draft, { markdown: true }), single.draftTerms(draft, { markdown: true }));
    assert.equal(slices.length, 0, 'a draft scan reads no record: the header has the abbreviations');
    assert.deepEqual(reference.entry('iron-dome'), single.entry('iron-dome'));
    assert.equal(slices.length, 1, 'a card reads its term and nothing else');
    assert.deepEqual(reference.terms(), single.terms());
    assert.deepEqual(reference.search('arow 3'), single.search('arow 3'));
  });

  it('keeps records given whole', () => {
    const records = PartRecords.of(single.terms());
    assert.equal(records.get('qme'), single.terms().find((term) => term.id === 'qme'));
    assert.deepEqual(records.all(), single.terms());
  });
});

describe('the compiled term matcher', () => {
  const terms = single.terms();
  const built = new TermMatcher(terms);
  const loaded = new TermMatcher(JSON.parse(JSON.stringify(built.compile())));

  it('matches as the matcher compiled from the aliases', () => {
    const text = [
      ...drafts,
      'F-35I, F 35I and F35I; MOUs and the MOU’s terms; David’s Sling and davids sling; Rafael Grossi and Rafael.',
      'Iron\nDome across a line, Iron\n\nDome across a paragraph, `QME` in code, [QME](https://example.org/QME).',
      terms.flatMap((term) => term.aliases).join(' … '),
    ].join('\n\n');
    assert.deepEqual(loaded.findAll(text, { markdown: true }), built.findAll(text, { markdown: true }));
    assert.deepEqual(loaded.findAll(text), built.findAll(text));
    for (let offset = 0; offset < text.length; offset += 5) assert.deepEqual(loaded.at(text, offset, { markdown: true }), built.at(text, offset, { markdown: true }));
    assert.ok(built.findAll(text).length > 100);
  });

  it('round-trips through JSON unchanged', () => {
    assert.deepEqual(loaded.compile(), built.compile());
  });

  it('refuses a compiled trie whose parts do not fit together', () => {
    const compiled = built.compile();
    assert.throws(() => new TermMatcher({ ...compiled, keys: compiled.keys.slice(1) }), /damaged/);
    assert.throws(() => new TermMatcher({ ...compiled, terminals: compiled.terminals.map(() => 1e6) }), /damaged/);
    assert.throws(() => new TermMatcher({ ...compiled, childCounts: [] }), /damaged/);
  });
});
