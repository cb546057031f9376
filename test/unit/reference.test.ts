import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { loadReference, ReferenceLoadError, type Reference } from '../../src/core/reference';
import type { Term } from '../../src/core/model';

// These tests run on the real bundled content, built by `npm run build` before the unit tests.
const indexPath = join(__dirname, '..', '..', 'dist', 'reference-index.json');
const indexJson = readFileSync(indexPath, 'utf8');
const reference: Reference = loadReference(indexJson);

/** The outline the article follows: nine parts, the first untitled. */
const OUTLINE = [
  '',
  'Historical overview',
  'Security cooperation and arms sales',
  'Intelligence, technology, and interoperability',
  'Diplomatic coordination and regional strategy',
  'Strategic debates and controversies',
  'Domestic politics, lobbying, and policy craft',
  'Economic and industrial impact',
  'Regional impact and future outlook',
];

const REQUIRED_TERMS = [
  'qme', 'iron-dome', 'davids-sling', 'arrow', 'arrow-3', 'arrow-4', 'iron-beam', 'thaad-israel', 'f-35i-adir', 'fmf',
  'mou-2016', 'mou-2007', 'aid-arrangement-1998', 'offshore-procurement', 'loan-guarantees', 'wrsa-i', 'mnna',
  'strategic-cooperation-mou-1981', 'jpmg', 'naval-vessel-transfer-act-2008', 'enhanced-security-cooperation-act-2012',
  'strategic-partnership-act-2014', 'leahy-laws', 'mda-imdo', 'centcom-move', 'juniper-exercises', 'operation-nickel-grass',
  'aipac', 'abraham-accords', 'jcpoa', 'hezbollah', 'hamas', 'houthis', 'congress-arms-sales',
];

function topIds(query: string, count = 3): string[] {
  return reference.search(query, { limit: count }).map((hit) => hit.id);
}

describe('the bundled reference', () => {
  it('follows the outline: nine sections with its headings, in its order', () => {
    assert.deepEqual(reference.sections().map((section) => section.heading), OUTLINE);
    assert.equal(reference.sections()[0].title, 'Introduction');
  });

  it('has the glossary, timeline and sources the issue asks for', () => {
    assert.ok(reference.terms().length >= 60, `${reference.terms().length} terms`);
    assert.ok(reference.events().length >= 30, `${reference.events().length} events`);
    assert.ok(reference.sources().length >= 25, `${reference.sources().length} sources`);
    for (const id of REQUIRED_TERMS) assert.equal(reference.entry(id)?.kind, 'term', `missing term ${id}`);
  });

  it('spans 1948 to 2025 on the timeline, oldest first', () => {
    const dates = reference.events().map((event) => event.date);
    assert.deepEqual(dates, [...dates].sort());
    assert.ok(dates[0] <= '1949', `first event ${dates[0]}`);
    assert.ok(dates[dates.length - 1] >= '2025', `last event ${dates[dates.length - 1]}`);
  });

  it('lists each section under the terms it names', () => {
    for (const section of reference.sections()) {
      for (const termId of section.terms) assert.ok((reference.entry(termId) as Term).sections.includes(section.id), `${termId} should list ${section.id}`);
    }
  });

  it('returns the full record of a term', () => {
    const qme = reference.entry('qme') as Term;
    for (const field of ['id', 'kind', 'title', 'aliases', 'category', 'summary', 'facts', 'sources', 'related', 'sections'] as const) {
      assert.ok(field in qme, `term lacks ${field}`);
    }
    assert.ok(qme.aliases.includes('QME'));
    assert.equal(reference.entry('no-such-entry'), undefined);
  });
});

