import { strict as assert } from 'assert';
import { unmatchableLabel } from '../../src/core/quickPickLabel';

describe('unmatchableLabel', () => {
  it('joins every character with a word joiner, so no query of two or more characters is a substring', () => {
    const label = unmatchableLabel('Qualitative military edge (QME)');
    assert.equal(label.replace(/\u2060/g, ''), 'Qualitative military edge (QME)', 'reads the same');
    for (const query of ['qme', 'QME', 'qu', 'military edge', 'edge (']) assert.ok(!label.toLowerCase().includes(query.toLowerCase()), query);
  });

  it('is one safe line: no controls, no reordering characters, no icon syntax, capped, surrogate pairs whole', () => {
    const label = unmatchableLabel('$(alert) Iron\nDome\u202E 🚀');
    assert.ok(!label.includes('$('), 'a $( never forms');
    assert.ok(!/[\n\u202e]/.test(label));
    assert.equal(label.replace(/\u2060/g, ''), '$(alert) Iron Dome 🚀');
    assert.ok(label.includes('🚀'), 'the astral character is not split by a joiner');
    assert.equal(unmatchableLabel('x'.repeat(500), 10).replace(/\u2060/g, '').length, 10);
  });
});
