import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { DEFAULT_LIMITS, FIGURE_FIELDS, validateContent, type ContentLimits } from '../../src/core/content';
import { DraftTermScan, paragraphEnd, paragraphStart } from '../../src/core/draftScan';
import { figureMentions, parsePeriod } from '../../src/core/figureMentions';
import { citationInsertionPoint, formatAmount, plainMessageText, type FigureFinding } from '../../src/core/figures';
import { loadReference, type Reference } from '../../src/core/reference';

// The corpus and the real content, built by `npm run build` before the unit tests.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadCorpus, scoreCorpus } = require('../fixtures/figures/corpus.js');
const reference: Reference = loadReference(readFileSync(join(__dirname, '..', '..', 'dist', 'reference-index.json'), 'utf8'));
const check = (text: string) => reference.checkFigures(text, { markdown: true });
const flagged = (text: string) => check(text).map((finding) => [text.slice(finding.start, finding.end), finding.replacement]);

describe('figure mentions', () => {
  it('reads amounts in every form a writer uses, with their precision, qualifier and per-year or total', () => {
    const mentions = figureMentions('$3.8 billion a year, 38 billion dollars, $38bn, about $3.3 billion, US$4 billion, USD 1.2bn, a ten-year, $30 billion package');
    assert.deepEqual(
      mentions.map((mention) => [mention.text, mention.value, mention.per, mention.qualifier]),
      [
        ['$3.8 billion', 3.8e9, 'year', undefined],
        ['38 billion dollars', 38e9, undefined, undefined],
        ['$38bn', 38e9, undefined, undefined],
        ['$3.3 billion', 3.3e9, undefined, 'approx'],
        ['US$4 billion', 4e9, undefined, undefined],
        ['USD 1.2bn', 1.2e9, undefined, undefined],
        ['$30 billion', 30e9, 'total', undefined],
      ],
    );
  });

  it('reads dates both ways, day runs, month-years, years, periods and percentages', () => {
    const mentions = figureMentions('September 15, 2020; 15 September 2020; 21–22 June 2025; May 2024; in 2012; FY2019–2028; 2019–2028; 26.3 percent; 26.3%');
    assert.deepEqual(
      mentions.map((mention) => [mention.kind, mention.text]),
      [
        ['date', 'September 15, 2020'], ['date', '15 September 2020'], ['date', '21–22 June 2025'], ['date', 'May 2024'], ['date', '2012'],
        ['period', 'FY2019–2028'], ['period', '2019–2028'], ['percent', '26.3 percent'], ['percent', '26.3%'],
      ],
    );
    assert.deepEqual(parsePeriod('FY2019–FY2028'), { from: 2019, to: 2028, fiscal: true });
    assert.equal(parsePeriod('sometime'), undefined);
  });

  it('takes no label for a figure: model numbers, bill numbers and units glued to a number', () => {
    assert.deepEqual(figureMentions('F-35, P.L. 110-429, NSM-20, 155mm, BLU-117 and S.2673').map((mention) => mention.text), []);
  });
});