describe('search on the bundled reference', () => {
  const cases: [string, string][] = [
    ['qme', 'qme'],
    ['qualitative military edge', 'qme'],
    ['iron dome', 'iron-dome'],
    ['iron d', 'iron-dome'],
    ['iron bem', 'iron-beam'],
    ['arow 3', 'arrow-3'],
    ['arrow 4', 'arrow-4'],
    ["david's sling", 'davids-sling'],
    ['david’s sling', 'davids-sling'],
    ['davids sling', 'davids-sling'],
    ['hezbolah', 'hezbollah'],
    ['nickel grass', 'operation-nickel-grass'],
    ['abraham acords', 'abraham-accords'],
    ['foreign military financing', 'fmf'],
    ['leahy', 'leahy-laws'],
    ['aipac', 'aipac'],
    ['f35', 'f-35i-adir'],
    ['F-35I', 'f-35i-adir'],
    ['2016 mou', 'mou-2016'],
  ];
  for (const [query, expected] of cases) {
    it(`ranks ${expected} first for "${query}"`, () => {
      assert.equal(topIds(query, 1)[0], expected, `got ${topIds(query, 5).join(', ')}`);
    });
  }

  it('ranks what a writer names first: acronyms, a term above the event that names it, a name inside a longer query', () => {
    assert.deepEqual(topIds('qme', 2), ['qme', 'naval-vessel-transfer-act-2008']);
    assert.equal(topIds('mou', 1)[0], reference.entry('mou') ? 'mou' : 'mou-2016', 'the MOU card when there is one, else the MOU in force');
    // The THAAD system's own card once the content has one, else the deployment; the event after the terms.
    const thaad = topIds('thaad', 3);
    assert.equal(thaad[0], reference.entry('thaad') ? 'thaad' : 'thaad-israel');
    assert.ok(thaad.indexOf('thaad-israel') < thaad.indexOf('2024-thaad-deployed') || !thaad.includes('2024-thaad-deployed'), thaad.join(', '));
    assert.deepEqual(topIds('nickel grass', 2), ['operation-nickel-grass', '1973-nickel-grass-airlift']);
    assert.equal(topIds('iron dome cost', 1)[0], 'iron-dome');
    if (reference.entry('gaza-war')) assert.equal(topIds('gaza war', 1)[0], 'gaza-war');
  });

  it('drops the long tail of weak hits', () => {
    const hits = reference.search('leahy', { limit: 30 });
    assert.equal(hits[0].id, 'leahy-laws');
    assert.ok(hits.length <= 5, `${hits.length} hits: ${hits.map((hit) => hit.id).join(', ')}`);
    assert.ok(!hits.some((hit) => hit.id === 'davids-sling'), 'David’s Sling has nothing to do with the Leahy laws');
  });

  it('finds figures: "38 billion" leads to the 2016 MOU', () => {
    assert.ok(topIds('38 billion', 3).includes('mou-2016'), topIds('38 billion', 5).join(', '));
  });

  it('finds the annual figure writers quote: "3.8 billion a year" leads to the 2016 MOU', () => {
    assert.ok(topIds('3.8 billion a year', 3).includes('mou-2016'), topIds('3.8 billion a year', 5).join(', '));
  });

  it('ranks a title match above entries that only mention the words', () => {
    const hits = reference.search('iron dome', { limit: 10 });
    assert.equal(hits[0].id, 'iron-dome');
    assert.ok(hits.length > 1, 'other entries that discuss Iron Dome are found too');
  });

  it('returns hits of every kind with snippets, and honours limit and kinds', () => {
    const hits = reference.search('missile defense', { limit: 30 });
    assert.deepEqual(new Set(hits.map((hit) => hit.kind)), new Set(['section', 'term', 'event']));
    for (const hit of hits) {
      assert.ok(hit.snippet.length > 0 && hit.snippet.length <= 161, `snippet of ${hit.id}`);
      assert.ok(hit.score > 0);
    }
    assert.equal(reference.search('missile defense', { limit: 2 }).length, 2);
    assert.ok(reference.search('missile defense', { kinds: ['event'] }).every((hit) => hit.kind === 'event'));
  });

  it('returns nothing for empty or meaningless queries, without throwing', () => {
    assert.deepEqual(reference.search(''), []);
    assert.deepEqual(reference.search('   '), []);
    assert.deepEqual(reference.search('zzzxqv'), []);
    assert.doesNotThrow(() => reference.search('"(*?[\\'));
    assert.doesNotThrow(() => reference.search('a'.repeat(10000)));
  });
});

