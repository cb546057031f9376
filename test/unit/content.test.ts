import { strict as assert } from 'assert';
import {
  DEFAULT_LIMITS,
  isValidPartialDate,
  parseFrontMatter,
  sentenceCount,
  slugify,
  validateContent,
  type ContentFile,
  type ContentLimits,
} from '../../src/core/content';

/** Small enough for hand-made fixtures; every rule other than counts and lengths stays on. */
const FIXTURE_LIMITS: ContentLimits = { ...DEFAULT_LIMITS, sectionWordsMin: 3, minSections: 0, minTerms: 0, minEvents: 0, minSources: 0, strictSourcing: false };

const source = (id: string, url = `https://example.org/${id}`) => ({ id, title: `Title ${id}`, publisher: 'Publisher', date: '2023-03-01', url, type: 'crs-report' });
const term = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  title: `Term ${id}`,
  aliases: [`Term ${id}`],
  category: 'concepts-and-doctrine',
  summary: 'A short summary. It has two sentences.',
  facts: [
    { text: 'Fact one, 2016.', sources: ['crs-a'] },
    { text: 'Fact two, 2019.', sources: ['crs-a'] },
  ],
  sources: ['crs-a'],
  related: [],
  ...overrides,
});

function section(overrides: { front?: string; body?: string; path?: string } = {}): ContentFile {
  return {
    path: overrides.path ?? 'data/sections/01-introduction.md',
    text: `---\n${overrides.front ?? 'id: introduction\ntitle: Introduction\nheading: ""\norder: 1\nterms: [qme]'}\n---\n${overrides.body ?? 'The partnership began early [@crs-a] in 1948.\n\n## Missile defense\n\nWords without figures here.'}\n`,
  };
}

function files(changes: { terms?: unknown[]; events?: unknown[]; sources?: unknown[]; sections?: ContentFile[] } = {}): ContentFile[] {
  return [
    ...(changes.sections ?? [section()]),
    { path: 'data/terms/concepts.json', text: JSON.stringify(changes.terms ?? [term('qme', { aliases: ['QME'] }), term('iron-dome', { aliases: ['Iron Dome'], related: ['qme'] })]) },
    { path: 'data/events/events.json', text: JSON.stringify(changes.events ?? [{ id: '2016-mou-signed', date: '2016-09-14', title: 'MOU signed', text: 'The MOU was signed.', terms: ['qme'], sources: ['crs-a'] }]) },
    { path: 'data/sources/sources.json', text: JSON.stringify(changes.sources ?? [source('crs-a')]) },
  ];
}

function problemsOf(input: ContentFile[]): string[] {
  return validateContent(input, FIXTURE_LIMITS).problems;
}

/** Asserts one problem names this file, this field and a reason matching `reason`. */
function assertProblem(problems: string[], file: string, field: string, reason: RegExp): void {
  const hit = problems.find((problem) => problem.startsWith(`${file}: `) && problem.includes(field) && reason.test(problem));
  assert.ok(hit, `expected a problem for ${file} ${field} ${reason}; got:\n${problems.join('\n')}`);
}

