import { strict as assert } from 'assert';
import { DraftTermScan, paragraphEnd, paragraphStart, type DraftMatcher } from '../../src/core/draftScan';
import { analyzeDraft, isAbbreviationUse, type DraftTermInfo } from '../../src/core/draftTerms';
import { TermMatcher } from '../../src/core/termMatcher';

const TERMS: (DraftTermInfo & { aliases: string[] })[] = [
  { id: 'qme', abbreviation: 'QME', expansion: 'qualitative military edge', aliases: ['QME', 'qualitative military edge'] },
  { id: 'thaad', abbreviation: 'THAAD', expansion: 'Terminal High Altitude Area Defense', aliases: ['THAAD'] },
  { id: 'mou-2016', abbreviation: 'MOU', expansion: 'memorandum of understanding', aliases: ['2016 MOU', '2016 memorandum of understanding'] },
  { id: 'iron-dome', aliases: ['Iron Dome'] },
  { id: 'fmf', abbreviation: 'FMF', expansion: 'Foreign Military Financing', aliases: ['FMF', 'Foreign Military Financing'] },
];
const matcher = new TermMatcher(TERMS);
const draftMatcher: DraftMatcher = {
  findTerms: (text, options) => matcher.findAll(text, options),
  findTermsBetween: (text, from, to, options) => matcher.findBetween(text, from, to, options),
};
const info = (id: string) => TERMS.find((term) => term.id === id);
const draftTerms = (text: string) => analyzeDraft(text, matcher.findAll(text, { markdown: true }), info);

describe('draft terms', () => {
  it('lists terms in order of first use with counts and first offsets', () => {
    const text = 'Iron Dome and QME. Later QME, then Iron Dome again, and FMF.';
    assert.deepEqual(draftTerms(text), [
      { termId: 'iron-dome', count: 2, first: { start: 0, end: 9 }, spelledOut: null },
      { termId: 'qme', count: 2, first: { start: 14, end: 17 }, spelledOut: false },
      { termId: 'fmf', count: 1, first: { start: 56, end: 59 }, spelledOut: false },
    ]);
  });

  it('counts a spelled-out pair once and calls it spelled out, either way round', () => {
    assert.deepEqual(
      draftTerms('The qualitative military edge (QME) matters; QME again.').map((term) => [term.termId, term.count, term.spelledOut]),
      [['qme', 2, true]],
    );
    assert.equal(draftTerms('QME (qualitative military edge) matters.')[0].spelledOut, true);
    assert.equal(draftTerms('a THAAD (Terminal High Altitude Area Defense) battery')[0].spelledOut, true);
    assert.equal(draftTerms('a Terminal High Altitude\nArea Defense (THAAD) battery')[0].spelledOut, true);
    assert.equal(draftTerms('the Foreign Military Financing grant')[0].spelledOut, true);
  });

  it('says not spelled out for a bare abbreviation, a name built on it, or an expansion further away', () => {
    assert.equal(draftTerms('A THAAD battery.')[0].spelledOut, false);
    assert.equal(draftTerms('Under the 2016 MOU the aid grew.')[0].spelledOut, false);
    assert.equal(draftTerms('Under the 2016 memorandum of understanding the aid grew.')[0].spelledOut, true);
    assert.equal(draftTerms('QME. The qualitative military edge (QME).')[0].spelledOut, false);
  });

  it('ignores terms in code and link destinations', () => {
    assert.deepEqual(draftTerms('`QME` and [x](https://e.org/QME)'), []);
  });

  it('tells an abbreviation use from a spelled-out name', () => {
    assert.equal(isAbbreviationUse('QMEs', 'QME'), true);
    assert.equal(isAbbreviationUse('F-35Is', 'F-35I'), true);
    assert.equal(isAbbreviationUse('qualitative military edge', 'QME'), false);
    assert.equal(isAbbreviationUse('2016 MOU', 'MOU'), true);
  });
});

describe('paragraph bounds', () => {
  const text = 'one\ntwo\n\nthree\n  \nfour';
  it('finds the paragraph around an offset', () => {
    assert.equal(paragraphStart(text, 5), 0);
    assert.equal(paragraphEnd(text, 5), 8);
    assert.equal(paragraphStart(text, 11), 9);
    assert.equal(paragraphEnd(text, 11), 15);
    assert.equal(paragraphStart(text, text.length), 18);
    assert.equal(paragraphEnd(text, text.length), text.length);
  });
});

