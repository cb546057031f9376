import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { ComposedReference } from '../../src/core/composedReference';
import { fieldPath, locate, positionAt, readJson } from '../../src/core/jsonLocate';
import { loadReference } from '../../src/core/reference';
import { glossaryTree } from '../../src/core/tree';
import { GLOSSARY_LIMITS, bundledIds, readWorkspaceGlossaries, sourcesPathFor, type GlossaryInput } from '../../src/core/workspaceGlossary';

// The bundled reference, built by `npm run build` before the unit tests.
const reference = loadReference(readFileSync(join(__dirname, '..', '..', 'dist', 'reference-index.json'), 'utf8'));
const ids = bundledIds(reference);

/** A term that passes every rule, citing one inline source and one bundled source. */
function term(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    title: `Team program ${id}`,
    shortTitle: `Program ${id}`.slice(0, 28),
    abbreviation: id.toUpperCase().replace(/-/g, ''),
    expansion: `team program ${id}`,
    aliases: [id.toUpperCase().replace(/-/g, ''), `team program ${id}`],
    category: 'weapons-and-programs',
    summary: 'A program the team tracks. It appears in the office style guide.',
    facts: [
      { text: 'The program began in 2019.', sources: ['team-memo'], at: { 'team-memo': 'p. 1' } },
      { text: 'US aid figures are in the CRS report.', sources: ['crs-rl33222'], at: { 'crs-rl33222': 'Summary' } },
    ],
    sources: ['team-memo'],
    asOf: '2025-01',
    ...overrides,
  };
}

const teamSource = { id: 'team-memo', title: 'Team memo', publisher: 'The Office', date: '2024-05-01', url: 'https://example.org/memo', type: 'research' };

function glossary(path: string, value: unknown, sources?: unknown): GlossaryInput {
  return { glossary: { path, text: JSON.stringify(value, null, 2) }, ...(sources !== undefined && { sources: { path: sourcesPathFor(path)!, text: JSON.stringify(sources, null, 2) } }) };
}

describe('readJson (the locating JSON reader)', () => {
  it('reads what JSON.parse reads and places each value', () => {
    const text = '{"a": [1, {"b": "x\\u0041"}], "c": null}';
    const read = readJson(text);
    assert.ok(read.ok);
    assert.deepEqual(JSON.parse(JSON.stringify(read.value)), JSON.parse(text));
    const node = locate(read.root, ['a', 1, 'b']);
    assert.equal(text.slice(node.start, node.end), '"x\\u0041"');
    // A missing step stops at the deepest node found.
    assert.equal(locate(read.root, ['a', 7]).start, text.indexOf('['));
  });

  it('reads the hostile-input glossary (every escape and odd character) exactly as JSON.parse does', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'workspace', 'hostile', 'hostile.terms.json'), 'utf8');
    const read = readJson(text);
    assert.ok(read.ok);
    assert.deepEqual(read.value, JSON.parse(text));
    const escapes = '["a\\"b", "\\\\", "\\/", "\\b\\f\\n\\r\\t", "\\u00e9\\ud83d\\ude00", -1.5e3, true, false, null, {}]';
    const small = readJson(escapes);
    assert.ok(small.ok);
    assert.deepEqual(small.value, JSON.parse(escapes));
  });

  it('gives the offset of the first syntax error, and never the input in its reason', () => {
    for (const [text, offset] of [
      ['[1, 2', 5],
      ['{"a" 1}', 5],
      ['[1,]', 3],
      ['{"a": "unterminated', 6],
      ['', 0],
      ['[1] x', 4],
      ['{"k": [1 2]}', 9],
    ] as const) {
      const read = readJson(text);
      assert.ok(!read.ok, text);
      assert.equal(read.offset, offset, `${text}: ${read.reason}`);
    }
    const hostile = readJson('[ "a", [command:x](y) ]');
    assert.ok(!hostile.ok && !hostile.reason.includes('command'));
  });

  it('keeps "__proto__" as data and refuses nesting past its limit without overflowing', () => {
    const read = readJson('{"__proto__": {"polluted": true}}');
    assert.ok(read.ok);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(Object.keys(read.value as object), ['__proto__']);
    const deep = readJson('['.repeat(100_000));
    assert.ok(!deep.ok && /nested more than/.test(deep.reason));
  });

  it('splits validator labels into steps, whatever the id holds', () => {
    assert.deepEqual(fieldPath('[2] (qme).facts[0].at.crs-1'.replace(' (qme)', '')), [2, 'facts', 0, 'at', 'crs-1']);
    assert.deepEqual(fieldPath('[2] (a.b[3]).title', 'a.b[3]'), [2, 'title']);
    assert.deepEqual(fieldPath('(file)'), []);
    assert.deepEqual(positionAt('a\nbc', 3), { line: 1, character: 1 });
  });
});

