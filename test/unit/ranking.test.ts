import { strict as assert } from 'assert';
import { rankCandidates, type RankCandidate, type RankContext } from '../../src/core/ranking';

// A tiny world: names as normalised words, and which terms each event is about.
const NAMES: Record<string, string[][]> = {
  'iron-dome': [['iron', 'dome']],
  'iron-beam': [['iron', 'beam']],
  qme: [['qualitative', 'military', 'edge'], ['qme']],
  'nvta-2008': [['naval', 'vessel', 'transfer', 'act'], ['qme', 'law']],
  'thaad-israel': [['thaad']],
  'thaad-event': [['thaad', 'battery', 'arrive']],
  'yom-kippur-war': [['yom', 'kippur', 'war']],
  us: [['us']],
};
const EVENT_TERMS: Record<string, string[]> = { 'thaad-event': ['thaad-israel', 'yom-kippur-war'] };
const context: RankContext = { names: (id) => NAMES[id] ?? [], eventTerms: (id) => EVENT_TERMS[id] ?? [] };

const ids = (ranked: RankCandidate[]) => ranked.map((candidate) => candidate.id);

describe('rankCandidates', () => {
  it('puts the entry whose name is the whole query first, whatever the scores', () => {
    const hits: RankCandidate[] = [
      { id: 'nvta-2008', kind: 'term', score: 90 },
      { id: 'qme', kind: 'term', score: 10 },
    ];
    assert.deepEqual(ids(rankCandidates(['qme'], hits, context)), ['qme', 'nvta-2008']);
  });

  it('puts an entry named inside the query above one that only shares a word ("iron dome cost")', () => {
    const hits: RankCandidate[] = [
      { id: 'iron-beam', kind: 'term', score: 140 },
      { id: 'iron-dome', kind: 'term', score: 13 },
    ];
    assert.deepEqual(ids(rankCandidates(['iron', 'dome', 'cost'], hits, context)), ['iron-dome', 'iron-beam']);
  });

  it('ranks a term above an event that merely names it, but not a term the query does not name', () => {
    const hits: RankCandidate[] = [
      { id: 'thaad-event', kind: 'event', score: 60 },
      { id: 'yom-kippur-war', kind: 'term', score: 30 },
      { id: 'thaad-israel', kind: 'term', score: 50 },
    ];
    // "thaad" is thaad-israel's whole name (a tier of its own); with a longer query it must still lead the event.
    assert.deepEqual(ids(rankCandidates(['thaad', 'deployment'], hits, context)), ['thaad-israel', 'thaad-event', 'yom-kippur-war']);
  });

  it('drops weak hits below the cut-off fraction of the best score, unless named', () => {
    const hits: RankCandidate[] = [
      { id: 'a', kind: 'term', score: 100 },
      { id: 'b', kind: 'section', score: 6 },
      { id: 'c', kind: 'term', score: 4 },
      { id: 'qme', kind: 'term', score: 1 },
    ];
    assert.deepEqual(ids(rankCandidates(['qme'], hits, context)), ['qme', 'a', 'b']);
    assert.deepEqual(ids(rankCandidates(['zzz'], hits, context, { cutoff: 0.5 })), ['a']);
  });

  it('lets no one- or two-letter name count inside a longer query', () => {
    const hits: RankCandidate[] = [
      { id: 'iron-dome', kind: 'term', score: 50 },
      { id: 'us', kind: 'term', score: 10 },
    ];
    assert.deepEqual(ids(rankCandidates(['us', 'aid'], hits, context)), ['iron-dome', 'us']);
    assert.deepEqual(ids(rankCandidates(['us'], hits, context)), ['us', 'iron-dome'], 'but the whole query may be a short name');
  });

  it('returns strictly decreasing scores, so a later sort by score keeps the order', () => {
    const hits: RankCandidate[] = [
      { id: 'iron-beam', kind: 'term', score: 140 },
      { id: 'iron-dome', kind: 'term', score: 13 },
      { id: 'x', kind: 'event', score: 100 },
    ];
    const ranked = rankCandidates(['iron', 'dome'], hits, context);
    for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1].score > ranked[i].score);
    assert.deepEqual(rankCandidates(['x'], [], context), []);
  });
});