describe('content validation', () => {
  it('accepts valid content and assembles the data', () => {
    const { data, problems } = validateContent(files(), FIXTURE_LIMITS);
    assert.deepEqual(problems, []);
    assert.equal(data.sections[0].id, 'introduction');
    assert.deepEqual(data.sections[0].subsections, [{ id: 'missile-defense', title: 'Missile defense' }]);
    assert.deepEqual(data.sections[0].sources, ['crs-a']);
    assert.deepEqual(data.terms.find((t) => t.id === 'qme')?.sections, ['introduction'], 'a term lists the sections that name it');
    assert.deepEqual(data.terms.find((t) => t.id === 'iron-dome')?.sections, []);
  });

  it('reports missing fields with file, field and reason', () => {
    const { summary: _summary, ...withoutSummary } = term('qme');
    assertProblem(problemsOf(files({ terms: [withoutSummary] })), 'data/terms/concepts.json', '[0] (qme).summary', /is missing/);
  });

  it('reports unknown fields, which are usually typos', () => {
    assertProblem(problemsOf(files({ terms: [term('qme', { soruces: [] })] })), 'data/terms/concepts.json', '(qme).soruces', /not a known field/);
  });

  it('reports unknown ids in related, sources and sections', () => {
    const problems = problemsOf(
      files({
        terms: [term('qme', { related: ['nope'], sources: ['ghost'] })],
        sections: [section({ front: 'id: introduction\ntitle: Introduction\nheading: ""\norder: 1\nterms: [missing-term]' })],
      }),
    );
    assertProblem(problems, 'data/terms/concepts.json', '(qme).related[0]', /"nope" is not a term id/);
    assertProblem(problems, 'data/terms/concepts.json', '(qme).sources[0]', /"ghost" is not a source id/);
    assertProblem(problems, 'data/sections/01-introduction.md', 'terms[0]', /"missing-term" is not a term id/);
  });

  it('reports citations of unknown sources in section bodies', () => {
    assertProblem(problemsOf(files({ sections: [section({ body: 'Began in 1948 [@nowhere] and grew.' })] })), 'data/sections/01-introduction.md', '(body) citation', /"nowhere" is not a source id/);
  });

  it('reports a paragraph with a figure but no citation', () => {
    assertProblem(problemsOf(files({ sections: [section({ body: 'Aid reached $3.8 billion a year.' })] })), 'data/sections/01-introduction.md', '(body) paragraph 1', /cites no source/);
  });

  it('reports two terms claiming the same alias, in any spelling', () => {
    const problems = problemsOf(files({ terms: [term('qme', { aliases: ['Iron Dome'] }), term('iron-dome', { aliases: ['iron  dome'] })] }));
    assertProblem(problems, 'data/terms/concepts.json', '(iron-dome).aliases', /also an alias of "qme"/);
    const hyphen = problemsOf(files({ terms: [term('qme', { aliases: ['F-35I'] }), term('iron-dome', { aliases: ['F35I'] })] }));
    assertProblem(hyphen, 'data/terms/concepts.json', '(iron-dome).aliases', /also an alias of "qme"/);
  });

  it('reports a lower-case single-word alias that would turn prose into a term', () => {
    assertProblem(problemsOf(files({ terms: [term('qme', { aliases: ['arrow'] })] })), 'data/terms/concepts.json', '(qme).aliases', /everyday prose/);
  });

  it('reports an alias that does not start with a letter or digit', () => {
    assertProblem(problemsOf(files({ terms: [term('qme', { aliases: ['$38 billion'] })] })), 'data/terms/concepts.json', '(qme).aliases', /must start with a letter or digit/);
  });

  it('reports a summary too long or too many sentences for a hover card', () => {
    assertProblem(problemsOf(files({ terms: [term('qme', { summary: 'x'.repeat(301) })] })), 'data/terms/concepts.json', '(qme).summary', /301 characters; a hover card holds at most 300/);
    assertProblem(problemsOf(files({ terms: [term('qme', { summary: 'One. Two. Three.' })] })), 'data/terms/concepts.json', '(qme).summary', /3 sentences/);
  });

  it('reports facts out of range or unsourced', () => {
    assertProblem(problemsOf(files({ terms: [term('qme', { facts: [{ text: 'Only one.', sources: ['crs-a'] }] })] })), 'data/terms/concepts.json', '(qme).facts', /1 facts; a term has 2 to 5/);
    const unsourced = term('qme', { facts: [{ text: 'A.', sources: [] }, { text: 'B.', sources: ['crs-a'] }] });
    assertProblem(problemsOf(files({ terms: [unsourced] })), 'data/terms/concepts.json', '(qme).facts[0].sources', /every fact is sourced/);
  });

  it('reports malformed dates', () => {
    const events = [{ id: '2016-mou-signed', date: '2016-02-30', title: 'T', text: 'T.', terms: [], sources: ['crs-a'] }];
    assertProblem(problemsOf(files({ events })), 'data/events/events.json', '(2016-mou-signed).date', /"2016-02-30" is not a date/);
    assertProblem(problemsOf(files({ sources: [{ ...source('crs-a'), date: 'March 2023' }] })), 'data/sources/sources.json', '(crs-a).date', /not a date/);
    assertProblem(problemsOf(files({ terms: [term('qme', { asOf: '2025-13' })] })), 'data/terms/concepts.json', '(qme).asOf', /not a date/);
  });

  it('reports bad ids, duplicate ids and categories', () => {
    const problems = problemsOf(files({ terms: [term('QME Rule'), term('qme', { category: 'weapons' })], events: [{ id: 'qme', date: '2016', title: 'T', text: 'T.', terms: [], sources: ['crs-a'] }] }));
    assertProblem(problems, 'data/terms/concepts.json', '[0] (QME Rule).id', /kebab-case/);
    assertProblem(problems, 'data/terms/concepts.json', '(qme).category', /"weapons" is not a category/);
    assertProblem(problems, 'data/terms/concepts.json', '(qme).id', /"qme" is already used by data\/events\/events.json/);
  });

  it('reports duplicate source addresses and bad addresses', () => {
    const problems = problemsOf(files({ sources: [source('crs-a'), source('crs-b', 'https://example.org/crs-a'), { ...source('crs-c'), url: 'ftp:/x' }] }));
    assertProblem(problems, 'data/sources/sources.json', '(crs-b).url', /same address as source "crs-a"/);
    assertProblem(problems, 'data/sources/sources.json', '(crs-c).url', /must start with "https:\/\/"/);
  });

  it('reports broken JSON and broken front matter with the file', () => {
    const broken = [...files().slice(0, 1), { path: 'data/terms/broken.json', text: '[{"id": ' }, ...files().slice(2)];
    assertProblem(problemsOf(broken), 'data/terms/broken.json', '(file)', /not valid JSON/);
    assertProblem(problemsOf(files({ sections: [{ path: 'data/sections/01-x.md', text: 'no front matter' }] })), 'data/sections/01-x.md', '(front matter)', /must start with front matter/);
  });

  it('holds sections to the word range and the reference to its counts', () => {
    const { problems } = validateContent(files(), DEFAULT_LIMITS);
    assertProblem(problems, 'data/sections/01-introduction.md', '(body)', /words; a section has 250 to 700/);
    assertProblem(problems, 'data/terms', '(count)', /has 2 terms; the reference needs at least 60/);
  });
});