describe('readWorkspaceGlossaries', () => {
  it('loads a valid glossary in either form, with its sources inline or beside it', () => {
    const asObject = readWorkspaceGlossaries([glossary('docs/team.terms.json', { terms: [term('zeta-one')], sources: [teamSource] })], ids);
    assert.deepEqual(asObject.problems.filter((problem) => problem.severity === 'error'), []);
    assert.deepEqual(asObject.terms.map((loaded) => loaded.id), ['zeta-one']);
    assert.equal(asObject.origins.get('zeta-one'), 'docs/team.terms.json');
    const asArray = readWorkspaceGlossaries([glossary('team.terms.json', [term('zeta-two')], [teamSource])], ids);
    assert.deepEqual(asArray.problems.filter((problem) => problem.severity === 'error'), []);
    assert.deepEqual(asArray.sources.map((source) => source.id), ['team-memo']);
    assert.deepEqual(asArray.files, [{ path: 'team.terms.json', loaded: 1, refused: 0 }]);
  });

  it('places each problem on its field with the reason, and loads the other terms', () => {
    const input = glossary('team.terms.json', { terms: [term('good-one'), term('bad-one', { category: 'nonsense', facts: [{ text: 'x', sources: ['nowhere'] }] })], sources: [teamSource] });
    const result = readWorkspaceGlossaries([input], ids);
    assert.deepEqual(result.terms.map((loaded) => loaded.id), ['good-one']);
    const text = input.glossary.text;
    const category = result.problems.find((problem) => problem.field === 'terms[1].category');
    assert.ok(category, JSON.stringify(result.problems));
    assert.equal(category.severity, 'error');
    assert.equal(text.slice(category.start, category.end), '"nonsense"');
    assert.match(category.reason, /is not a category/);
    const source = result.problems.find((problem) => problem.field === 'terms[1].facts[0].sources[0]');
    assert.ok(source);
    assert.equal(text.slice(source.start, source.end), '"nowhere"');
    assert.match(source.reason, /not a source id in this glossary, its \.sources\.json file or the bundled reference/);
    assert.deepEqual(result.files, [{ path: 'team.terms.json', loaded: 1, refused: 1 }]);
  });

  it('refuses a malformed, oversized or overfull file whole, with a clear reason and nothing loaded', () => {
    const broken = readWorkspaceGlossaries([{ glossary: { path: 'a.terms.json', text: '[{"id": "x",,}]' } }], ids);
    assert.equal(broken.terms.length, 0);
    assert.equal(broken.problems.length, 1);
    assert.equal(broken.problems[0].start, 12);
    assert.match(broken.problems[0].reason, /^is not valid JSON: /);
    const huge = readWorkspaceGlossaries([{ glossary: { path: 'b.terms.json', text: ' '.repeat(GLOSSARY_LIMITS.maxFileLength + 1) } }], ids);
    assert.match(huge.problems[0].reason, /at most 1,048,576/);
    const many = readWorkspaceGlossaries([glossary('c.terms.json', Array.from({ length: 2001 }, () => ({})))], ids);
    assert.match(many.problems[0].reason, /holds 2001 terms; a glossary file holds at most 2000/);
    assert.equal(many.terms.length, 0);
  });

  it('refuses ids the bundled reference has taken, and aliases whose spellings would explode', () => {
    const result = readWorkspaceGlossaries(
      [glossary('t.terms.json', { terms: [term('qme'), term('many-hyphens', { aliases: ['A-B-C-D-E-F-G-H-I-J-K-L-M-N-O-P-Q-R-S-T-U', 'team program many hyphens'] })], sources: [teamSource] })],
      ids,
    );
    assert.deepEqual(result.terms, []);
    assert.ok(result.problems.some((problem) => problem.field === 'terms[0].id' && /already an entry of the bundled reference/.test(problem.reason)));
    assert.ok(result.problems.some((problem) => problem.field === 'terms[1].aliases[0]' && /has 20 hyphens/.test(problem.reason)));
  });

  it('reports two workspace files claiming the same id or alias, and keeps the first', () => {
    const result = readWorkspaceGlossaries(
      [glossary('a.terms.json', { terms: [term('dup-one')], sources: [teamSource] }), glossary('b.terms.json', { terms: [term('dup-one', { title: 'Other' })] })],
      ids,
    );
    assert.deepEqual(result.terms.map((loaded) => loaded.id), ['dup-one']);
    assert.equal(result.origins.get('dup-one'), 'a.terms.json');
    assert.ok(result.problems.some((problem) => problem.path === 'b.terms.json' && problem.field === 'terms[0].id' && /already used by a\.terms\.json/.test(problem.reason)), JSON.stringify(result.problems));
  });
});

