import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { join } from 'path';

// dist/core.js as a tool or the cold-start bench uses it: in a fresh process, so that what it
// requires can be seen (the test process itself may have loaded anything).
const dist = join(__dirname, '..', '..', 'dist');

function run(script: string): Record<string, unknown> {
  const result = spawnSync(process.execPath, ['-e', `const core = require(${JSON.stringify(join(dist, 'core.js'))});\nconst fullPath = require.resolve(${JSON.stringify(join(dist, 'core-full.js'))});\nconst loadedFull = () => Boolean(require.cache[fullPath]);\nconst loadedReference = () => Boolean(require.cache[require.resolve(${JSON.stringify(join(dist, 'core-reference.js'))})]);\n${script}`], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe('dist/core.js', () => {
  it('hovers, shows a card and scans a draft without requiring the full bundle', () => {
    const seen = run(`
      const reference = core.loadBundledReference();
      const match = reference.termAt('The Iron Dome battery', 6, { markdown: true });
      const term = reference.entry(match.termId);
      const sources = term.sources.map((id) => reference.source(id)?.id);
      const draft = reference.draftTerms('The QME rule and the Iron Dome.', { markdown: true }).map((found) => found.termId);
      process.stdout.write(JSON.stringify({ match, title: term.title, sources, draft, terms: reference.terms().length, loadedFull: loadedFull(), loadedReference: loadedReference() }));
    `);
    assert.deepEqual(seen.match, { termId: 'iron-dome', start: 4, end: 13 });
    assert.equal(seen.title, 'Iron Dome');
    assert.ok((seen.sources as string[]).length > 0 && (seen.sources as string[]).every(Boolean));
    assert.deepEqual(seen.draft, ['qme', 'iron-dome']);
    assert.ok((seen.terms as number) > 80);
    assert.equal(seen.loadedFull, false, 'a hover required dist/core-full.js');
    assert.equal(seen.loadedReference, false, 'a hover required dist/core-reference.js');
  });

  it('requires the reference bundle, not the whole core, on the first search, section, event or figure check, and answers as the whole core does', () => {
    const seen = run(`
      const reference = core.loadBundledReference();
      const answers = JSON.stringify([
        reference.search('iron dome'), reference.sections(), reference.events(), reference.sources(),
        reference.checkFigures('Under the 2016 MOU, the United States pledged $35 billion over ten years.'),
        reference.cslJson(['crs-rl33222']), reference.termAt('The Arrow 3 test', 6), reference.entry('qme'),
      ]);
      const loaded = { reference: loadedReference(), full: loadedFull() };
      const whole = require(fullPath).loadBundledReference();
      const expected = JSON.stringify([
        whole.search('iron dome'), whole.sections(), whole.events(), whole.sources(),
        whole.checkFigures('Under the 2016 MOU, the United States pledged $35 billion over ten years.'),
        whole.cslJson(['crs-rl33222']), whole.termAt('The Arrow 3 test', 6), whole.entry('qme'),
      ]);
      process.stdout.write(JSON.stringify({ loaded, same: answers === expected, figures: JSON.parse(answers)[4].length }));
    `);
    assert.deepEqual(seen, { loaded: { reference: true, full: false }, same: true, figures: 1 });
  });

  it('stands in for a Reference: awaited, inspected and asked what it has without loading the rest', () => {
    const seen = run(`
      (async () => {
        const reference = core.loadBundledReference();
        const awaited = (await Promise.resolve(reference)) === reference;
        require('util').inspect(reference);
        const quiet = !loadedReference();
        const has = ['search', 'termAt', 'sections'].every((name) => name in reference) && !('noSuchMethod' in reference);
        const same = reference.termAt === reference.termAt && reference.search === reference.search;
        process.stdout.write(JSON.stringify({ awaited, quiet, has, same, stillQuiet: !loadedReference() }));
      })();
    `);
    assert.deepEqual(seen, { awaited: true, quiet: true, has: true, same: true, stillQuiet: true });
  });

  it('offers every export of the core, the ones it lacks through the full bundle', () => {
    const seen = run(`
      const names = Object.keys(core);
      const fullNames = Object.keys(require(fullPath));
      process.stdout.write(JSON.stringify({ missing: fullNames.filter((name) => !names.includes(name)), validate: typeof core.validateContent, search: typeof core.loadSearchIndex }));
    `);
    assert.deepEqual(seen, { missing: [], validate: 'function', search: 'function' });
  });
});