describe('incremental draft scan', () => {
  // A small deterministic generator, so a failure can be replayed from its seed.
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state / 0x7fffffff;
    };
  }
  // Prose: words, names, line breaks, paragraph breaks and links.
  const PROSE = ['QME', ' ', 'Iron Dome', '\n', '\n\n', 'the qualitative military edge', '[a](b QME)', 'FMF', 'THAAD', 'x', '(', ')', '2016 MOU', 'Dome', 'Iron '];
  // Everything Markdown has that reaches across paragraphs: fences, comments, lists, indented code, stray backticks.
  const ALL = [...PROSE, '```\n', '<!--', '-->', '---\n', '`', '    ', '- ', '\t', ' \t'];

  function randomEdits(pieces: string[], markdown: boolean, check: (scan: DraftTermScan, text: string, where: string) => void): void {
    const pick = (next: () => number) => pieces[Math.floor(next() * pieces.length)];
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      let text = Array.from({ length: 40 }, () => pick(next)).join('');
      const scan = new DraftTermScan(draftMatcher, text, { markdown });
      for (let step = 0; step < 40; step++) {
        const start = Math.floor(next() * (text.length + 1));
        const end = Math.min(text.length, start + Math.floor(next() * 6));
        const inserted = next() < 0.7 ? pick(next) : '';
        text = text.slice(0, start) + inserted + text.slice(end);
        scan.update(text, [{ start, end, text: inserted }]);
        check(scan, text, `seed ${seed}, step ${step}: ${JSON.stringify(text)}`);
      }
    }
  }

  for (const markdown of [true, false]) {
    it(`gives the same matches as a full scan after every random edit of prose (markdown: ${markdown})`, () => {
      randomEdits(markdown ? PROSE : ALL, markdown, (scan, text, where) => assert.deepEqual(scan.matches, matcher.findAll(text, { markdown }), where));
    });
  }

  it('agrees with a full scan after reconcile() whatever Markdown the edits wrote', () => {
    randomEdits(ALL, true, (scan, text, where) => {
      scan.reconcile();
      assert.deepEqual(scan.matches, matcher.findAll(text, { markdown: true }), where);
    });
  });

  it('catches, on reconcile(), a list marker whose removal turns a later paragraph into code', () => {
    let text = '- item\n\n    QME continues the item';
    const scan = new DraftTermScan(draftMatcher, text, { markdown: true });
    assert.equal(scan.matches.length, 1);
    text = text.slice(2);
    scan.update(text, [{ start: 0, end: 2, text: '' }]);
    assert.equal(scan.reconcile(), true);
    assert.deepEqual(scan.matches, []);
    assert.equal(scan.reconcile(), false);
  });

  it('re-reads only the edited paragraph of a long draft', () => {
    const paragraphs = Array.from({ length: 2000 }, (_, index) => `Paragraph ${index} on the QME and Iron Dome.`);
    let text = paragraphs.join('\n\n');
    const scan = new DraftTermScan(draftMatcher, text, { markdown: true });
    const at = text.indexOf('Paragraph 1000 ') + 'Paragraph 1000 '.length;
    text = `${text.slice(0, at)}FMF ${text.slice(at)}`;
    scan.update(text, [{ start: at, end: at, text: 'FMF ' }]);
    assert.equal(scan.fullScans, 1);
    assert.equal(scan.matches.length, 4001);
    assert.deepEqual(scan.matches, matcher.findAll(text, { markdown: true }));
  });

  it('re-reads only the edited paragraph outside a fence that spans paragraphs, and the whole draft inside it', () => {
    let text = '```\nQME in code\n\nstill code\n```\n\nIron Dome here';
    const scan = new DraftTermScan(draftMatcher, text, { markdown: true });
    text = `${text} and FMF`;
    scan.update(text, [{ start: text.length - 8, end: text.length - 8, text: ' and FMF' }]);
    assert.equal(scan.fullScans, 1);
    assert.deepEqual(scan.matches, matcher.findAll(text, { markdown: true }));
    text = `${text.slice(0, 4)}THAAD ${text.slice(4)}`;
    scan.update(text, [{ start: 4, end: 4, text: 'THAAD ' }]);
    assert.equal(scan.fullScans, 2);
    assert.deepEqual(scan.matches, matcher.findAll(text, { markdown: true }));
  });

  it('falls back to a full scan when an edit opens a code fence', () => {
    let text = 'QME\n\nIron Dome\n\nFMF';
    const scan = new DraftTermScan(draftMatcher, text, { markdown: true });
    text = `\`\`\`\n${text}`;
    scan.update(text, [{ start: 0, end: 0, text: '```\n' }]);
    assert.equal(scan.fullScans, 2);
    assert.deepEqual(scan.matches, []);
  });
});

import { spellOutFindings } from '../../src/core/spellOut';

describe('spell out on first use', () => {
  const findings = (text: string, known: string[] = []) =>
    spellOutFindings(text, matcher.findAll(text, { markdown: true }), info, new Set(known)).map((finding) => [finding.kind, text.slice(finding.start, finding.end), finding.replacement]);

  it('flags a bare abbreviation at first use with the spelled-out replacement, capitalised at a sentence start', () => {
    assert.deepEqual(findings('QME matters. So does FMF.'), [
      ['first-use', 'QME', 'Qualitative military edge (QME)'],
      ['first-use', 'FMF', 'Foreign Military Financing (FMF)'],
    ]);
    assert.deepEqual(findings("Israel's QME's reach"), [['first-use', "QME's", "qualitative military edge (QME)'s"]]);
    assert.deepEqual(findings('Under the 2016 MOU, aid'), [['first-use', '2016 MOU', '2016 memorandum of understanding (MOU)']]);
  });

  it('leaves a spelled-out first use, later bare uses and known abbreviations alone', () => {
    assert.deepEqual(findings('The qualitative military edge (QME) holds. QME again.'), []);
    assert.deepEqual(findings('QME matters.', ['QME']), []);
    assert.deepEqual(findings('Iron Dome works.'), []);
  });

  it('writes an expansion from the content as inert Markdown, the writer’s own text as written', () => {
    const hostile = { id: 'hx', abbreviation: 'HX', expansion: '<img src=x onerror=alert(1)> [x](command:y)' };
    const text = 'The HX here.';
    const [finding] = spellOutFindings(text, [{ termId: 'hx', start: 4, end: 6 }], () => hostile);
    assert.equal(finding.replacement, '\\<img src=x onerror=alert(1)\\> \\[x\\](command:y) (HX)');
  });

  it('offers the abbreviation for a later full spelling', () => {
    assert.deepEqual(findings('The qualitative military edge (QME) holds; the qualitative military edge is law.'), [
      ['later-full', 'qualitative military edge', 'QME'],
    ]);
  });
});
