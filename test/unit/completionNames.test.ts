import { strict as assert } from 'assert';
import { termNameCompletions } from '../../src/core/completionNames';

const qme = { abbreviation: 'QME', expansion: 'qualitative military edge', title: 'Qualitative military edge', aliases: ['QME', 'qualitative military edge', 'Qualitative Military Edge'] };
const ironDome = { title: 'Iron Dome', aliases: ['Iron Dome', 'Kipat Barzel'] };

describe('term name completion', () => {
  it('offers a name once, in the case the writer typed', () => {
    assert.deepEqual(termNameCompletions(qme, 'The qual'), [{ name: 'qualitative military edge', typed: 4 }]);
    assert.deepEqual(termNameCompletions(qme, 'The Qual'), [{ name: 'Qualitative military edge', typed: 4 }]);
    assert.deepEqual(termNameCompletions(qme, 'The Qualitative Mil'), [{ name: 'Qualitative Military Edge', typed: 15 }]);
  });

  it('falls back to the first spelling listed when no case matches what was typed', () => {
    assert.deepEqual(termNameCompletions(qme, 'The QUAL'), [{ name: 'qualitative military edge', typed: 4 }]);
  });

  it('offers the abbreviation and the full name as two items, each once', () => {
    assert.deepEqual(termNameCompletions({ ...qme, aliases: [...qme.aliases, 'QMEs'] }, 'its QM').map((item) => item.name), ['QME', 'QMEs']);
  });

  it('needs two typed characters at a word start, and nothing once the name is complete', () => {
    assert.deepEqual(termNameCompletions(ironDome, 'an I'), []);
    assert.deepEqual(termNameCompletions(ironDome, 'the xIr'), []);
    assert.deepEqual(termNameCompletions(ironDome, 'the Iron Dome'), []);
    assert.deepEqual(termNameCompletions(ironDome, 'the Ki'), [{ name: 'Kipat Barzel', typed: 2 }]);
  });
});