describe('ComposedReference', () => {
  const teamGlossary = readWorkspaceGlossaries(
    [glossary('team.terms.json', { terms: [term('zeta-program'), term('team-edge', { aliases: ['QME', 'team edge concept'], abbreviation: 'TEC', expansion: 'team edge concept' })], sources: [teamSource] })],
    ids,
  );

  it('adds workspace terms to lookups, matching, search and sources, leaving the bundled ones', () => {
    const composed = new ComposedReference(reference, teamGlossary, 'bundled');
    assert.equal(composed.entry('zeta-program')?.title, 'Team program zeta-program');
    assert.equal(composed.entry('qme')?.title, reference.entry('qme')?.title);
    assert.equal(composed.terms().length, reference.terms().length + 2);
    assert.equal(composed.source('team-memo')?.publisher, 'The Office');
    assert.equal(composed.origin('zeta-program'), 'team.terms.json');
    assert.equal(composed.origin('qme'), undefined);
    assert.deepEqual(composed.termAt('The ZETAPROGRAM plan', 6), { termId: 'zeta-program', start: 4, end: 15 });
    assert.deepEqual(composed.findTerms('ZETAPROGRAM and Iron Dome').map((match) => match.termId), ['zeta-program', 'iron-dome']);
    assert.equal(composed.search('ZETAPROGRAM', { limit: 5 })[0].id, 'zeta-program');
    assert.equal(composed.search('iron dome', { limit: 5 })[0].id, 'iron-dome');
    assert.ok(composed.search('zeta program', { limit: 40 }).some((hit) => hit.id === 'zeta-program'));
    assert.deepEqual(composed.search('zeta', { kinds: ['section'] }), reference.search('zeta', { kinds: ['section'] }));
    assert.deepEqual(composed.draftTerms('ZETAPROGRAM first.').map((used) => [used.termId, used.spelledOut]), [['zeta-program', false]]);
  });

  it('reports an alias a workspace term shares with a bundled term; the precedence setting picks the side', () => {
    const bundledFirst = new ComposedReference(reference, teamGlossary, 'bundled');
    assert.deepEqual(
      bundledFirst.clashes().map((clash) => [clash.alias, clash.workspaceTermId, clash.bundledTermId, clash.winner]),
      [['QME', 'team-edge', 'qme', 'bundled']],
    );
    assert.equal(bundledFirst.termAt('The QME rule', 5)?.termId, 'qme');
    assert.equal(bundledFirst.search('QME', { limit: 3 })[0].id, 'qme');
    const workspaceFirst = new ComposedReference(reference, teamGlossary, 'workspace');
    assert.equal(workspaceFirst.termAt('The QME rule', 5)?.termId, 'team-edge');
    assert.equal(workspaceFirst.search('QME', { limit: 3 })[0].id, 'team-edge');
    // The bundled term keeps its other names either way.
    assert.equal(workspaceFirst.termAt('the qualitative military edge', 6)?.termId, 'qme');
    assert.deepEqual(teamGlossary.placeOf('team-edge', ['aliases', 0])?.field, 'terms[1].aliases[0]');
  });

  it('with no glossary, answers exactly as the bundled reference', () => {
    const composed = new ComposedReference(reference);
    assert.deepEqual(composed.search('arrow', { limit: 5 }), reference.search('arrow', { limit: 5 }));
    assert.deepEqual(composed.findTerms('QME and Iron Dome'), reference.findTerms('QME and Iron Dome'));
    assert.deepEqual(composed.clashes(), []);
  });
});

describe('Glossary view with workspace glossaries', () => {
  it('puts the workspace terms in a last "Workspace" group and leaves the categories to the bundled terms', () => {
    const composed = new ComposedReference(
      reference,
      readWorkspaceGlossaries([glossary('team.terms.json', { terms: [term('zeta-beta'), term('zeta-alpha')], sources: [teamSource] })], ids),
    );
    const tree = glossaryTree(composed);
    const last = tree.roots.at(-1)!;
    assert.equal(last.label, 'Workspace');
    assert.deepEqual(last.children.map((node) => node.entryId), ['zeta-alpha', 'zeta-beta']);
    assert.equal(tree.byEntry.get('zeta-alpha')?.id, 'workspace-term:zeta-alpha');
    const bundledRows = tree.roots.slice(0, -1).flatMap((root) => root.children.map((node) => node.entryId));
    assert.deepEqual(bundledRows.sort(), reference.terms().map((bundledTerm) => bundledTerm.id).sort());
    assert.deepEqual(glossaryTree(new ComposedReference(reference)).roots.map((root) => root.label), glossaryTree(reference).roots.map((root) => root.label));
  });
});
