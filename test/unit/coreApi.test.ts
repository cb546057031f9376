import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { join } from 'path';

// dist/core.js as a tool or the cold-start bench uses it: in a fresh process, so that what it
// requires can be seen (the test process itself may have loaded anything).
const dist = join(__dirname, '..', '..', 'dist');

function run(script: string): Record<string, unknown> {
  const result = spawnSync(process.execPath, ['-e', `const core = require(${JSON.stringify(join(dist, 'core.js'))});\nconst fullPath = require.resolve(${JSON.stringify(join(dist, 'core-full.js'))});\nconst loadedFull = () => Boolean(require.cache[fullPath]);\n${script}`], { encoding: 'utf8' });
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
      process.stdout.write(JSON.stringify({ match, title: term.title, sources, draft, terms: reference.terms().length, loadedFull: loadedFull() }));
    `);
    assert.deepEqual(seen.match, { termId: 'iron-dome', start: 4, end: 13 });
    assert.equal(seen.title, 'Iron Dome');
    assert.ok((seen.sources as string[]).length > 0 && (seen.sources as string[]).every(Boolean));
    assert.deepEqual(seen.draft, ['qme', 'iron-dome']);
    assert.ok((seen.terms as number) > 80);
    assert.equal(seen.loadedFull, false, 'a hover required dist/core-full.js');
  });

  it('requires the full bundle on the first search, section, event or figure check, and answers as it does', () => {
    const seen = run(`
      const reference = core.loadBundledReference();
      const full = require(fullPath).loadBundledReference();
      const before = loadedFull();
      const same = JSON.stringify(reference.search('iron dome')) === JSON.stringify(full.search('iron dome'))
        && JSON.stringify(reference.sections()) === JSON.stringify(full.sections())
        && reference.entry(full.events()[0].id).title === full.events()[0].title
        && reference.source(full.sources()[0].id).id === full.sources()[0].id
        && reference.checkFigures('Under the 2016 MOU, the United States pledged $35 billion over ten years.').length === 1;
      process.stdout.write(JSON.stringify({ before, same, after: loadedFull() }));
    `);
    assert.deepEqual(seen, { before: true, same: true, after: true });
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