describe('term matching on the bundled glossary', () => {
  it('finds every required term by its first alias', () => {
    for (const id of REQUIRED_TERMS) {
      const term = reference.entry(id) as Term;
      const text = `In the draft, ${term.aliases[0]} appears.`;
      assert.deepEqual(reference.findTerms(text).map((match) => match.termId), [id], `alias "${term.aliases[0]}"`);
    }
  });

  it('recognises the forms writers use', () => {
    const text = "QME, Iron Dome's, David’s Sling, Arrow 3, Arrow-3, F-35I, F35I, MOUs, Hezbollah, the 2016 MOU";
    const ids = reference.findTerms(text, { markdown: true }).map((match) => match.termId);
    for (const id of ['qme', 'iron-dome', 'davids-sling', 'arrow-3', 'f-35i-adir', 'hezbollah', 'mou-2016']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
  });

  it('finds an acronym plural as the README promises, and a bare "MOU" as the disambiguation card', () => {
    assert.deepEqual(reference.findTerms('Two F-35Is flew.'), [{ termId: 'f-35i-adir', start: 4, end: 10 }]);
    assert.deepEqual(reference.findTerms('The MOUs were signed.'), [{ termId: 'mou', start: 4, end: 8 }]);
    assert.deepEqual(reference.findTerms('Under the MOU, aid rose.').map((match) => match.termId), ['mou']);
    assert.deepEqual(reference.findTerms('A memorandum of understanding was signed.').map((match) => match.termId), ['mou']);
    assert.deepEqual(reference.findTerms('The 2016 MOU and the 2007 MOU.').map((match) => match.termId), ['mou-2016', 'mou-2007'], 'a dated MOU still opens its own card');
  });

  it('returns the MOU disambiguation card as a term listing the memoranda, the one in force first', () => {
    const card = reference.entry('mou') as Term;
    assert.equal(card.kind, 'term');
    assert.deepEqual(card.disambiguation, ['mou-2016', 'mou-2007', 'strategic-cooperation-mou-1981', 'aid-arrangement-1998']);
    for (const id of card.disambiguation ?? []) assert.equal(reference.entry(id)?.kind, 'term', `${id} is a term`);
    assert.equal(card.abbreviation, 'MOU');
    assert.equal(card.expansion, 'memorandum of understanding');
  });

  it('leaves everyday words alone', () => {
    const prose = 'An arrow hit the dome. She used a sling and a laser beam; the mission was a success, with an edge in aid, the accords were signed and the partnership will endure. A mouse moved.';
    assert.deepEqual(reference.findTerms(prose, { markdown: true }), []);
  });

  it('shows no term inside code or link destinations', () => {
    const text = 'Use `QME` and ```\nIron Dome\n``` or [link](https://example.org/QME)';
    assert.deepEqual(reference.findTerms(text, { markdown: true }), []);
  });
});

describe('loading the index', () => {
  it('explains a corrupt or foreign index instead of failing obscurely', () => {
    assert.throws(() => loadReference('{not json'), (error: Error) => error instanceof ReferenceLoadError && /not valid JSON/.test(error.message));
    assert.throws(() => loadReference('{}'), (error: Error) => error instanceof ReferenceLoadError && /incomplete/.test(error.message));
    const file = JSON.parse(indexJson);
    assert.throws(() => loadReference({ ...file, format: 999 }), (error: Error) => error instanceof ReferenceLoadError && /format 999/.test(error.message));
    assert.throws(() => loadReference({ ...file, index: { garbage: true } }), (error: Error) => error instanceof ReferenceLoadError && /not a serialised minisearch index/.test(error.message));
  });

  it('restores the search index only when searching, and explains a corrupt one then', () => {
    const file = JSON.parse(indexJson);
    const damaged = loadReference({ ...file, index: { ...file.index, index: 'damaged', documentIds: 'damaged' } });
    assert.equal(damaged.termAt('the QME', 5)?.termId, 'qme', 'hover lookups work without the search index');
    assert.throws(() => damaged.search('qme'), (error: Error) => error instanceof ReferenceLoadError && /search index could not be read/.test(error.message));
  });

  it('works from dist/core.js in plain Node', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const core = require(join(__dirname, '..', '..', 'dist', 'core.js'));
    const bundled = core.loadBundledReference();
    assert.equal(bundled.search('qme', { limit: 1 })[0].id, 'qme');
    assert.equal(typeof core.validateContent, 'function');
  });
});

describe('writing-aid API on the bundled reference', () => {
  const { loadBundledReference } = require('../../dist/core.js');
  const reference = loadBundledReference();

  it('draftTerms lists the terms of a draft in order of first use', () => {
    const terms = reference.draftTerms('The QME rule and Iron Dome. The QME again.\n\n`QME`', { markdown: true });
    assert.deepEqual(terms.map((term: { termId: string; count: number }) => [term.termId, term.count]), [['qme', 2], ['iron-dome', 1]]);
    assert.equal(terms[0].spelledOut, false);
    assert.equal(terms[1].spelledOut, null);
  });

  it('cslJson, bibtex and citation answer for known sources and skip unknown ones', () => {
    const id = reference.sources()[0].id;
    assert.equal(reference.cslJson([id, 'no-such-source']).length, 1);
    assert.match(reference.bibtex([id]), new RegExp(`^@\\w+\\{${id},`));
    assert.equal(reference.citation(id, { style: 'pandoc' }).inline, `[@${id}]`);
    assert.equal(reference.citation('no-such-source', { style: 'pandoc' }), undefined);
  });
});
