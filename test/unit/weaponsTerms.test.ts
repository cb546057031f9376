import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { loadReference, type Reference } from '../../src/core/reference';

// Runs on the real bundled content (built by `npm run build` before the unit tests), because what
// is checked here is how the glossary's aliases divide the words writers use between cards.
const reference: Reference = loadReference(readFileSync(join(__dirname, '..', '..', 'dist', 'reference-index.json'), 'utf8'));

function idsIn(text: string): string[] {
  return reference.findTerms(text, { markdown: true }).map((match) => match.termId);
}

describe('weapons and operations cards on the bundled glossary', () => {
  it('opens the general THAAD card for a generic "THAAD", and the Israel card only for its deployments', () => {
    assert.deepEqual(idsIn('A THAAD battery can stop an intermediate-range missile.'), ['thaad']);
    assert.deepEqual(idsIn('THAAD interceptors are scarce.'), ['thaad']);
    assert.deepEqual(idsIn('The THAAD deployments to Israel began in 2019.'), ['thaad-israel']);
    assert.deepEqual(idsIn('After the THAAD deployment to Israel, THAAD stocks fell.'), ['thaad-israel', 'thaad']);
  });

  it('spells out THAAD on the general card, which carries the abbreviation the Israel card gave up', () => {
    const general = reference.entry('thaad');
    const israel = reference.entry('thaad-israel');
    assert.ok(general?.kind === 'term' && general.abbreviation === 'THAAD' && general.expansion === 'Terminal High Altitude Area Defense');
    assert.ok(israel?.kind === 'term' && israel.abbreviation === undefined && !israel.aliases.includes('THAAD'));
  });

  it('keeps people and laws that share a word with a weapon off the weapon cards', () => {
    assert.deepEqual(idsIn('Patriot batteries left Israel in 2024.'), ['patriot']);
    assert.deepEqual(idsIn('The Patriot Act was renewed.'), []);
    assert.deepEqual(idsIn('Iron Dome fires the Tamir.'), ['iron-dome', 'tamir']);
    assert.deepEqual(idsIn('Tamir Pardo led the Mossad; Tamir Hayman led military intelligence.'), []);
  });

  it('finds the bomb and guidance-kit cards in the forms the 2024 debates used', () => {
    assert.deepEqual(idsIn('The pause covered 1,800 2,000-pound bombs.'), ['mk-84']);
    assert.deepEqual(idsIn('MK-84 bombs fitted with JDAM kits'), ['mk-84', 'jdam']);
    assert.deepEqual(idsIn('B-2s dropped GBU-57 bombs; each MOP weighs 30,000 pounds.'), ['gbu-57', 'gbu-57']);
  });

  it('names the wars and Iranian operations by the names each side uses', () => {
    assert.deepEqual(idsIn('Operation Swords of Iron, the Gaza war'), ['gaza-war', 'gaza-war']);
    assert.deepEqual(idsIn('Iran called it True Promise II.'), ['operation-true-promise']);
    assert.deepEqual(idsIn('Operation Rough Rider followed Prosperity Guardian.'), ['red-sea-operations', 'red-sea-operations']);
  });
});
