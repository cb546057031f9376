import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { loadReference, type Reference } from '../../src/core/reference';

// Cases the 2026 content review raised about how writers' everyday wording reaches the bundled cards.
// They run on the real built index, so a change to an alias or a new term that claims one shows up here.
const reference: Reference = loadReference(readFileSync(join(__dirname, '..', '..', 'dist', 'reference-index.json'), 'utf8'));

/** The term ids found in `text`, each with the words that matched, in reading order. */
function cards(text: string): string[] {
  return reference.findTerms(text).map((match) => `${match.termId}:${text.slice(match.start, match.end)}`);
}

describe('bundled content: everyday wording reaches the right card', () => {
  it('gives the October 7 attack card to the bare date and its abbreviated form', () => {
    assert.deepEqual(cards('Since October 7, aid has risen.'), ['october-7-attack:October 7']);
    assert.deepEqual(cards('After Oct. 7 the Senate voted.'), ['october-7-attack:Oct. 7']);
    assert.deepEqual(cards('The October 7 attack began the war.'), ['october-7-attack:October 7 attack']);
  });

  it('does not read other October dates as the attack', () => {
    assert.deepEqual(cards('On October 17 the center opened.'), []);
  });

  it('gives a generic CENTCOM mention the general Central Command card, not the 2021 move', () => {
    assert.deepEqual(cards('CENTCOM opened a center in Kiryat Gat.'), ['centcom:CENTCOM']);
    assert.deepEqual(cards('U.S. Central Command said so.'), ['centcom:U.S. Central Command']);
    assert.notEqual(reference.entry('centcom-move'), undefined);
  });

  it('keeps the IAEA chief out of the Rafael card while Rafael itself still matches', () => {
    assert.deepEqual(cards('IAEA chief Rafael Grossi visited Rafael.'), ['rafael:Rafael']);
  });

  it('finds the new cards by their usual names', () => {
    assert.deepEqual(cards('the Netzah Yehuda battalion'), ['netzah-yehuda:Netzah Yehuda battalion']);
    assert.deepEqual(cards('the CMCC and the I2U2'), ['civil-military-coordination-center:CMCC', 'i2u2:I2U2']);
    assert.deepEqual(cards('Unit 8200 and the Pollard affair'), ['nsa-unit-8200:Unit 8200', 'pollard-affair:Pollard affair']);
  });
});