describe('the figure check on the bundled reference', () => {
  it('flags the issue’s example with the record’s figure, its source and where in it', () => {
    const text = 'Under the 2016 MOU, the United States pledged $35 billion over ten years.';
    const [finding, ...rest] = check(text);
    assert.equal(rest.length, 0);
    assert.equal(text.slice(finding.start, finding.end), '$35 billion');
    assert.equal(finding.termId, 'mou-2016');
    assert.equal(finding.stated, '$35 billion');
    assert.equal(finding.expected, '$38 billion');
    assert.equal(finding.replacement, '$38 billion');
    assert.deepEqual(finding.sources, ['crs-rl33222-2025']);
    assert.match(finding.message, /\$38 billion over FY2019–FY2028.*CRS RL33222, 2025, Summary/);
  });

  it('passes right figures in the other forms the issue lists', () => {
    for (const text of [
      'Under the 2016 MOU, Israel receives $3.8 billion a year.',
      'The 2016 MOU pledges 38 billion dollars.',
      'The 2016 MOU pledges $38bn.',
      'The 2016 MOU provides about $3.3 billion a year in FMF.',
      'The 2016 MOU covers FY2019–2028.',
      'The Abraham Accords were signed on September 15, 2020.',
      'The Abraham Accords were signed on 15 September 2020.',
      'Under the 2007 MOU, Israel could convert 26.3 percent of its grant, or 26.3%.',
      'Iron Dome, used in every round of fighting since 2012, is well known.',
    ]) {
      assert.deepEqual(check(text), [], text);
    }
  });

  it('gives a ten-year total stated as a yearly sum the yearly figure, in the writer’s own style', () => {
    assert.deepEqual(flagged('Under the 2016 MOU, Israel receives $38bn a year.'), [['$38bn', '$3.8bn']]);
    assert.deepEqual(flagged('Under the 2016 MOU, Israel receives 38 billion dollars a year.'), [['38 billion dollars', '3.8 billion dollars']]);
    assert.deepEqual(flagged('The Abraham Accords were signed on September 15, 2021.'), [['September 15, 2021', 'September 15, 2020']]);
    assert.deepEqual(flagged('Iron Dome made its first interception in April 2012.'), [['April 2012', 'April 2011']]);
  });

  it('leaves code, link destinations, quotations, block quotes and front matter alone', () => {
    for (const text of [
      'The model has `MOU_2016 = "the 2016 MOU pledged $35 billion over ten years"`.',
      '```\nThe 2016 MOU pledged $35 billion over ten years.\n```',
      'Read [the 2016 MOU](https://example.org/2016-mou-pledged-35-billion-over-ten-years).',
      'One op-ed said the 2016 MOU “pledged $35 billion over ten years”.',
      '> The 2016 MOU pledged $35 billion over ten years.',
      '---\ntitle: The 2016 MOU pledged $35 billion over ten years\n---\nBody.',
    ]) {
      assert.deepEqual(check(text), [], text);
    }
  });

  it('reports UTF-16 offsets, past characters outside the Basic Multilingual Plane', () => {
    const text = '📌 Under the 2016 MOU, the United States pledged $35 billion over ten years.';
    const [finding] = check(text);
    assert.equal(text.slice(finding.start, finding.end), '$35 billion');
  });

  it('checks a paragraph range exactly as the whole draft does', () => {
    const text = 'Intro.\n\nUnder the 2016 MOU, the United States pledged $35 billion over ten years.\n\nIron Dome made its first interception in 2012.\n';
    const whole = check(text);
    const at = text.indexOf('Iron Dome');
    const part = reference.checkFiguresBetween(text, paragraphStart(text, at), paragraphEnd(text, at), { markdown: true });
    assert.equal(whole.length, 2);
    assert.deepEqual(part, [whole[1]]);
  });

  it('keeps a draft’s findings current edit by edit, the same as checking it anew', () => {
    const matcher = {
      findTerms: (text: string) => check(text),
      findTermsBetween: (text: string, from: number, to: number) => reference.checkFiguresBetween(text, from, to, { markdown: true }),
    };
    let text = 'Under the 2016 MOU, the United States pledged $35 billion over ten years.\n\nIron Dome made its first interception in 2011.\n';
    const scan = new DraftTermScan<FigureFinding>(matcher, text, { markdown: true });
    const edit = (start: number, end: number, inserted: string) => {
      text = text.slice(0, start) + inserted + text.slice(end);
      scan.update(text, [{ start, end, text: inserted }]);
      assert.deepEqual(scan.matches, check(text));
    };
    edit(0, 0, 'Opening words.\n\n');
    const year = text.indexOf('2011');
    edit(year, year + 4, '2013');
    const wrong = text.indexOf('$35');
    edit(wrong, wrong + 3, '$38');
    assert.deepEqual(scan.matches.map((finding) => finding.stated), ['2013']);
  });

  it('writes messages as plain text: no Markdown link, code or command can pass', () => {
    assert.equal(plainMessageText('See [the record](command:workbench.action.x) and `code` <b>x</b>'), 'See the record and code x');
    for (const finding of check(loadCorpus().map((paragraph: { text: string }) => paragraph.text).join('\n\n'))) {
      assert.doesNotMatch(finding.message, /\]\(|\[|`|command:/, finding.message);
    }
  });

  it('formats amounts in the style the draft used', () => {
    assert.equal(formatAmount(3.8e9, { prefix: '$', scaleWord: 'bn', suffix: '' }), '$3.8bn');
    assert.equal(formatAmount(815.3e6, { prefix: '$', scaleWord: 'billion', suffix: '' }), '$815.3 million');
    assert.equal(formatAmount(38e9, { prefix: '', scaleWord: 'billion', suffix: ' dollars' }), '38 billion dollars');
    assert.equal(formatAmount(500e6, { prefix: '$', scaleWord: 'B', suffix: '' }), '$500M');
  });

  it('puts a citation before the full stop of the figure’s sentence', () => {
    const text = 'It pledged $38 billion over ten years. The U.S. Congress appropriates it.';
    assert.equal(citationInsertionPoint(text, text.indexOf('$38') + 3), text.indexOf('. The'));
    assert.equal(citationInsertionPoint('No full stop here', 3), 'No full stop here'.length);
  });
});

describe('the labeled figure corpus', () => {
  const paragraphs = loadCorpus();
  const score = scoreCorpus(check, paragraphs);

  it('has at least 80 paragraphs: at least 30 with a planted wrong figure and 50 clean', () => {
    assert.ok(score.paragraphs >= 80, `${score.paragraphs} paragraphs`);
    assert.ok(score.wrongParagraphs >= 30, `${score.wrongParagraphs} with a planted figure`);
    assert.ok(score.cleanParagraphs >= 50, `${score.cleanParagraphs} clean`);
    for (const kind of ['wrong-amount', 'wrong-year', 'total-per-year', 'wrong-memorandum', 'wrong-percentage', 'wrong-count']) {
      assert.ok(paragraphs.some((paragraph: { label: string }) => paragraph.label.startsWith(kind)), kind);
    }
  });

  it('is checked with precision 1.00 and recall of at least 0.90', () => {
    const detail = [
      ...score.falseAlarms.map((alarm: { label: string; finding: FigureFinding }) => `false alarm [${alarm.label}] ${alarm.finding.stated} → ${alarm.finding.replacement}`),
      ...score.misses.map((miss: { label: string; planted: { stated: string } }) => `miss [${miss.label}] ${miss.planted.stated}`),
    ].join('\n');
    assert.equal(score.falseAlarms.length, 0, detail);
    assert.ok(score.recall >= 0.9, `recall ${score.recall.toFixed(2)}\n${detail}`);
  });

  it('scores a check that flags nothing, and one that flags everything, as they deserve', () => {
    const none = scoreCorpus(() => [], paragraphs);
    assert.equal(none.recall, 0);
    const everything = scoreCorpus((text: string) => figureMentions(text).map((mention) => ({ start: mention.start, end: mention.end, replacement: 'x' })), paragraphs);
    assert.ok(everything.precision < 0.5);
  });
});

describe('figures in the content', () => {
  const LIMITS: ContentLimits = { ...DEFAULT_LIMITS, sectionWordsMin: 3, minSections: 0, minTerms: 0, minEvents: 0, minSources: 0 };
  const files = (facts: unknown[]) => [
    { path: 'data/sources/sources.json', text: JSON.stringify([{ id: 'crs-a', title: 'T', publisher: 'Congressional Research Service', date: '2025-05-01', url: 'https://crsreports.congress.gov/a', type: 'crs-report' }]) },
    { path: 'data/terms/aid.json', text: JSON.stringify([{ id: 'mou-2016', title: 'MOU', shortTitle: '2016 MOU', aliases: ['2016 MOU'], category: 'aid-and-funding', summary: 'A summary.', facts, sources: ['crs-a'], related: [], asOf: '2025-12' }]) },
  ];
  const problemsOf = (facts: unknown[]) => validateContent(files(facts), LIMITS).problems;
  const fact = (text: string, figures: unknown[]) => ({ text, sources: ['crs-a'], at: { 'crs-a': 'Summary' }, figures });
  const plain = { text: 'Another fact, 2016.', sources: ['crs-a'], at: { 'crs-a': 'Summary' } };

  it('accepts figures the text states, with a derived yearly figure and parts that add up', () => {
    const problems = problemsOf([
      fact('It pledges $38 billion over FY2019–FY2028: $33 billion in FMF and $5 billion for missile defense.', [
        { slot: 'total pledge', amount: 38, unit: 'billion', per: 'total', period: 'FY2019–FY2028', sumOf: ['FMF', 'missile defense'], source: 'crs-a' },
        { slot: 'FMF', amount: 33, unit: 'billion', per: 'total', period: 'FY2019–FY2028', source: 'crs-a' },
        { slot: 'missile defense', amount: 5, unit: 'billion', source: 'crs-a' },
      ]),
      fact('That is $3.8 billion a year.', [{ slot: 'total pledge', amount: 3.8, unit: 'billion', per: 'year', source: 'crs-a' }]),
    ]);
    assert.deepEqual(problems, []);
  });

  it('names the file, field and reason for a figure the text does not state, a bad field, a stranger source', () => {
    const problems = problemsOf([
      fact('It pledges $38 billion.', [
        { slot: 'total pledge', amount: 35, unit: 'billion', source: 'crs-a' },
        { slot: 'signed', date: '2016-13-01', source: 'crs-b' },
        { slot: 'share', percent: 26.3, count: 4, source: 'crs-a' },
        { slot: 'typo', amount: 1, unit: 'gazillion', colour: 'red', source: 'crs-a' },
      ]),
      plain,
    ]);
    const has = (field: string, reason: RegExp) => assert.ok(problems.some((problem) => problem.startsWith('data/terms/aid.json: [0] (mou-2016).') && problem.includes(field) && reason.test(problem)), `${field} ${reason}\n${problems.join('\n')}`);
    has('facts[0].figures[0].amount', /35 billion \(USD\) does not appear in the fact text/);
    has('facts[0].figures[1].date', /is not a date/);
    has('facts[0].figures[1].source', /not among the fact's sources/);
    has('facts[0].figures[2]', /exactly one of amount, percent, count, date/);
    has('facts[0].figures[3].unit', /"gazillion" is not a unit/);
    has('facts[0].figures[3].colour', /is not a known field/);
  });

  it('checks figures against each other: one slot stated twice must agree, and parts must add up', () => {
    const problems = problemsOf([
      fact('It pledges $38 billion over FY2019–FY2028, with $33 billion in FMF and $6 billion for missile defense.', [
        { slot: 'total pledge', amount: 38, unit: 'billion', per: 'total', period: 'FY2019–FY2028', sumOf: ['FMF', 'missile defense'], source: 'crs-a' },
        { slot: 'FMF', amount: 33, unit: 'billion', source: 'crs-a' },
        { slot: 'missile defense', amount: 6, unit: 'billion', source: 'crs-a' },
      ]),
      fact('That is $3.5 billion a year.', [{ slot: 'total pledge', amount: 3.5, unit: 'billion', per: 'year', source: 'crs-a' }]),
    ]);
    assert.ok(problems.some((problem) => problem.includes('facts[0].figures[0].sumOf') && /add up to 39,000,000,000, not 38,000,000,000/.test(problem)), problems.join('\n'));
    assert.ok(problems.some((problem) => problem.includes('facts[1].figures[0]') && /gives "total pledge" differently/.test(problem)), problems.join('\n'));
  });

  it('lists the figure fields the JSON Schema describes', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'data', 'schema', 'term.schema.json'), 'utf8'));
    assert.deepEqual(Object.keys(schema.items.properties.facts.items.properties.figures.items.properties).sort(), [...FIGURE_FIELDS].sort());
  });
});
