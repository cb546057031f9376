import { strict as assert } from 'assert';
import { Debouncer, KeyedTimers } from '../../src/vscode/debounce';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the search box debouncer', () => {
  it('runs once for a burst of keystrokes, after the pause', async () => {
    let runs = 0;
    const debouncer = new Debouncer(() => runs++, 20);
    for (let keystroke = 0; keystroke < 5; keystroke++) debouncer.schedule();
    assert.equal(runs, 0, 'nothing runs while typing');
    await sleep(80);
    assert.equal(runs, 1);
  });

  it('flush runs a pending call at once (Enter before the pause) and only once', async () => {
    let runs = 0;
    const debouncer = new Debouncer(() => runs++, 20);
    assert.equal(debouncer.flush(), false, 'nothing pending');
    debouncer.schedule();
    assert.equal(debouncer.flush(), true);
    assert.equal(runs, 1);
    await sleep(80);
    assert.equal(runs, 1, 'the flushed call does not run again');
  });

  it('runs nothing once disposed (the quick pick closed)', async () => {
    let runs = 0;
    const debouncer = new Debouncer(() => runs++, 20);
    debouncer.schedule();
    debouncer.dispose();
    await sleep(80);
    assert.equal(runs, 0);
  });
});

describe('per-document timers', () => {
  it('restart one key’s wait without touching another’s, and cancel or clear what is pending', async () => {
    const runs: string[] = [];
    const timers = new KeyedTimers();
    timers.schedule('a', 20, () => runs.push('a1'));
    timers.schedule('b', 20, () => runs.push('b'));
    timers.schedule('a', 20, () => runs.push('a2'));
    timers.schedule('c', 20, () => runs.push('c'));
    timers.cancel('c');
    await sleep(80);
    assert.deepEqual(runs.sort(), ['a2', 'b']);
    timers.schedule('a', 20, () => runs.push('late'));
    timers.dispose();
    await sleep(60);
    assert.deepEqual(runs.sort(), ['a2', 'b']);
  });
});