describe('content helpers', () => {
  it('checks partial dates against the calendar', () => {
    assert.equal(isValidPartialDate('1948'), true);
    assert.equal(isValidPartialDate('2024-02-29'), true);
    assert.equal(isValidPartialDate('2023-02-29'), false);
    assert.equal(isValidPartialDate('2016-9-14'), false);
  });
  it('counts sentences without splitting on abbreviations', () => {
    assert.equal(sentenceCount('The U.S. and Israel signed it in Sept. 2016. It runs to 2028.'), 2);
    assert.equal(sentenceCount('Under 22 U.S.C. 2776(h), sales must not harm it.'), 1);
    assert.equal(sentenceCount(''), 0);
  });
  it('parses front matter lists in both styles', () => {
    const { fields, body } = parseFrontMatter('---\nid: x\nterms:\n  - a\n  - b\nother: [c, "d"]\norder: 3\n---\nBody');
    assert.deepEqual(fields, { id: 'x', terms: ['a', 'b'], other: ['c', 'd'], order: 3 });
    assert.equal(body, 'Body');
  });
  it('slugifies headings', () => {
    assert.equal(slugify('Intelligence, technology, and interoperability'), 'intelligence-technology-and-interoperability');
    assert.equal(slugify('Israel’s edge'), 'israels-edge');
  });
});

