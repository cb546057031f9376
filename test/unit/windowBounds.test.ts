import { strict as assert } from 'assert';
import { WINDOW_LIMITS, windowBounds } from '../../src/vscode/windowBounds';

describe('hover window bounds', () => {
  it('reads a short draft from its first line to the end of the hovered line', () => {
    const lines = [10, 0, 40, 25];
    assert.deepEqual(windowBounds({ line: 3, character: 7 }, (line) => lines[line]), { startLine: 0, startCharacter: 0, line: 3, endCharacter: 25 });
  });

  it('takes at most lineReach characters either side on a huge single line, and asks for no other line', () => {
    const asked: number[] = [];
    const bounds = windowBounds({ line: 0, character: 5_000_000 }, (line) => {
      asked.push(line);
      return 10_000_000;
    });
    assert.deepEqual(bounds, { startLine: 0, startCharacter: 5_000_000 - WINDOW_LIMITS.lineReach, line: 0, endCharacter: 5_000_000 + WINDOW_LIMITS.lineReach });
    assert.deepEqual(asked, [0]);
  });

  it('stops at linesBefore lines and at the character budget', () => {
    const many = windowBounds({ line: 10_000, character: 3 }, () => 20);
    assert.equal(many.startLine, 10_000 - WINDOW_LIMITS.linesBefore);
    const long = windowBounds({ line: 50, character: 3 }, (line) => (line === 45 ? 1_000_000 : 20));
    assert.equal(long.startLine, 46, 'a line longer than the budget ends the look-back');
    const wide = windowBounds({ line: 100, character: 3 }, () => 5_000);
    assert.ok((100 - wide.startLine) * 5_001 <= WINDOW_LIMITS.charsBefore);
  });

  it('clamps a position past the end of its line', () => {
    assert.deepEqual(windowBounds({ line: 0, character: 99 }, () => 10), { startLine: 0, startCharacter: 0, line: 0, endCharacter: 10 });
  });
});
