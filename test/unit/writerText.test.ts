import { strict as assert } from 'assert';
import { expansionAt, expansionOf, factWithCitation, primarySource, spelledOutBefore } from '../../src/core/writerText';
import type { Fact, Source, Term } from '../../src/core/model';

const qme = { abbreviation: 'QME', expansion: 'qualitative military edge', aliases: ['QME', 'qualitative military edge'] };
// Before the content team fills `expansion`: the alias whose initials spell the abbreviation.
const qmeWithoutExpansion = { abbreviation: 'QME', aliases: ['QME', 'qualitative military edge', 'qualitative edge'] };
// A descriptive title and aliases that are not what the abbreviation stands for.
const dsca = { abbreviation: 'FMS', aliases: ['FMS', 'Defense Security Cooperation Agency', 'foreign military sales program'] };
const thaad = { abbreviation: 'THAAD', aliases: ['THAAD', 'THAAD deployment to Israel'] };

const at = (text: string, needle: string, term: Parameters<typeof expansionAt>[2], occurrence = 0) => {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(needle, start + 1);
  return expansionAt(text, { start, end: start + needle.length }, term);
};

describe('writer text: expansions', () => {
  it('uses the content’s expansion, else an alias whose initials spell the abbreviation, else nothing', () => {
    assert.equal(expansionOf(qme), 'qualitative military edge');
    assert.equal(expansionOf(qmeWithoutExpansion), 'qualitative military edge');
    assert.equal(expansionOf(dsca), undefined, 'DSCA is not what FMS stands for');
    assert.equal(expansionOf(thaad), undefined, 'a descriptive heading is not an expansion');
    assert.equal(expansionOf({ aliases: ['Iron Dome'] }), undefined);
  });

  it('writes "qualitative military edge (QME)" at a first use, capitalised at a sentence start', () => {
    assert.equal(at('We keep the QME in view.', 'QME', qme), 'qualitative military edge (QME)');
    assert.equal(at('QME matters.', 'QME', qme), 'Qualitative military edge (QME)');
    assert.equal(at('Aid rose.\n\n- QME again', 'QME', qme), 'Qualitative military edge (QME)');
    assert.equal(at('the qualitative military edge matters', 'qualitative military edge', qme), 'qualitative military edge (QME)');
  });

  it('is not offered once the draft has spelled the term out, or where the pair is already written', () => {
    const text = 'The qualitative military edge (QME) is law. Later, the QME is cited.';
    assert.equal(at(text, 'QME', qme, 1), undefined);
    assert.equal(at(text, 'qualitative military edge', qme), undefined, 'already followed by (QME)');
    assert.equal(at('The QME (qualitative military edge) is law.', 'QME', qme), undefined, 'spelled out the other way round');
    assert.equal(at('The QME and the FMS.', 'FMS', dsca), undefined, 'no expansion known');
    assert.equal(at("Israel's QME's reach", "QME's", qme), undefined, 'a possessive is not rewritten');
  });

  it('writes the content’s part as inert Markdown, the writer’s own text as written', () => {
    const hostile = { abbreviation: 'XQ', expansion: 'x <img src=y onerror=z> q', aliases: ['XQ'] };
    assert.equal(at('The XQ here.', 'XQ', hostile), 'x \\<img src=y onerror=z\\> q (XQ)');
    const fact: Fact = { text: 'A *claim* with <b>markup</b> and [a link](javascript:x).', sources: [] };
    assert.equal(factWithCitation(fact, undefined, { source: () => undefined }), 'A \\*claim\\* with \\<b\\>markup\\</b\\> and \\[a link\\](javascript:x).');
  });

  it('decides "spelled out before this offset" on whole words, across emphasis and line breaks', () => {
    assert.equal(spelledOutBefore('QME first; qualitative military edge later', 3, qme), false);
    assert.equal(spelledOutBefore('*Qualitative military\nedge* (QME) … QME', 30, qme), true);
    assert.equal(spelledOutBefore('nonqualitative military edges … QME', 30, qme), false);
    assert.equal(spelledOutBefore('anything', 0, qme), false);
  });
});

describe('writer text: citations', () => {
  const sources: Record<string, Source> = {
    'pl-110-429': { id: 'pl-110-429', title: 'Public Law 110-429', publisher: 'U.S. Congress', date: '2008-10-15', url: 'https://www.congress.gov/x', type: 'statute' },
    'crs-rl33222': { id: 'crs-rl33222', title: 'U.S. Foreign Aid to Israel', author: 'Jeremy M. Sharp', publisher: 'Congressional Research Service', date: '2023-03-01', url: 'https://crsreports.congress.gov/y', type: 'crs-report' },
  };
  const lookup = { source: (id: string) => sources[id] };

  it('cites an entry’s primary source: the strongest kind it cites, the first listed among equals', () => {
    const withOpinion: Record<string, Source> = { ...sources, oped: { id: 'oped', title: 'Op-ed', publisher: 'Paper', date: '2020', url: 'https://example.org/o', type: 'opinion' } };
    const strong = { source: (id: string) => withOpinion[id] };
    const term = { kind: 'term', sources: ['oped', 'unknown', 'crs-rl33222'], facts: [{ text: 'x', sources: ['pl-110-429'] }] } as unknown as Term;
    assert.equal(primarySource(term, strong)?.id, 'pl-110-429', 'the statute, though a fact cites it and the entry lists an op-ed first');
    assert.equal(primarySource({ ...term, facts: [] } as Term, strong)?.id, 'crs-rl33222', 'a CRS report before an op-ed');
    assert.equal(primarySource({ ...term, sources: ['oped'], facts: [] } as Term, strong)?.id, 'oped', 'a weak source when it is all there is');
    assert.equal(primarySource({ ...term, sources: [], facts: [] } as Term, strong), undefined);
  });

  it('copies a fact with its date, its sources, where in them, and their addresses', () => {
    const fact: Fact = { text: 'Public Law 110-429 defined QME.', sources: ['pl-110-429', 'crs-rl33222'], at: { 'pl-110-429': 'sec. 201' } };
    assert.equal(
      factWithCitation(fact, { asOf: '2025-05' }, lookup),
      'Public Law 110-429 defined QME (as of May 2025). (Sources: “Public Law 110-429,” U.S. Congress, 15 October 2008, sec. 201, https://www.congress.gov/x; Jeremy M. Sharp, “U.S. Foreign Aid to Israel,” Congressional Research Service, 1 March 2023, https://crsreports.congress.gov/y)',
    );
    assert.equal(factWithCitation({ ...fact, asOf: '2014-08' }, { asOf: '2025-05' }, lookup).includes('(as of August 2014)'), true, 'the fact’s own date wins');
    assert.equal(factWithCitation({ text: 'No source.', sources: ['unknown'] }, undefined, lookup), 'No source.');
  });
});