describe('sourcing rules (strictSourcing)', () => {
  const STRICT: ContentLimits = { ...FIXTURE_LIMITS, strictSourcing: true };
  const located = (id: string, overrides: Record<string, unknown> = {}) =>
    term(id, {
      shortTitle: `Short ${id}`,
      asOf: '2025-06',
      facts: [
        { text: 'Fact one, 2016.', sources: ['crs-a'], at: { 'crs-a': 'p. 3' } },
        { text: 'Fact two, 2019.', sources: ['crs-a'], at: { 'crs-a': 'Summary' } },
      ],
      ...overrides,
    });
  const strictFiles = (changes: Parameters<typeof files>[0] = {}) =>
    files({
      sections: [section({ body: 'The partnership began early [@crs-a, p. 2] in 1948.\n\n## Missile defense\n\nWords without figures here.' })],
      terms: [located('qme', { aliases: ['QME'], abbreviation: 'QME', expansion: 'qualitative military edge' }), located('iron-dome', { aliases: ['Iron Dome'] })],
      events: [{ id: '2016-mou-signed', date: '2016-09-14', title: 'MOU signed', text: 'The MOU was signed.', terms: ['qme'], sources: ['crs-a'], at: { 'crs-a': 'p. 9' } }],
      ...changes,
    });
  const strictProblems = (input: ContentFile[]) => validateContent(input, STRICT).problems;

  it('accepts content that meets every rule, and keeps locators, expansion and shortTitle', () => {
    const { data, problems, warnings } = validateContent(strictFiles(), STRICT);
    assert.deepEqual(problems, []);
    assert.deepEqual(warnings, []);
    const qme = data.terms.find((entry) => entry.id === 'qme')!;
    assert.equal(qme.expansion, 'qualitative military edge');
    assert.equal(qme.shortTitle, 'Short qme');
    assert.deepEqual(qme.facts[0].at, { 'crs-a': 'p. 3' });
    assert.deepEqual(data.events[0].at, { 'crs-a': 'p. 9' });
  });

  it('reports a citation without a locator, in facts, events and section bodies', () => {
    const problems = strictProblems(
      strictFiles({
        sections: [section({ body: 'The partnership began early [@crs-a] in 1948.' })],
        terms: [located('qme', { aliases: ['QME'], facts: [{ text: 'One.', sources: ['crs-a'] }, { text: 'Two.', sources: ['crs-a'], at: { 'crs-a': 'p. 1', 'crs-b': 'p. 2' } }] })],
        events: [{ id: 'e-one', date: '2016', title: 'E', text: 'E.', terms: [], sources: ['crs-a'] }],
      }),
    );
    assertProblem(problems, 'data/terms/concepts.json', 'facts[0].at', /says not where in "crs-a"/);
    assertProblem(problems, 'data/terms/concepts.json', 'facts[1].at.crs-b', /not among this record's sources/);
    assertProblem(problems, 'data/events/events.json', '(e-one).at', /says not where in "crs-a"/);
    assertProblem(problems, 'data/sections/01-introduction.md', '(body) citation', /\[@crs-a\]" says not where/);
  });

  it('requires asOf, shortTitle and an expansion for an abbreviation; refuses a title that repeats it', () => {
    const problems = strictProblems(
      strictFiles({ terms: [located('thaad', { title: 'THAAD deployment to Israel', aliases: ['THAAD'], abbreviation: 'THAAD', asOf: undefined, shortTitle: undefined })] }),
    );
    assertProblem(problems, 'data/terms/concepts.json', '(thaad).asOf', /is missing/);
    assertProblem(problems, 'data/terms/concepts.json', '(thaad).shortTitle', /is missing/);
    assertProblem(problems, 'data/terms/concepts.json', '(thaad).expansion', /say exactly what "THAAD" stands for/);
    assertProblem(problems, 'data/terms/concepts.json', '(thaad).title', /repeats the abbreviation "THAAD"/);
  });

  it('limits shortTitle to 28 characters and checks expansions, exclusions and disambiguation ids', () => {
    const problems = strictProblems(
      strictFiles({
        terms: [
          located('qme', { aliases: ['QME'], abbreviation: 'QME', expansion: 'QME edge', shortTitle: 'A sidebar title far longer than it may be', exclusions: ['Rafael Grossi'], disambiguation: ['nothing-here'] }),
        ],
      }),
    );
    assertProblem(problems, 'data/terms/concepts.json', '(qme).shortTitle', /is 41 characters/);
    assertProblem(problems, 'data/terms/concepts.json', '(qme).expansion', /repeats the abbreviation/);
    assertProblem(problems, 'data/terms/concepts.json', '(qme).exclusions[0]', /contains none of the term's aliases/);
    assertProblem(problems, 'data/terms/concepts.json', '(qme).disambiguation[0]', /"nothing-here" is not a term id/);
  });

  it('refuses a fact resting only on weak sources, and an official source off a government host', () => {
    const problems = strictProblems(
      strictFiles({
        sources: [
          source('crs-a'),
          { ...source('op-ed'), type: 'opinion' },
          { ...source('copy', 'https://www.jewishvirtuallibrary.org/x'), type: 'official' },
          { ...source('law', 'https://www.govinfo.gov/app/details/PLAW-110publ429'), type: 'statute' },
        ],
        terms: [located('qme', { aliases: ['QME'], facts: [{ text: 'One.', sources: ['op-ed'], at: { 'op-ed': 'para. 2' } }, { text: 'Two.', sources: ['op-ed', 'crs-a'], at: { 'op-ed': 'p. 1', 'crs-a': 'p. 1' } }] })],
      }),
    );
    assertProblem(problems, 'data/terms/concepts.json', 'facts[0].sources', /rests only on weak sources/);
    assert.ok(!problems.some((problem) => problem.includes('facts[1].sources')), problems.join('\n'));
    assertProblem(problems, 'data/sources/sources.json', '(copy).url', /"www.jewishvirtuallibrary.org" is not a government host/);
    assert.ok(!problems.some((problem) => problem.includes('(law)')), problems.join('\n'));
  });

  it('reports the same breaches as warnings while strictSourcing is off', () => {
    const input = strictFiles({ terms: [located('qme', { aliases: ['QME'], asOf: undefined })] });
    const relaxed = validateContent(input, FIXTURE_LIMITS);
    assert.ok(!relaxed.problems.some((problem) => problem.includes('asOf')));
    assertProblem(relaxed.warnings, 'data/terms/concepts.json', '(qme).asOf', /is missing/);
  });
});
